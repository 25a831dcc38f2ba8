import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./results-file.ts";

export const cli = join(repoRoot, "packages/server/src/cli.ts");
export const DEMO_SECRET = "sk_bench_secret_0123456789abcdefghijklm";

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

/**
 * The CPUs a benchmark gives its server and its load generator, when the machine has two or more
 * and util-linux's taskset is there: kept apart, neither steals the other's core mid-measurement,
 * and the scheduler moving them about stops adding its own noise to the figures.
 */
export const pinning: { server: string[]; load: string[] } = (() => {
  try {
    execFileSync("taskset", ["-c", "0", "true"]);
  } catch {
    return { server: [], load: [] };
  }
  return availableParallelism() >= 2
    ? { server: ["taskset", "-c", "1"], load: ["taskset", "-c", "0"] }
    : { server: [], load: [] };
})();

/** A server process on `port` (its request log goes nowhere, as behind a log shipper), ready when /healthz answers. */
export async function startProcess(
  args: string[],
  port: number,
  databaseUrl?: string,
  options: { pinned?: boolean; cwd?: string } = {},
): Promise<ChildProcess> {
  const [command, ...prefix] = [...(options.pinned ? pinning.server : []), process.execPath];
  const child = spawn(command as string, [...prefix, "--import", "tsx", ...args], {
    // tsx resolves our packages by the tsconfig.json here (its paths, to source).
    cwd: options.cwd ?? repoRoot,
    env: env(databaseUrl),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 120_000; // a machine shared with other builds can be that slow
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      await res.arrayBuffer();
      if (res.status < 500) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${args.join(" ")} did not start in 120 s`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  await exited;
}
