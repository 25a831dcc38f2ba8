// migrate() started many times at once on one database: every call succeeds and the schema is
// migrated exactly once. On PostgreSQL the calls come from separate pools (as from separate server
// processes) while other processes create and drop schemas of their own in the same database (the
// shared test database, a staging schema beside production); on SQLite they are two threads, each
// with its own connection to one file, let go at the same instant (SQLite locks the file the same
// way between them as between processes), and two real `plaudit-server migrate` processes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../testing/cli-process.ts";
import { createTestSchema, TEST_PG_URL } from "../../testing/pg-schema.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { openDatabase } from "./database.ts";
import { migrate } from "./migrate.ts";
import { migrations } from "./migrations/index.ts";

const names = Object.keys(migrations).sort();

describe.runIf(databasesUnderTest().includes("postgres"))("migrate() at once on PostgreSQL", () => {
  it("six migrations of one schema, while other schemas come and go, all succeed and run each migration once", async () => {
    const target = await createTestSchema("t_migrate");
    // Another process's test schemas: created with a table (so a look at every schema's tables
    // sees them) and dropped again, over and over, for as long as the migrations run.
    let churning = true;
    const churn = async () => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        for (let i = 0; churning; i++) {
          const schema = `t_churn_${process.pid}_${i}_${Math.floor(Math.random() * 1e9)}`;
          await client.query(`create schema ${schema}`);
          await client.query(`create table ${schema}.probe (id serial primary key, body text)`);
          await client.query(`drop schema ${schema} cascade`);
        }
      } finally {
        await client.end();
      }
    };
    const churners = [churn(), churn()];
    const dbs = Array.from({ length: 6 }, () => openDatabase(target.url, { pgPoolSize: 3 }));
    try {
      const results = await Promise.allSettled(dbs.map((db) => migrate(db)));
      expect(
        results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : [])),
        "failed migrations",
      ).toEqual([]);
      // Each migration ran in exactly one of the six calls; the others found it done.
      const ran = results.flatMap((r) =>
        r.status === "fulfilled" ? (r.value.results ?? []).map((m) => `${m.migrationName}:${m.status}`) : [],
      );
      expect(ran.sort()).toEqual(names.map((name) => `${name}:Success`));
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        dbs[0]!.kysely,
      );
      expect(rows.map((r) => r.name)).toEqual(names);
    } finally {
      churning = false;
      await Promise.all(churners);
      await Promise.all(dbs.map((db) => db.close()));
      await target.drop();
    }
  }, 240_000);
});

// A thread that opens the file, waits at the gate until every thread has, then migrates.
const MIGRATE_AT_THE_GATE = `
const { workerData, parentPort } = require("node:worker_threads");
(async () => {
  (await import(workerData.tsx)).register({ tsconfig: workerData.tsconfig });
  const { openDatabase } = await import(workerData.database);
  const { migrate } = await import(workerData.migrate);
  const db = openDatabase(workerData.file);
  const gate = new Int32Array(workerData.gate);
  Atomics.add(gate, 0, 1);
  Atomics.notify(gate, 0);
  for (let seen; (seen = Atomics.load(gate, 0)) < workerData.count; ) Atomics.wait(gate, 0, seen);
  try {
    const result = await migrate(db);
    parentPort.postMessage({ ran: (result.results ?? []).map((r) => r.migrationName + ":" + r.status) });
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  } finally {
    await db.close();
  }
})();
`;

function migrateInThreads(file: string, count: number): Promise<{ ran?: string[]; error?: string }[]> {
  const here = dirname(fileURLToPath(import.meta.url));
  const gate = new SharedArrayBuffer(4);
  const workerData = {
    tsx: import.meta.resolve("tsx/esm/api"),
    tsconfig: resolve(here, "../../../../tsconfig.json"),
    database: pathToFileURL(join(here, "database.ts")).href,
    migrate: pathToFileURL(join(here, "migrate.ts")).href,
    file,
    gate,
    count,
  };
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<{ ran?: string[]; error?: string }>((done, fail) => {
          const worker = new Worker(MIGRATE_AT_THE_GATE, { eval: true, workerData });
          worker.once("message", done);
          worker.once("error", fail);
        }),
    ),
  );
}

describe("migrate at once on SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-migrate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("two connections on one new file, let go at the same instant, both succeed and run each migration once", async () => {
    const file = join(dir, "threads.sqlite");
    const outcomes = await migrateInThreads(file, 2);
    // Before migrate() took the write lock for the whole run, both ran the migrations and the
    // second failed: `table "stores" already exists`.
    expect(
      outcomes.flatMap((o) => (o.error ? [o.error] : [])),
      "failed migrations",
    ).toEqual([]);
    expect(outcomes.flatMap((o) => o.ran ?? []).sort()).toEqual(names.map((name) => `${name}:Success`));
    const sqlite = new SqliteDatabase(file, { readonly: true });
    try {
      const rows = sqlite.prepare("select name from kysely_migration order by name").all() as {
        name: string;
      }[];
      expect(rows.map((r) => r.name)).toEqual(names);
    } finally {
      sqlite.close();
    }
  }, 240_000);

  it("two `plaudit-server migrate` processes on one new file both succeed and run each migration once", async () => {
    const file = join(dir, "plaudit.sqlite");
    const runs = await Promise.allSettled([
      runCli(["migrate", "--database-url", file]),
      runCli(["migrate", "--database-url", file]),
    ]);
    expect(
      runs.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : [])),
      "failed processes",
    ).toEqual([]);
    const sqlite = new SqliteDatabase(file, { readonly: true });
    try {
      const rows = sqlite.prepare("select name from kysely_migration order by name").all() as {
        name: string;
      }[];
      expect(rows.map((r) => r.name)).toEqual(names);
      // A migration run twice would have failed its create table; the tables are there once each.
      const reviews = sqlite
        .prepare("select count(*) as n from sqlite_master where name = 'reviews'")
        .get() as {
        n: number;
      };
      expect(reviews.n).toBe(1);
    } finally {
      sqlite.close();
    }
  }, 240_000);
});
