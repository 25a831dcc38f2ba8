import type { ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BEFORE_ROOT } from "./page-builds.ts";
import { cli, freePort, startProcess, stopProcess } from "./processes.ts";
import { repoRoot } from "./results-file.ts";

/** Removes the Plaudit script tag: the same page, without Plaudit. */
export const stripPlaudit = (html: string) =>
  html.replace(/<script[^>]*\/plaudit\.js[^>]*><\/script>\n?/g, "");

export interface DemoServers {
  /** The demo shop as shipped. */
  withPlaudit: string;
  /**
   * The demo shop served by an earlier checkout's server (BENCH_BEFORE_ROOT, built) on a database
   * of its own, seeded by that checkout's demo: what the "before" build loads, so a change to the server's markup (the snippet route)
   * is measured too, not only one to plaudit.js and its chunks.
   */
  before?: string;
  /** The same server and database, serving a copy of the demo pages without the script tag. */
  withoutPlaudit: string;
  close(): Promise<void>;
}

/** The server a build's pages come from: the earlier checkout's for "before", if one is given. */
export const serverFor = (servers: DemoServers, build: string) =>
  (build === "before" && servers.before) || servers.withPlaudit;

/**
 * Two servers over one seeded SQLite database; the second serves the demo pages stripped of
 * plaudit.js. With BENCH_BEFORE_ROOT, a third: that checkout's own server.
 */
export async function startDemoServers(): Promise<DemoServers> {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-page-bench-"));
  const stripped = join(dir, "demo-without");
  cpSync(join(repoRoot, "examples/demo-store"), stripped, { recursive: true });
  for (const file of readdirSync(stripped).filter((f) => f.endsWith(".html"))) {
    writeFileSync(join(stripped, file), stripPlaudit(readFileSync(join(stripped, file), "utf8")));
  }
  const database = join(dir, "bench.sqlite");
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  for (const demoDir of [undefined, stripped]) {
    const port = await freePort();
    if (demoDir) process.env.PLAUDIT_DEMO_DIR = demoDir;
    else delete process.env.PLAUDIT_DEMO_DIR;
    children.push(await startProcess([cli, "start", "--demo", "--port", String(port)], port, database));
    urls.push(`http://127.0.0.1:${port}`);
  }
  delete process.env.PLAUDIT_DEMO_DIR;
  if (BEFORE_ROOT) {
    const port = await freePort();
    const beforeCli = join(BEFORE_ROOT, "packages/server/src/cli.ts");
    // Run from its own checkout: tsx takes our packages from the tsconfig.json's paths there. On a
    // database of its own, seeded by its own demo: an older server refuses one a newer server has
    // migrated (a migration it does not know).
    children.push(
      await startProcess(
        [beforeCli, "start", "--demo", "--port", String(port)],
        port,
        join(dir, "before.sqlite"),
        {
          cwd: BEFORE_ROOT,
        },
      ),
    );
    urls.push(`http://127.0.0.1:${port}`);
  }
  return {
    withPlaudit: urls[0]!,
    withoutPlaudit: urls[1]!,
    ...(urls[2] ? { before: urls[2] } : {}),
    async close() {
      for (const child of children) await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
