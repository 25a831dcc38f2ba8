// One current signing secret per store and purpose, even when processes race to make it (issue 13):
// a store's links secret made on first use by two processes at the same instant used to leave two
// current secrets, links signed with one and checked against the other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore } from "../../testing/fixtures.ts";
import { insertOldStore, openDatabaseAt } from "../../testing/migration-kit.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import type { Database } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { transaction } from "../db/transaction.ts";
import { plainSecretBox } from "./secret-box.ts";
import { addSigningSecret, currentSigningSecret, signingSecretFor } from "./signing-secrets.ts";

const currentRows = (db: Database, storeId: string, purpose: string) =>
  db.kysely
    .selectFrom("signing_secrets")
    .select(["id", "secret"])
    .where("store_id", "=", storeId)
    .where("purpose", "=", purpose)
    .where("retired_at", "is", null)
    .execute();

describe.each(databasesUnderTest())("one current signing secret per purpose on %s", (kind) => {
  let db: Database;
  let other: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTestDatabase(kind);
    db = opened.db;
    drop = opened.drop;
    // A second connection (pool) to the same database: what a second server process holds.
    other = opened.reopen();
  });
  afterAll(async () => {
    await other.close();
    await db.close();
    await drop();
  });

  it("makes a store's links secret with the store, so nothing has to make it later", async () => {
    const { storeId } = await makeStore(db);
    expect(await currentRows(db, storeId, "links")).toHaveLength(1);
  });

  it("gives every process racing to make a missing secret the same one, and keeps one", async () => {
    const { storeId } = await makeStore(db);
    // A store from before links secrets were made with it: the first link makes one.
    await db.kysely
      .deleteFrom("signing_secrets")
      .where("store_id", "=", storeId)
      .where("purpose", "=", "links")
      .execute();
    const now = new Date();
    const makers = [db, other, db, other, db, other].map((conn) =>
      signingSecretFor(conn.kysely, plainSecretBox, { storeId, purpose: "links", now }),
    );
    const made = await Promise.all(makers);
    expect(new Set(made).size).toBe(1);
    const rows = await currentRows(db, storeId, "links");
    expect(rows).toHaveLength(1);
    expect(await currentSigningSecret(other.kysely, plainSecretBox, { storeId, purpose: "links" })).toBe(
      made[0],
    );
  });

  it("ends two rotations at the same instant with one current secret, one of theirs", async () => {
    const { storeId } = await makeStore(db);
    const now = new Date();
    // SQLite runs one write transaction at a time (BEGIN IMMEDIATE; a second connection in this
    // same thread would only wait out its busy timeout), so there they queue on one connection;
    // PostgreSQL runs them side by side on two pools.
    const connections = kind === "sqlite" ? [db, db, db, db] : [db, other, db, other];
    const rotations = connections.map((conn) =>
      transaction(conn, (tx) =>
        addSigningSecret(tx, plainSecretBox, { storeId, purpose: "code_webhook", now }),
      ),
    );
    const made = await Promise.all(rotations);
    expect(new Set(made.map((m) => m.secret)).size).toBe(4);
    const rows = await currentRows(db, storeId, "code_webhook");
    expect(rows).toHaveLength(1);
    const current = await currentSigningSecret(db.kysely, plainSecretBox, {
      storeId,
      purpose: "code_webhook",
    });
    expect(made.map((m) => m.secret)).toContain(current);
  });

  it("refuses a second current secret in the database itself", async () => {
    const { storeId } = await makeStore(db);
    await expect(
      db.kysely
        .insertInto("signing_secrets")
        .values({
          id: "ss_second_current",
          store_id: storeId,
          purpose: "links",
          secret: "plain:lks_a_second_current_secret_of_enough_length",
          created_at: new Date().toISOString(),
        })
        .execute(),
    ).rejects.toThrow(/unique|UNIQUE/);
  });
});

describe.each(databasesUnderTest())("migration 0012 on %s", (kind) => {
  it("keeps the newest of two current secrets left by the old race, and retires the other", async () => {
    const { db, drop } = await openDatabaseAt(kind, "0011-points-bigint");
    try {
      await insertOldStore(db, {
        id: "raced",
        name: "Raced shop",
        secret_key: "",
        secret_hash: "none:raced",
      });
      for (const [id, at] of [
        ["ss_older", "2026-02-01T00:00:00.000Z"],
        ["ss_newer", "2026-02-01T00:00:00.001Z"],
      ] as const) {
        await db.kysely
          .insertInto("signing_secrets")
          .values({
            id,
            store_id: "raced",
            purpose: "links",
            secret: `plain:lks_${id}_0123456789abcdefghijklmnop`,
            created_at: at,
          })
          .execute();
      }
      await migrate(db);
      const rows = await currentRows(db, "raced", "links");
      expect(rows.map((r) => r.id)).toEqual(["ss_newer"]);
    } finally {
      await db.close();
      await drop();
    }
  });
});
