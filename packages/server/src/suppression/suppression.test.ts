import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore } from "../../testing/fixtures.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import type { Database } from "../db/database.ts";
import { addressHash, isSuppressed, suppressHash } from "./suppression.ts";

describe.each(databasesUnderTest())("suppression list on %s", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase(kind));
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it("suppresses an address for its store only, whatever its case, and keeps no address", async () => {
    const a = await makeStore(db);
    const b = await makeStore(db);
    const at = new Date().toISOString();
    const addressHashOfAna = await addressHash(db.kysely, a.storeId, "Ana@Example.com ", at);
    await suppressHash(db.kysely, {
      storeId: a.storeId,
      addressHash: addressHashOfAna,
      reason: "unsubscribed",
      at,
    });
    expect(await isSuppressed(db.kysely, a.storeId, "ana@example.com")).toBe(true);
    expect(await isSuppressed(db.kysely, b.storeId, "ana@example.com")).toBe(false);
    expect(await isSuppressed(db.kysely, a.storeId, "bo@example.com")).toBe(false);
    const rows = await db.kysely
      .selectFrom("suppressions")
      .selectAll()
      .where("store_id", "=", a.storeId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(/ana/i);
  });

  it("hashes the same address differently in two stores (a key per store)", async () => {
    const a = await makeStore(db);
    const b = await makeStore(db);
    const ha = await addressHash(db.kysely, a.storeId, "same@example.com");
    expect(await addressHash(db.kysely, a.storeId, "SAME@example.com")).toBe(ha);
    expect(await addressHash(db.kysely, b.storeId, "same@example.com")).not.toBe(ha);
  });
});
