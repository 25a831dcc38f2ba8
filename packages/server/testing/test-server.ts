import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "vitest";
import { createApp, type PlauditApp } from "../src/app.ts";
import type { AppDeps } from "../src/context.ts";
import { type Database, openDatabase } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { listen } from "../src/http/listen.ts";
import { DEFAULT_READ_CACHE_MS } from "../src/http/read-cache.ts";
import type { Logger } from "../src/logger.ts";
import { localDiskStorage } from "../src/media/local-disk-storage.ts";
import { unlimitedRateLimiter } from "../src/rate-limit.ts";
import { createTestSchema, TEST_PG_URL } from "./pg-schema.ts";

export type DatabaseUnderTest = "sqlite" | "postgres";

export { TEST_PG_URL } from "./pg-schema.ts";

/**
 * The databases every server suite runs against. PostgreSQL is left out only when
 * PLAUDIT_TEST_PG=off, and never under CI (CI=true); the left-out variants are reported as one
 * skipped test in each file, so a run without PostgreSQL says so in its summary. An unreachable
 * PostgreSQL otherwise fails the run (scripts/check-test-database.mjs stops it first).
 */
export function databasesUnderTest(): DatabaseUnderTest[] {
  if (process.env.PLAUDIT_TEST_PG !== "off") return ["sqlite", "postgres"];
  if (process.env.CI === "true" || process.env.CI === "1") {
    throw new Error("CI=true refuses PLAUDIT_TEST_PG=off: the suite must run on PostgreSQL too");
  }
  test.skip("the PostgreSQL variants of this file (left out: PLAUDIT_TEST_PG=off)", () => {});
  return ["sqlite"];
}

export interface TestServer {
  url: string;
  /** The DATABASE_URL of its database, for a second server process on the same data. */
  databaseUrl: string;
  app: PlauditApp;
  db: Database;
  /** The temporary directory uploads are stored in (unless the test passed its own storage). */
  mediaDir: string;
  close(): Promise<void>;
}

/** A fresh, migrated database: a temp SQLite file, or a new PostgreSQL schema (`migrated: false`: empty). */
export async function openTestDatabase(
  kind: DatabaseUnderTest,
  options: { migrated?: boolean } = {},
): Promise<{
  db: Database;
  /** Another connection to the same database (what a second process would open). */
  reopen(): Database;
  /** The DATABASE_URL a child process would be given to reach it. */
  url: string;
  /** Its PostgreSQL schema (none on SQLite). */
  schema?: string;
  drop(): Promise<void>;
}> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "plaudit-test-"));
    const path = join(dir, "test.sqlite");
    const db = openDatabase(path);
    if (options.migrated !== false) await migrate(db);
    return {
      db,
      reopen: () => openDatabase(path),
      url: path,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { schema, url, drop } = await createTestSchema("t");
  const db = openDatabase(TEST_PG_URL, { pgSchema: schema });
  if (options.migrated !== false) await migrate(db);
  return { db, reopen: () => openDatabase(TEST_PG_URL, { pgSchema: schema }), url, schema, drop };
}

/** The test servers' PLAUDIT_METRICS_TOKEN: scrape with `{ headers: METRICS_AUTH }`. */
export const TEST_METRICS_TOKEN = "test-metrics-token-0123456789abcdefghijkl";
export const METRICS_AUTH = { authorization: `Bearer ${TEST_METRICS_TOKEN}` };

/** Quiet about requests and refusals; an unhandled error (our bug, answered 500) is printed, with its stack. */
const testLogger: Logger = {
  info() {},
  warn() {},
  error(fields) {
    console.error("[plaudit test server]", fields);
  },
};

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port, over a fresh database. Silent, and
 * without rate limits unless the test passes a limiter. The read cache is on, as in production
 * (the CLI's default), unless the test passes `readCacheMs: 0`.
 */
export async function startTestServer(
  options: { db: DatabaseUnderTest } & Partial<Omit<AppDeps, "db">>,
): Promise<TestServer> {
  const { db: kind, ...deps } = options;
  const { db, drop, url: databaseUrl } = await openTestDatabase(kind);
  const mediaDir = mkdtempSync(join(tmpdir(), "plaudit-media-"));
  const app = createApp({
    logger: testLogger,
    rateLimiter: unlimitedRateLimiter,
    mediaStorage: localDiskStorage(mediaDir),
    metricsToken: TEST_METRICS_TOKEN,
    readCacheMs: DEFAULT_READ_CACHE_MS,
    ...deps,
    db,
  });
  const { server, port } = await new Promise<{ server: ReturnType<typeof listen>; port: number }>((done) => {
    const server = listen(app, { port: 0, hostname: "127.0.0.1" }, (info) =>
      done({ server, port: info.port }),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    databaseUrl,
    app,
    db,
    mediaDir,
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        // Keep-alive sockets would hold close() open.
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      app.ctx.metrics.detach();
      await db.close();
      await drop();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
