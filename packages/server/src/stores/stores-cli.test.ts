// `plaudit-server stores create` is audited (issue 13): the new store's log starts with who made it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import { CliError } from "../cli-error.ts";
import type { Database } from "../db/database.ts";
import { plainSecretBox } from "../keys/secret-box.ts";
import { findStore } from "./store-repo.ts";
import { storesCreate, storesList } from "./stores-cli.ts";

describe.each(databasesUnderTest())("stores create on %s", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  const auditOf = (storeId: string) =>
    db.kysely
      .selectFrom("audit_log")
      .select(["action", "target", "actor_kind", "actor_id", "at"])
      .where("store_id", "=", storeId)
      .execute();

  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase(kind));
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it("records store.create, by the CLI, in the store's audit log", async () => {
    const now = new Date("2026-05-01T10:00:00.000Z");
    const printed = await storesCreate(db, plainSecretBox, {
      id: "audited-shop",
      name: "Audited Shop",
      origins: ["https://audited.example"],
      json: true,
      now,
    });
    expect(JSON.parse(printed).store.id).toBe("audited-shop");
    expect(await auditOf("audited-shop")).toEqual([
      {
        action: "store.create",
        target: "audited-shop",
        actor_kind: "cli",
        actor_id: "plaudit-server",
        at: now.toISOString(),
      },
    ]);
  });

  it("names the store's time zone (--time-zone), UTC without one, and refuses a zone that is none", async () => {
    const made = await storesCreate(db, plainSecretBox, {
      id: "la-shop",
      name: "LA Shop",
      origins: [],
      timeZone: "America/Los_Angeles",
      json: true,
    });
    expect(JSON.parse(made).store.timeZone).toBe("America/Los_Angeles");
    expect((await findStore(db, "la-shop"))?.timeZone).toBe("America/Los_Angeles");
    await storesCreate(db, plainSecretBox, { id: "utc-shop", name: "UTC Shop", origins: [], json: true });
    expect((await findStore(db, "utc-shop"))?.timeZone).toBe("UTC");
    const listed = JSON.parse(await storesList(db, { json: true })) as { id: string; timeZone: string }[];
    expect(listed.find((s) => s.id === "la-shop")?.timeZone).toBe("America/Los_Angeles");
    const bad = storesCreate(db, plainSecretBox, {
      id: "mars-shop",
      name: "Mars",
      origins: [],
      timeZone: "Mars/Olympus",
      json: true,
    });
    await expect(bad).rejects.toThrow(/timeZone must be a time zone such as Europe\/Berlin/);
    expect(await findStore(db, "mars-shop")).toBeUndefined();
  });

  it("records nothing when the store exists already", async () => {
    const again = storesCreate(db, plainSecretBox, {
      id: "audited-shop",
      name: "Audited Shop",
      origins: [],
      json: true,
    });
    await expect(again).rejects.toBeInstanceOf(CliError);
    expect(await auditOf("audited-shop")).toHaveLength(1);
  });
});
