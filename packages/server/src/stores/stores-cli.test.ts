// `plaudit-server stores create` is audited (issue 13): the new store's log starts with who made it.
import { userInfo } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../testing/cli-process.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import { CliError } from "../cli-error.ts";
import type { Database } from "../db/database.ts";
import { plainSecretBox } from "../keys/secret-box.ts";
import { findStore } from "./store-repo.ts";
import { storesCreate, storesList, storesUpdate } from "./stores-cli.ts";

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
        actor_id: userInfo().username, // the operating-system user, as every CLI row
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

  it("says, for a store made without --origin, that no shop page may write until one is named", async () => {
    const bare = await storesCreate(db, plainSecretBox, {
      id: "bare-shop",
      name: "Bare",
      origins: [],
      json: false,
    });
    expect(bare).toContain(
      "No --origin: no shop page may write (reviews, votes, loyalty) until you name your shop's origin: plaudit-server stores update bare-shop --origin https://shop.example",
    );
    const named = await storesCreate(db, plainSecretBox, {
      id: "named-shop",
      name: "Named",
      origins: ["https://named.example"],
      json: false,
    });
    expect(named).not.toContain("No --origin");
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

// A merchant who adds `www.` to the shop, moves it to a new domain, or wants every review held for
// a moderator had no way to say so: the allowed origins and the moderation mode were set only when
// the store was made, and `moderation: hold` (docs/server.md, "Moderation") only by editing the
// database. `stores update` changes them, audited as the CLI's write; `stores create --moderation`.
describe.each(databasesUnderTest())("stores update on %s", (kind) => {
  let db: Database;
  let url: string;
  let drop: () => Promise<void>;
  const updates = (storeId: string) =>
    db.kysely
      .selectFrom("audit_log")
      .select(["action", "target", "actor_kind"])
      .where("store_id", "=", storeId)
      .where("action", "=", "store.update")
      .execute();

  beforeAll(async () => {
    ({ db, url, drop } = await openTestDatabase(kind));
    await storesCreate(db, plainSecretBox, {
      id: "moving-shop",
      name: "Moving Shop",
      origins: ["https://shop.example"],
      moderation: "hold",
      json: true,
    });
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it("stores create --moderation hold makes a store that holds every review", async () => {
    expect((await findStore(db, "moving-shop"))?.moderation).toBe("hold");
    await expect(
      storesCreate(db, plainSecretBox, {
        id: "x-shop",
        name: "X",
        origins: [],
        moderation: "later",
        json: true,
      }),
    ).rejects.toThrow(/moderation must be publish or hold/);
    expect(await findStore(db, "x-shop")).toBeUndefined();
  });

  it("replaces the allowed origins, the moderation mode and the name, in one audited write", async () => {
    const printed = await storesUpdate(db, {
      id: "moving-shop",
      origins: ["https://shop.example", "https://www.shop.example"],
      moderation: "publish",
      name: "Moved Shop",
    });
    expect(printed).toContain("https://www.shop.example");
    const store = await findStore(db, "moving-shop");
    expect(store?.allowedOrigins).toEqual(["https://shop.example", "https://www.shop.example"]);
    expect(store?.moderation).toBe("publish");
    expect(store?.name).toBe("Moved Shop");
    // `stores list` shows what changed, as an operator checks it.
    const listed = JSON.parse(await storesList(db, { json: true })) as { id: string }[];
    expect(listed.find((s) => s.id === "moving-shop")).toMatchObject({
      name: "Moved Shop",
      allowedOrigins: ["https://shop.example", "https://www.shop.example"],
      moderation: "publish",
    });
    expect(await storesList(db, { json: false })).toMatch(
      /^moving-shop\tMoved Shop\thttps:\/\/shop\.example https:\/\/www\.shop\.example\tpublish\t/m,
    );
    expect(await updates("moving-shop")).toEqual([
      { action: "store.update", target: "moving-shop", actor_kind: "cli" },
    ]);
  });

  it("refuses a bad origin, an unknown store and nothing to change, and changes nothing", async () => {
    await expect(storesUpdate(db, { id: "moving-shop", origins: ["shop.example"] })).rejects.toThrow(
      /must be an origin such as https:\/\/shop\.example/,
    );
    await expect(storesUpdate(db, { id: "moving-shop", moderation: "sometimes" })).rejects.toThrow(
      /moderation must be publish or hold/,
    );
    await expect(storesUpdate(db, { id: "no-such-shop", moderation: "hold" })).rejects.toThrow(
      /no store "no-such-shop"/,
    );
    await expect(storesUpdate(db, { id: "moving-shop" })).rejects.toThrow(/nothing to change/);
    expect((await findStore(db, "moving-shop"))?.allowedOrigins).toEqual([
      "https://shop.example",
      "https://www.shop.example",
    ]);
    expect(await updates("moving-shop")).toHaveLength(1);
  });

  it("is the command an operator types: plaudit-server stores update … --origin … --moderation hold", async () => {
    const run = await runCli(
      ["stores", "update", "moving-shop", "--origin", "https://new.example", "--moderation", "hold"],
      { DATABASE_URL: url },
    );
    expect(run.stdout).toContain("https://new.example");
    const store = await findStore(db, "moving-shop");
    expect(store?.allowedOrigins).toEqual(["https://new.example"]);
    expect(store?.moderation).toBe("hold");
  });
});
