import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { repoRoot } from "./results-file.ts";

export const cli = join(repoRoot, "packages/server/src/cli.ts");
export const DEMO_SECRET = "bench-secret";

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const env = (databaseUrl?: string) => ({
  ...process.env,
  HOST: "127.0.0.1",
  PLAUDIT_RATE_LIMITS: "off",
  PLAUDIT_DEMO_SECRET: DEMO_SECRET,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});

/** Runs the CLI to completion (seed, token, …) and returns its stdout. */
export function runCli(args: string[], databaseUrl: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", cli, ...args], {
    cwd: repoRoot,
    env: env(databaseUrl),
    encoding: "utf8",
  });
}

/** A server process on `port` (its request log goes nowhere, as behind a log shipper), ready when /healthz answers. */
export async function startProcess(
  args: string[],
  port: number,
  databaseUrl?: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: repoRoot,
    env: env(databaseUrl),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      await res.arrayBuffer();
      if (res.status < 500) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${args.join(" ")} did not start in 30 s`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  await exited;
}
