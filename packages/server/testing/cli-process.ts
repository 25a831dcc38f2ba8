import { type ChildProcess, execFile, spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { inject } from "vitest";

// The real `plaudit-server` CLI in a child process, for tests that need a second server process or
// the commands an operator types.

/** The checkout's launcher: src/cli.ts through tsx, as `npm start` and a developer run it. */
export const launcherBin = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/plaudit-server.mjs");

/**
 * What the suites spawn: this run's bundle of src/cli.ts (built-cli.ts; a start costs a third of
 * the launcher's), or the launcher under a Vitest config without the server project's globalSetup.
 */
export const cliBin = inject("plauditBuiltCli") ?? launcherBin;

/** Runs one CLI command to its end; rejects (with its output) when it exits non-zero. */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [cliBin, ...args], { env: { ...process.env, ...env } });
}

/**
 * How long a server may take to print its URL. A `--demo` server's first start seeds the demo
 * (500+ reviews, photos, loyalty): ~40 s by hand on the shared 2-core machine at load ~28, so the
 * limit is the e2e harness's and the crash kit's 120 s. A limit, not a timing assertion.
 */
export const SERVER_START_LIMIT_MS = 120_000;

export interface CliServer {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts `plaudit-server start [extra]` on a free port; resolves once it prints its URL. `--demo`
 * runs through the launcher: the demo package is imported by name at run time, and only tsx's
 * reading of the repository's paths finds it in source (the bundle would find a stale dist/).
 */
export function startCli(
  databaseUrl: string,
  env: Record<string, string> = {},
  extra: string[] = [],
): Promise<CliServer> {
  const bin = extra.includes("--demo") ? launcherBin : cliBin;
  const child = spawn(
    process.execPath,
    [bin, "start", "--port", "0", "--database-url", databaseUrl, ...extra],
    { env: { ...process.env, PLAUDIT_DEMO_SECRET: "", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const stop = () =>
    new Promise<number | null>((done) => {
      if (child.exitCode !== null) return done(child.exitCode);
      child.once("exit", (code) => done(code));
      child.kill("SIGTERM");
    });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`server did not start in ${SERVER_START_LIMIT_MS / 1000} s:\n${output}`));
    }, SERVER_START_LIMIT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        done({ child, url: match[1], output: () => output, stop });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
