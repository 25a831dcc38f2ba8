#!/usr/bin/env node
// The plaudit-server command. Installed from npm it runs the compiled CLI (dist/) with plain
// Node. In a checkout of the repository (src/ beside this folder, tsx among the dev dependencies)
// it runs the TypeScript source in this same process, so tests and `npm start` need no build of
// the server; a checkout without tsx (pruned to production dependencies) runs dist/ too.
import { existsSync } from "node:fs";

const source = new URL("../src/cli.ts", import.meta.url);
const tsx = existsSync(source) ? await import("tsx/esm/api").catch(() => undefined) : undefined;
if (tsx) {
  // The repository's tsconfig maps our packages to their source, whatever the working directory.
  tsx.register({ tsconfig: new URL("../../../tsconfig.json", import.meta.url).pathname });
  await import(source.href);
} else {
  await import("../dist/cli.js");
}
