// The optional steps of migrations 0004 and 0051 (an extension a hosted database may refuse), on
// PostgreSQL inside a transaction as the migrations run: a failure leaves none of the steps behind,
// says so on stderr, and the transaction goes on.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import type { Database } from "./database.ts";
import { migrate } from "./migrate.ts";
import { createExtension, extensionSchema, withOptionalExtension } from "./optional-extension.ts";

const tables = async (db: Database) =>
  (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() order by table_name`.execute(db.kysely)
  ).rows.map((r) => r.name);

describe.runIf(databasesUnderTest().includes("postgres"))("withOptionalExtension() on PostgreSQL", () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase("postgres", { migrated: false }));
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it("keeps the steps when they succeed, and says nothing", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await db.kysely.transaction().execute(async (tx) => {
        await withOptionalExtension(
          tx,
          { migration: "9001", without: "no kept", still: "fine" },
          async () => {
            expect(await createExtension(tx, "pg_trgm")).toBe(await extensionSchema(tx, "pg_trgm"));
            await sql`create table kept (id integer)`.execute(tx);
          },
        );
      });
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
    }
    expect(await tables(db)).toContain("kept");
  });

  it("rolls back every step of a failure, writes one line, and lets the transaction go on", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await db.kysely.transaction().execute(async (tx) => {
        await sql`create table before_steps (id integer)`.execute(tx);
        await withOptionalExtension(
          tx,
          { migration: "9002", without: "no refused index", still: "it works without" },
          async () => {
            await sql`create table half_done (id integer)`.execute(tx);
            expect(await extensionSchema(tx, "no_such_extension_here")).toBeUndefined();
            await createExtension(tx, "no_such_extension_here");
          },
        );
        await sql`create table after_steps (id integer)`.execute(tx);
      });
      expect(stderr).toHaveBeenCalledTimes(1);
      const line = String(stderr.mock.calls[0]?.[0]);
      expect(line).toMatch(
        /^\[plaudit\] migration 9002: no refused index \(error: .*no_such_extension_here.*\); it works without\n$/,
      );
    } finally {
      stderr.mockRestore();
    }
    const after = await tables(db);
    expect(after).toEqual(expect.arrayContaining(["before_steps", "after_steps"]));
    expect(after).not.toContain("half_done");
  });

  it("gives migrations 0004 and 0051 their trigram indexes where the extensions are granted, quietly", async () => {
    const fresh = await openTestDatabase("postgres", { migrated: false });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await migrate(fresh.db);
      expect(stderr.mock.calls.map((c) => String(c[0])).filter((l) => l.includes("migration 00"))).toEqual(
        [],
      );
      const { rows } = await sql<{ name: string; def: string }>`select indexname as name, indexdef as def
        from pg_indexes where schemaname = current_schema() and indexname like 'reviews_search%'
        order by indexname`.execute(fresh.db.kysely);
      expect(rows.map((r) => r.name)).toEqual(["reviews_search_store_trgm", "reviews_search_trgm"]);
      expect(rows[1]?.def).toMatch(/USING gin \(search_text \S*gin_trgm_ops\)/);
    } finally {
      stderr.mockRestore();
      await fresh.db.close();
      await fresh.drop();
    }
  });
});
