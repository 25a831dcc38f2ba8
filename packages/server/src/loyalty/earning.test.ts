import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, postJson, reviewBody } from "../../testing/fixtures.ts";
import {
  type LoyaltyKit,
  ledgerSum,
  PROGRAM_AT_ONCE,
  startLoyaltyKit,
} from "../../testing/loyalty-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

const DAY = 86_400_000;

// The earning arithmetic with points spendable at once and referrals of any size; the return
// window, the referral minimum and the review-points rules have their own suite (abuse.test.ts).
const AT_ONCE = PROGRAM_AT_ONCE;

describe.each(databasesUnderTest())("earning points on %s", (kind) => {
  let kit: LoyaltyKit;
  let held: LoyaltyKit;
  beforeAll(async () => {
    [kit, held] = await Promise.all([
      startLoyaltyKit(kind, AT_ONCE),
      startLoyaltyKit(kind, AT_ONCE, { moderation: "hold" }),
    ]);
  });
  afterAll(() => Promise.all([kit.close(), held.close()]));

  const actions = async (k: LoyaltyKit, customerId: string) =>
    (await k.admin("GET", `/v1/admin/loyalty/customers/${customerId}`)).json.history.map(
      (h: { action: string; delta: number }) => `${h.action}:${h.delta}`,
    );

  it("awards purchase points once when the same order is posted twice (even in parallel)", async () => {
    const [a, b] = await Promise.all([
      kit.order("o-twice", "buyer", 49.99),
      kit.order("o-twice", "buyer", 49.99),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect((await kit.order("o-twice", "buyer", 49.99)).status).toBe(200);
    expect(await kit.balance("buyer")).toBe(50);
    expect(await actions(kit, "buyer")).toEqual(["purchase:50"]);
  });

  it("reverses purchase points on refund with a new row, once, never below zero", async () => {
    await kit.order("o-refund", "refunder", 120);
    const first = await kit.admin("POST", "/v1/admin/orders/o-refund/refund");
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ pointsReversed: 120, pointsShortfall: 0, balance: 0 });
    const again = await kit.admin("POST", "/v1/admin/orders/o-refund/refund");
    expect(again.status).toBe(200);
    expect(await kit.balance("refunder")).toBe(0);
    expect(await actions(kit, "refunder")).toEqual(["refund:-120", "purchase:120"]);

    // Spend most of an order's points, then refund it: only what is left comes back out.
    await kit.order("o-spent", "spender", 400);
    expect((await kit.redeem("spender", "free-shipping", "spend-1")).status).toBe(201);
    const partial = await kit.admin("POST", "/v1/admin/orders/o-spent/refund");
    expect(partial.json).toMatchObject({ pointsReversed: 100, pointsShortfall: 300, balance: 0 });
    expect(await ledgerSum(kit, "spender")).toBe(0);
    expect((await kit.admin("POST", "/v1/admin/orders/nope/refund")).status).toBe(404);
  });

  it("rewards both sides of a referral once, on the referred customer's first order, and refuses self-referral", async () => {
    const code = (await kit.me("referrer")).referral.code;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect((await kit.me("referrer")).referral.url).toBe(`https://shop.example/?ref=${code}`);
    await kit.order("r-1", "friend", 10, { referralCode: code.toLowerCase() });
    await kit.order("r-2", "friend", 10, { referralCode: code });
    // Not a first order: no referral points for this one.
    await kit.order("r-3", "old-customer", 10);
    await kit.order("r-4", "old-customer", 10, { referralCode: code });
    // Self-referral.
    await kit.order("r-5", "referrer", 10, { referralCode: code });
    expect(await actions(kit, "referrer")).toEqual(["purchase:10", "referral:250", "signup:100"]);
    expect(await actions(kit, "friend")).toEqual(["purchase:10", "referral:250", "purchase:10"]);
    expect(await actions(kit, "old-customer")).toEqual(["purchase:10", "purchase:10"]);
  });

  it("takes a referral back from both sides when the referred customer's orders are all refunded", async () => {
    const code = (await kit.me("ref-giver")).referral.code;
    await kit.order("rr-1", "ref-friend", 10, { referralCode: code });
    await kit.order("rr-2", "ref-friend", 20);
    expect(await kit.balance("ref-giver")).toBe(100 + 250);
    // One order refunded, one kept: the friend is a real customer, the referral stands.
    expect((await kit.admin("POST", "/v1/admin/orders/rr-1/refund")).status).toBe(201);
    expect(await actions(kit, "ref-friend")).not.toContain("referral_refund:-250");
    // Both refunded: nothing is left of the purchase the referral paid for.
    const last = await kit.admin("POST", "/v1/admin/orders/rr-2/refund");
    expect(last.status).toBe(201);
    expect(last.json.balance).toBe(0);
    expect(await actions(kit, "ref-friend")).toContain("referral_refund:-250");
    expect(await actions(kit, "ref-giver")).toContain("referral_refund:-250");
    expect(await kit.balance("ref-giver")).toBe(100);
    // Once: refunding again moves nothing; the ledger still adds up.
    expect((await kit.admin("POST", "/v1/admin/orders/rr-2/refund")).status).toBe(200);
    expect(await kit.balance("ref-giver")).toBe(100);
    expect(await ledgerSum(kit, "ref-giver")).toBe(100);
    expect(await ledgerSum(kit, "ref-friend")).toBe(0);
  });

  it("takes back only what is left when the referrer already spent the referral points", async () => {
    const code = (await kit.me("ref-spender")).referral.code;
    await kit.order("rs-1", "ref-buyer", 10, { referralCode: code });
    expect(await kit.balance("ref-spender")).toBe(350);
    expect((await kit.redeem("ref-spender", "free-shipping", "rs-spend")).status).toBe(201);
    const left = await kit.balance("ref-spender");
    expect(left).toBeLessThan(250);
    expect((await kit.admin("POST", "/v1/admin/orders/rs-1/refund")).status).toBe(201);
    expect(await kit.balance("ref-spender")).toBe(0);
    expect(await actions(kit, "ref-spender")).toContain(`referral_refund:${-left}`);
    expect(await ledgerSum(kit, "ref-spender")).toBe(0);
  });

  it("gives signup points once, on the first /me", async () => {
    const first = await kit.me("joiner");
    expect(first).toMatchObject({
      customerId: "joiner",
      balance: 100,
      tier: "Bronze",
      nextTier: { name: "Silver", remaining: 900 },
    });
    expect((await kit.me("joiner")).balance).toBe(100);
    const joined = await postJson(`${kit.server.url}/v1/stores/${kit.storeId}/loyalty/join`, {
      customerToken: kit.token("joiner"),
    });
    expect(joined.status).toBe(200);
    expect(joined.json.balance).toBe(100);
  });

  it("awards review points once per product, the same for 1 and 5 stars, with a media bonus", async () => {
    const url = (p: string) => `${kit.server.url}/v1/stores/${kit.storeId}/products/${p}/reviews`;
    const token = kit.token("critic");
    // Review points are for verified buyers (the rule's own tests are in abuse.test.ts).
    await kit.order("crit-1", "critic", 0, {
      items: ["p-low", "p-high"].map((productId) => ({ productId, quantity: 1, price: 0 })),
    });
    expect((await postJson(url("p-low"), reviewBody({ rating: 1, customerToken: token }))).status).toBe(201);
    expect((await postJson(url("p-high"), reviewBody({ rating: 5, customerToken: token }))).status).toBe(201);
    expect((await postJson(url("p-high"), reviewBody({ rating: 4, customerToken: token }))).status).toBe(201);
    const history = await actions(kit, "critic");
    expect(history).toEqual(["review:50", "review:50"]);
    const rows = await kit.server.db.kysely
      .selectFrom("loyalty_ledger")
      .select(["reference", "delta"])
      .where("customer_id", "=", "critic")
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.reference, Number(r.delta)]))).toEqual({
      "p-low": 50,
      "p-high": 50,
    });
    // An anonymous review earns nothing and touches no balance.
    await postJson(url("p-anon"), reviewBody());
    expect((await kit.admin("GET", "/v1/admin/loyalty/consistency")).json.mismatches).toEqual([]);
  });

  it("shows a held review's points as pending and awards them only when moderation publishes it", async () => {
    const url = `${held.server.url}/v1/stores/${held.storeId}/products/p-held/reviews`;
    await held.order("wait-1", "waiter", 0, { items: [{ productId: "p-held", quantity: 1, price: 0 }] });
    const submitted = await postJson(url, reviewBody({ rating: 2, customerToken: held.token("waiter") }));
    expect(submitted.json.status).toBe("pending");
    const before = await held.me("waiter");
    expect(before.balance).toBe(100);
    expect(before.pendingPoints).toBe(50);
    expect(before.pending).toEqual([
      { points: 50, reason: "Review awaiting moderation", availableAt: null, action: "review" },
    ]);

    const id = submitted.json.review.id;
    expect((await held.admin("PATCH", `/v1/admin/reviews/${id}`, { status: "published" })).status).toBe(200);
    const after = await held.me("waiter");
    expect(after.balance).toBe(150);
    expect(after.pendingPoints).toBe(0);
    // Unpublished: the points go back; published again: still once per product, nothing more.
    await held.admin("PATCH", `/v1/admin/reviews/${id}`, { status: "pending" });
    expect((await held.me("waiter")).balance).toBe(100);
    await held.admin("PATCH", `/v1/admin/reviews/${id}`, { status: "published" });
    expect((await held.me("waiter")).balance).toBe(100);
  });

  it("awards birthday points once a year from the sweep", async () => {
    // The test clock stands at 2026-03-01.
    expect(
      (await kit.admin("PUT", "/v1/admin/loyalty/customers/bday", { birthday: "1990-02-20" })).status,
    ).toBe(200);
    expect((await kit.admin("PUT", "/v1/admin/loyalty/customers/bday", { birthday: "02-31" })).status).toBe(
      422,
    );
    expect((await kit.admin("POST", "/v1/admin/loyalty/sweep")).json.birthdays).toBe(1);
    expect((await kit.admin("POST", "/v1/admin/loyalty/sweep")).json.birthdays).toBe(0);
    expect(await actions(kit, "bday")).toEqual(["birthday:200"]);
  });

  it("expires points after the inactivity period with a ledger row, in the sweep and lazily on /me", async () => {
    const sleeper = await startLoyaltyKit(kind, AT_ONCE);
    try {
      await sleeper.order("e-1", "sleepy", 300);
      await sleeper.me("dozy");
      sleeper.time.advance(364 * DAY);
      expect((await sleeper.admin("POST", "/v1/admin/loyalty/sweep")).json.expired).toEqual({
        customers: 0,
        points: 0,
      });
      sleeper.time.advance(2 * DAY);
      const swept = await sleeper.admin("POST", "/v1/admin/loyalty/sweep");
      expect(swept.json.expired.customers).toBeGreaterThanOrEqual(1);
      expect(await sleeper.balance("sleepy")).toBe(0);
      expect(await actions(sleeper, "sleepy")).toEqual(["expiry:-300", "purchase:300"]);
      expect((await sleeper.admin("POST", "/v1/admin/loyalty/sweep")).json.expired.points).toBe(0);
      expect((await sleeper.me("sleepy")).balance).toBe(100);
      expect((await sleeper.admin("GET", "/v1/admin/loyalty/consistency")).json.ok).toBe(true);
    } finally {
      await sleeper.close();
    }
  });

  it("puts the customer in a tier by points earned in the window, or by spend", async () => {
    await kit.order("t-1", "climber", 1200);
    const me = await kit.me("climber");
    expect(me).toMatchObject({
      balance: 1300,
      tier: "Silver",
      tierId: "silver",
      nextTier: { name: "Gold", remaining: 1200 },
    });
    expect(me.tierProgress).toEqual({ mode: "points", value: 1300, windowDays: 365 });

    const program = (await kit.admin("GET", "/v1/admin/loyalty/program")).json;
    const bySpend = {
      ...program,
      tiers: [
        { id: "member", name: "Member", threshold: 0, perks: [] },
        { id: "vip", name: "VIP", threshold: 1000, perks: ["Free returns"] },
      ],
      settings: { ...program.settings, tierMode: "spend" },
    };
    expect((await kit.admin("PUT", "/v1/admin/loyalty/program", bySpend)).status).toBe(200);
    try {
      expect(await kit.me("climber")).toMatchObject({ tier: "VIP", nextTier: null });
      await kit.admin("POST", "/v1/admin/orders/t-1/refund");
      expect(await kit.me("climber")).toMatchObject({
        tier: "Member",
        nextTier: { name: "VIP", remaining: 1000 },
      });
    } finally {
      await kit.admin("PUT", "/v1/admin/loyalty/program", program);
    }
  });

  it("never shows an email in public loyalty bodies", async () => {
    await kit.order("mail-1", "mailer", 10, { email: "secret.buyer@example.com" });
    const bodies = [
      (await getJson(`${kit.server.url}/v1/stores/${kit.storeId}/loyalty/program`)).text,
      JSON.stringify(await kit.me("mailer")),
    ];
    for (const body of bodies) expect(body).not.toContain("secret.buyer@example.com");
  });
});
