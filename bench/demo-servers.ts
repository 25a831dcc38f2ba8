import type { ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, freePort, startProcess, stopProcess } from "./processes.ts";
import { repoRoot } from "./results-file.ts";

/** Removes the Plaudit script tag: the same page, without Plaudit. */
export const stripPlaudit = (html: string) =>
  html.replace(/<script[^>]*\/plaudit\.js[^>]*><\/script>\n?/g, "");

export interface DemoServers {
  /** The demo shop as shipped. */
  withPlaudit: string;
  /** The same server and database, serving a copy of the demo pages without the script tag. */
  withoutPlaudit: string;
  close(): Promise<void>;
}

/** Two servers over one seeded SQLite database; the second serves the demo pages stripped of plaudit.js. */
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
  return {
    withPlaudit: urls[0]!,
    withoutPlaudit: urls[1]!,
    async close() {
      for (const child of children) await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
