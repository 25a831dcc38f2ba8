import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore } from "../../testing/fixtures.ts";
import { type LoyaltyKit, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { signedInUser } from "../../testing/test-session.ts";

describe.each(databasesUnderTest())("the audit log on %s", (kind) => {
  let kit: LoyaltyKit;
  const get = (query = "") =>
    getJson(`${kit.server.url}/v1/admin/audit${query}`, { authorization: `Bearer ${kit.secretKey}` });

  beforeAll(async () => {
    kit = await startLoyaltyKit(kind);
    // Five adjustments a minute apart, after the program saved by the kit.
    for (let i = 1; i <= 5; i++) {
      kit.time.advance(60_000);
      expect((await kit.adjust(`c-${i}`, 10 * i)).status).toBe(201);
    }
  });
  afterAll(() => kit.close());

  it("lists who did what, newest first, paged by a stable cursor", async () => {
    const first = await get("?limit=4");
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(first.json.items.map((i: { target: string }) => i.target)).toEqual(["c-5", "c-4", "c-3", "c-2"]);
    expect(first.json.items[0]).toMatchObject({
      action: "loyalty.adjust",
      actor: { keyId: kit.keyId },
      ip: "127.0.0.1",
    });
    expect(first.json.items[0].requestId).toMatch(/\S/);
    // A row appended between pages shows on a fresh first page, never twice or as a gap here.
    kit.time.advance(60_000);
    await kit.adjust("c-6", 1);
    const second = await get(`?limit=4&cursor=${first.json.nextCursor}`);
    expect(second.json.items.map((i: { action: string }) => i.action)).toEqual([
      "loyalty.adjust",
      "loyalty.program.save",
    ]);
    expect(second.json.nextCursor).toBeNull();
  });

  it("filters by action, actor, target and time", async () => {
    const program = await get("?action=loyalty.program.save");
    expect(program.json.items).toHaveLength(1);
    const one = await get("?target=c-3");
    expect(one.json.items).toHaveLength(1);
    expect(one.json.items[0].target).toBe("c-3");
    const byActor = await get(`?actor=${encodeURIComponent(kit.keyId)}&limit=100`);
    expect(byActor.json.items.length).toBeGreaterThanOrEqual(6);
    expect((await get("?actor=someone-else")).json.items).toEqual([]);
    const at = one.json.items[0].at as string;
    const window = await get(`?since=${at}&until=${new Date(Date.parse(at) + 60_000).toISOString()}`);
    expect(window.json.items.map((i: { target: string }) => i.target)).toEqual(["c-3"]);
  });

  it("refuses bad filters with one error shape, shows each store only its rows, and needs audit:read", async () => {
    const bad = await get("?since=yesterday&limit=0&cursor=nope&action=");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["action", "cursor", "limit", "since"]);
    expect((await getJson(`${kit.server.url}/v1/admin/audit`)).status).toBe(401);
    const other = await makeStore(kit.server.db);
    const theirs = await getJson(`${kit.server.url}/v1/admin/audit`, {
      authorization: `Bearer ${other.secretKey}`,
    });
    expect(theirs.json).toEqual({ items: [], nextCursor: null });
    // Reading it needs audit:read: a moderator signed in to the admin app lacks it.
    const moderator = await signedInUser(kit.server.url, kit.server.db, kit.storeId, "moderator");
    const refused = await getJson(`${kit.server.url}/v1/admin/audit`, { cookie: moderator.cookie });
    expect([refused.status, refused.json.error.code]).toEqual([403, "insufficient_scope"]);
  });

  it("cannot be changed or deleted, except an erased person's targets during erasure", async () => {
    const db = kit.server.db.kysely;
    const row = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("store_id", "=", kit.storeId)
      .where("target", "=", "c-1")
      .executeTakeFirstOrThrow();
    await expect(
      db.updateTable("audit_log").set({ target: "x" }).where("id", "=", row.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_log").where("id", "=", row.id).execute()).rejects.toThrow(
      /append-only/,
    );

    // What erasure does, in one transaction: announce itself, pseudonymise targets, withdraw.
    await db.transaction().execute(async (tx) => {
      await tx.insertInto("audit_pseudonymising").values({ store_id: kit.storeId }).execute();
      await tx.updateTable("audit_log").set({ target: "erased-1" }).where("id", "=", row.id).execute();
      await tx.deleteFrom("audit_pseudonymising").where("store_id", "=", kit.storeId).execute();
    });
    const after = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ ...row, target: "erased-1" });
    // Even then, only the target may change: what was done, by whom and when stays.
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.insertInto("audit_pseudonymising").values({ store_id: kit.storeId }).execute();
        await tx.updateTable("audit_log").set({ action: "nothing" }).where("id", "=", row.id).execute();
      }),
    ).rejects.toThrow(/append-only/);
  });
});
