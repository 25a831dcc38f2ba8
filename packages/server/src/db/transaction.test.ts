// Two transactions that lock the same rows in opposite orders: PostgreSQL breaks the deadlock by
// failing one, and transaction() runs that one again, so both callers get their work done.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseUnderTest, databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import type { Database } from "./database.ts";
import { transaction } from "./transaction.ts";

// SQLite runs one writer at a time (BEGIN IMMEDIATE on a single connection): it cannot deadlock,
// so only PostgreSQL is exercised here — skipped only when PLAUDIT_TEST_PG=off leaves it out.
const kind: DatabaseUnderTest = "postgres";

describe.runIf(databasesUnderTest().includes(kind))("transaction() on PostgreSQL", () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase(kind));
    await sql`create table deadlock_probe (id int primary key, touched int not null default 0)`.execute(
      db.kysely,
    );
    await sql`insert into deadlock_probe (id) values (1), (2)`.execute(db.kysely);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("runs a transaction PostgreSQL rolled back to break a deadlock again, so both succeed", async () => {
    let attempts = 0;
    // Each side holds its first row until the other holds its own: the second locks then cross.
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothHoldOne = new Promise<void>((resolve) => {
      release = resolve;
    });
    const side = (first: number, second: number) =>
      transaction(db, async (tx) => {
        attempts++;
        await sql`update deadlock_probe set touched = touched + 1 where id = ${first}`.execute(tx);
        arrived++;
        if (arrived === 2) release();
        await bothHoldOne;
        await sql`update deadlock_probe set touched = touched + 1 where id = ${second}`.execute(tx);
        return first;
      });
    const results = await Promise.allSettled([side(1, 2), side(2, 1)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    // One of the two was run twice: the deadlock happened and was survived, not avoided.
    expect(attempts).toBe(3);
    const rows = await sql<{
      id: number;
      touched: number;
    }>`select id, touched from deadlock_probe order by id`.execute(db.kysely);
    // Each committed side touched both rows once; the rolled-back attempt left nothing behind.
    expect(rows.rows.map((r) => Number(r.touched))).toEqual([2, 2]);
  });

  it("does not retry other failures", async () => {
    let attempts = 0;
    await expect(
      transaction(db, async (tx) => {
        attempts++;
        await sql`insert into deadlock_probe (id) values (1)`.execute(tx);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(attempts).toBe(1);
  });
});
