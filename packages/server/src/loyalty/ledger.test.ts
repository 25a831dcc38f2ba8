import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore } from "../../testing/fixtures.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import type { Database } from "../db/database.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import {
  ensureBalanceRow,
  type LedgerEntry,
  ledgerHistory,
  lockBalance,
  newLedgerId,
  type PostResult,
  postEntry,
  randomCode,
  UNAMBIGUOUS,
} from "./ledger.ts";

// postEntry(), the only code that changes a balance, on its own: the balance and lifetime totals
// it moves, the unique award it will not post twice, the overdraft guard (to the point), the
// activity it records, and the ids and codes it makes; and ledgerHistory(), what the admin screens
// show of it.
describe.each(databasesUnderTest())("the points ledger on %s", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let storeId: string;
  let n = 0;
  const T0 = "2026-03-01T12:00:00.000Z";
  const T1 = "2026-03-02T12:00:00.000Z";

  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase(kind));
    ({ storeId } = await makeStore(db));
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  const entry = (customerId: string, delta: number, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
    storeId,
    customerId,
    delta,
    action: "adjustment",
    reference: `ref-${++n}`,
    reason: "test",
    at: T0,
    ...extra,
  });
  const post = (e: LedgerEntry, options?: { activity?: boolean }): Promise<PostResult> =>
    transaction(db, (tx) => postEntry(tx, e, options));
  const balanceRow = (customerId: string) =>
    db.kysely
      .selectFrom("loyalty_balances")
      .selectAll()
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .executeTakeFirst();
  const ledgerRows = (customerId: string) =>
    db.kysely
      .selectFrom("loyalty_ledger")
      .select(["action", "delta", "reference"])
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .orderBy("id")
      .execute();

  it("moves the balance by the delta and counts only earned actions in the lifetime total", async () => {
    const first = await post(entry("c-earn", 500, { action: "purchase" }));
    expect(first).toMatchObject({ posted: true, balance: 500 });
    const spent = await post(entry("c-earn", -200, { action: "redemption" }));
    expect(spent).toMatchObject({ posted: true, balance: 300 });
    const row = await balanceRow("c-earn");
    expect(Number(row?.balance)).toBe(300);
    expect(Number(row?.lifetime_earned)).toBe(500);
    expect((await ledgerRows("c-earn")).map((r) => [r.action, Number(r.delta)])).toEqual([
      ["purchase", 500],
      ["redemption", -200],
    ]);
    if (first.posted) expect(first.id).toMatch(/^[0-9a-z]{13}[0-9a-f]{12}$/);
  });

  it("posts an award once: the same store, customer, action and reference change nothing again", async () => {
    const award = entry("c-once", 100, { action: "review", reference: "review-1" });
    expect((await post(award)).posted).toBe(true);
    expect(await post({ ...award, delta: 999 })).toEqual({ posted: false });
    expect(Number((await balanceRow("c-once"))?.balance)).toBe(100);
    // Another action with the same reference is another award.
    expect(await post({ ...award, action: "review_with_media" })).toMatchObject({
      posted: true,
      balance: 200,
    });
  });

  it("lets a spend take the balance to exactly zero and refuses one point more, posting nothing", async () => {
    await post(entry("c-spend", 300));
    const tooMuch = post(entry("c-spend", -301, { action: "redemption" }));
    await expect(tooMuch).rejects.toBeInstanceOf(ApiError);
    await expect(tooMuch).rejects.toMatchObject({ status: 422, code: "insufficient_points" });
    expect(Number((await balanceRow("c-spend"))?.balance)).toBe(300);
    expect(await ledgerRows("c-spend")).toHaveLength(1);
    expect(await post(entry("c-spend", -300, { action: "redemption" }))).toMatchObject({
      posted: true,
      balance: 0,
    });
    // A customer the program has never seen has nothing to spend.
    await expect(post(entry("c-new", -1, { action: "redemption" }))).rejects.toMatchObject({
      code: "insufficient_points",
    });
  });

  it("records the entry's time as the customer's last activity, unless told it is none", async () => {
    await post(entry("c-active", 50, { at: T0 }));
    expect((await balanceRow("c-active"))?.last_activity_at).toBe(T0);
    await post(entry("c-active", 50, { at: T1, action: "expiry" }), { activity: false });
    expect((await balanceRow("c-active"))?.last_activity_at).toBe(T0);
    await post(entry("c-active", 5, { at: T1 }));
    expect((await balanceRow("c-active"))?.last_activity_at).toBe(T1);
    expect((await balanceRow("c-active"))?.created_at).toBe(T0);
  });

  it("refuses a delta that is not a safe integer before it writes anything", async () => {
    for (const delta of [1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      await expect(post(entry("c-odd", delta))).rejects.toThrow(/integer/);
    }
    expect(await balanceRow("c-odd")).toBeUndefined();
  });

  it("creates a balance row at zero once, with a referral code, and never resets it", async () => {
    await transaction(db, (tx) => ensureBalanceRow(tx, storeId, "c-row", T0));
    const row = await balanceRow("c-row");
    expect(row).toMatchObject({ last_activity_at: T0, created_at: T0, joined_at: null, birthday: null });
    expect(Number(row?.balance)).toBe(0);
    expect(Number(row?.lifetime_earned)).toBe(0);
    expect(row?.referral_code).toMatch(new RegExp(`^[${UNAMBIGUOUS}]{8}$`));
    await post(entry("c-row", 40));
    await transaction(db, (tx) => ensureBalanceRow(tx, storeId, "c-row", T1));
    const again = await balanceRow("c-row");
    expect(Number(again?.balance)).toBe(40);
    expect(again?.referral_code).toBe(row?.referral_code);
    expect(again?.created_at).toBe(T0);
    const locked = await transaction(db, (tx) => lockBalance(tx, storeId, "c-row", kind === "postgres"));
    expect(Number(locked?.balance)).toBe(40);
    expect(await transaction(db, (tx) => lockBalance(tx, storeId, "c-nobody", false))).toBeUndefined();
  });

  it("lists one customer's ledger of this store, newest first (the later id first at the same time), up to the limit", async () => {
    const T2 = "2026-03-03T12:00:00.000Z";
    const { storeId: otherStore } = await makeStore(db);
    const posted = [
      await post(entry("c-history", 500, { at: T0, reason: "welcome", reference: "h-1" })),
      await post(
        entry("c-history", -200, { at: T1, action: "redemption", reason: "spent", reference: "h-2" }),
      ),
      await post(entry("c-history", 30, { at: T1, reason: "same moment", reference: "h-3" })),
      await post(entry("c-history", 7, { at: T2, reason: "latest", reference: "h-4" })),
    ];
    await post(entry("c-history-neighbour", 11, { at: T2 }));
    await post(entry("c-history", 13, { at: T2, storeId: otherStore }));
    const ids = posted.map((p) => (p.posted ? p.id : ""));
    const history = await ledgerHistory(db.kysely, { storeId, customerId: "c-history" }, 10);
    expect(history).toEqual([
      { id: ids[3], delta: 7, action: "adjustment", reference: "h-4", reason: "latest", createdAt: T2 },
      { id: ids[2], delta: 30, action: "adjustment", reference: "h-3", reason: "same moment", createdAt: T1 },
      { id: ids[1], delta: -200, action: "redemption", reference: "h-2", reason: "spent", createdAt: T1 },
      { id: ids[0], delta: 500, action: "adjustment", reference: "h-1", reason: "welcome", createdAt: T0 },
    ]);
    expect(await ledgerHistory(db.kysely, { storeId, customerId: "c-history" }, 2)).toEqual(
      history.slice(0, 2),
    );
    expect(await ledgerHistory(db.kysely, { storeId, customerId: "c-nobody" }, 10)).toEqual([]);
  });

  it("makes ids that sort in the order they were made, and codes of unambiguous characters", () => {
    const ids = Array.from({ length: 2000 }, () => newLedgerId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{13}[0-9a-f]{12}$/);
    const codes = Array.from({ length: 200 }, () => randomCode(12));
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${UNAMBIGUOUS}]{12}$`));
    // 2400 draws from 31 characters: every one of them shows up.
    expect(new Set(codes.join("")).size).toBe(UNAMBIGUOUS.length);
    expect(randomCode(0)).toBe("");
  });
});
