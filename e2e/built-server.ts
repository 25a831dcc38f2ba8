// The server the browser tests start: src/cli.ts bundled once per run by the server suites' own
// bundler (packages/server/testing/built-cli.ts says why: a start through tsx paid ~1.6 s of CPU
// compiling and resolving ~300 modules, 4–7 s on a busy machine — once per test file here), with
// the demo store in the bundle too. The CLI imports the demo by a name held in a variable (so a
// production start never resolves it); left so, Node would find the demo's stale dist/ and a second
// copy of the server under it. Here that one import names the package, and esbuild bundles it
// from source like the rest (tsconfig's paths).
import { readFile } from "node:fs/promises";
import type { Plugin } from "esbuild";
import { buildCli } from "../packages/server/testing/built-cli.ts";

const DEMO_IMPORT = "await import(specifier)";

const demoInTheBundle: Plugin = {
  name: "plaudit-demo-in-the-bundle",
  setup(build) {
    build.onLoad({ filter: /[\\/]packages[\\/]server[\\/]src[\\/]demo-hook\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes(DEMO_IMPORT)) {
        throw new Error(`e2e/built-server.ts: ${args.path} no longer loads the demo by \`${DEMO_IMPORT}\``);
      }
      const named = `await (specifier === DEMO_PACKAGE ? import("@plaudit/demo") : import(specifier))`;
      return { contents: source.replace(DEMO_IMPORT, named), loader: "ts" };
    });
  },
};

/** Bundles the CLI with the demo into `<dir>/cli.mjs` (a folder of built-cli.ts's builtCliDir). */
export const buildDemoServer = (dir: string): Promise<string> => buildCli(dir, [demoInTheBundle]);
