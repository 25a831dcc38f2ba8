// The `plaudit-server` the server suites spawn: src/cli.ts and the workspace code it imports
// (from source, by the repository's tsconfig paths) bundled by esbuild into one plain JavaScript
// file, once per Vitest run (the server project's globalSetup). Through the checkout's launcher
// (bin/plaudit-server.mjs) every start paid for tsx compiling and resolving ~300 modules through
// Node's loader hooks: ~1.6 s of CPU, 4–7 s on the loaded CI machine; the bundle starts in ~0.5 s
// of CPU. Same source, same `node` process an operator's start is: crash tests still kill it.
// npm dependencies stay outside the bundle, loaded from node_modules as in production, which is
// why the bundle sits inside packages/server (its node_modules, then the root's, are found by
// walking up).
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Where a run's bundle goes: node_modules/.cache (ignored by git, cleared by `npm ci`). */
export function builtCliDir(run: string): string {
  return join(serverDir, "node_modules/.cache/plaudit-test-cli", run);
}

/**
 * Bundles src/cli.ts into `<dir>/cli.mjs`; resolves to that file. `plugins` change what is bundled
 * (e2e/built-server.ts: the demo too).
 */
export async function buildCli(dir: string, plugins: Plugin[] = []): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, "cli.mjs");
  await build({
    entryPoints: [join(serverDir, "src/cli.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Every bare import not mapped by tsconfig's paths (our packages, from source) stays an
    // import of the installed package, resolved by Node at run time.
    packages: "external",
    tsconfig: resolve(serverDir, "../../tsconfig.json"),
    logLevel: "error",
    plugins,
  });
  return outfile;
}

export const removeBuiltCli = (dir: string) => rmSync(dir, { recursive: true, force: true });
