// What the admin-keys module makes of its own rows (issue 21, mutation testing): the hint shown in
// listings, and scopes read back from a row someone edited by hand — only real grants count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore } from "../../testing/fixtures.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import type { Database } from "../db/database.ts";
import { addAdminKey, authenticateAdminKey, listAdminKeys } from "./admin-keys.ts";

describe.each(databasesUnderTest())("stored admin keys on %s", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let storeId: string;
  const now = new Date("2026-03-01T12:00:00.000Z");

  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase(kind));
    ({ storeId } = await makeStore(db));
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it("lists a key by a hint of its first seven and last four characters, never the key", async () => {
    const { key, secret } = await addAdminKey(db.kysely, {
      storeId,
      name: "hinted",
      scopes: ["reviews:read"],
      now,
    });
    expect(key.hint).toBe(`${secret.slice(0, 7)}…${secret.slice(-4)}`);
    const listed = (await listAdminKeys(db.kysely, storeId)).find((k) => k.id === key.id);
    expect(listed?.hint).toBe(key.hint);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(7, -4));
  });

  // The scopes column is JSON text: a row edited by hand (or by a bad migration) must not grant
  // more than the real grants in it.
  it.each([
    ['["reviews:read", 7, "reviews:everything", null]', ["reviews:read"]],
    ['{"0": "*"}', []],
    ['"*"', []],
    ["not json", []],
  ])("grants only the real scopes of a stored scopes value %s", async (stored, expected) => {
    const { key, secret } = await addAdminKey(db.kysely, { storeId, name: "edited", scopes: ["*"], now });
    await db.kysely.updateTable("admin_keys").set({ scopes: stored }).where("id", "=", key.id).execute();
    expect((await authenticateAdminKey(db.kysely, secret))?.scopes).toEqual(expected);
    const listed = (await listAdminKeys(db.kysely, storeId)).find((k) => k.id === key.id);
    expect(listed?.scopes).toEqual(expected);
  });
});
