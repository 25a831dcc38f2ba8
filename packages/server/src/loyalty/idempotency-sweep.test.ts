import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore } from "../../testing/fixtures.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import type { Database } from "../db/database.ts";
import { sweepIdempotencyKeys } from "./idempotency-sweep.ts";

describe.each(databasesUnderTest())("sweeping old idempotency keys (%s)", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let storeId: string;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase(kind));
    ({ storeId } = await makeStore(db));
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it("deletes keys older than 30 days and keeps the rest", async () => {
    const now = new Date("2026-11-26T12:00:00.000Z");
    const key = (name: string, daysAgo: number) => ({
      store_id: storeId,
      scope: "redemption",
      key: name,
      customer_id: "alice",
      request_hash: "h",
      response_status: 201,
      response_body: "{}",
      created_at: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(),
    });
    await db.kysely
      .insertInto("idempotency_keys")
      .values([key("old", 45), key("just-over", 30.01), key("recent", 29), key("today", 0)])
      .execute();
    expect(await sweepIdempotencyKeys(db, { now })).toEqual({ deleted: 2 });
    const left = await db.kysely.selectFrom("idempotency_keys").select("key").orderBy("key").execute();
    expect(left.map((row) => row.key)).toEqual(["recent", "today"]);
    expect(await sweepIdempotencyKeys(db, { now })).toEqual({ deleted: 0 });
  });
});
