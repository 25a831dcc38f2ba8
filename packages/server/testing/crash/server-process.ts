import { type ChildProcess, spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import { cliBin } from "../cli-process.ts";
import { makeStore } from "../fixtures.ts";
import { TEST_PG_URL } from "../pg-schema.ts";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

/** The store the crash suites write to: reviews published at once, nothing else in it. */
export const CRASH_STORE = "crash-shop";

/**
 * Makes `databaseUrl` (a SQLite path, or a test schema's URL with its `pgSchema`) ready for
 * startServerProcess: migrated, with CRASH_STORE in it. No demo seed: what the suites check is
 * their own writes.
 */
export async function prepareCrashDatabase(databaseUrl: string, pgSchema?: string): Promise<void> {
  const db = pgSchema ? openDatabase(TEST_PG_URL, { pgSchema }) : openDatabase(databaseUrl);
  try {
    await migrate(db);
    await makeStore(db, { id: CRASH_STORE, moderation: "publish" });
  } finally {
    await db.close();
  }
}

/**
 * The real CLI (`plaudit-server start`, production, as an operator runs it) in its own process,
 * rate limits off, on a free port. Resolves when it prints its URL.
 */
export function startServerProcess(databaseUrl: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [cliBin, "start", "--port", "0", "--database-url", databaseUrl], {
    cwd: repoRoot,
    env: { ...process.env, HOST: "127.0.0.1", PLAUDIT_RATE_LIMITS: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((done, fail) => {
    // As generous as the e2e harness: a start took up to ~40 s on a busy two-core machine (a
    // start deadline is a limit for a hung server, not a speed check).
    // A server that never said it listens is killed, or it would outlive the test run.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`server did not start in 120 s:\n${output}`));
    }, 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.removeListener("data", onData);
        child.stderr?.removeListener("data", onData);
        // Keep draining the request log, or a full pipe would stall the server.
        child.stdout?.resume();
        child.stderr?.resume();
        done({ child, url: `http://127.0.0.1:${match[1]}` });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

/** SIGKILL: no shutdown handler runs, nothing is flushed — a power cut for the process. */
export async function killHard(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((done) => server.child.once("exit", done));
  server.child.kill("SIGKILL");
  await exited;
}
