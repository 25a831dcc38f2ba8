import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, reviewBody } from "../../testing/fixtures.ts";
import { type LoyaltyKit, ledgerSum, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { SAMPLE_LOYALTY_PROGRAM } from "../../testing/sample-data.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

// Issue 19: each way a dishonest shopper farmed points now yields nothing, while an honest buyer
// notices nothing. The kits run the sample program with its default settings (return window 30 days,
// review points for verified buyers, 3 a day, referrals from a 20.00 first order).

const DAY = 86_400_000;

describe.each(databasesUnderTest())("abuse earns nothing on %s", (kind) => {
  let kit: LoyaltyKit;
  let held: LoyaltyKit;
  beforeAll(async () => {
    [kit, held] = await Promise.all([
      startLoyaltyKit(kind),
      startLoyaltyKit(kind, undefined, { moderation: "hold" }),
    ]);
  });
  afterAll(() => Promise.all([kit.close(), held.close()]));

  const reviewUrl = (k: LoyaltyKit, product: string) =>
    `${k.server.url}/v1/stores/${k.storeId}/products/${product}/reviews`;
  const review = (k: LoyaltyKit, customer: string, product: string, extra: Record<string, unknown> = {}) =>
    postJson(reviewUrl(k, product), reviewBody({ customerToken: k.token(customer), ...extra }));
  const buy = (k: LoyaltyKit, orderId: string, customer: string, products: string[], total = 30) =>
    k.order(orderId, customer, total, {
      items: products.map((productId) => ({ productId, quantity: 1, price: total / products.length })),
    });
  const reviewPoints = async (k: LoyaltyKit, customer: string) => {
    const rows = await k.server.db.kysely
      .selectFrom("loyalty_ledger")
      .select("delta")
      .where("store_id", "=", k.storeId)
      .where("customer_id", "=", customer)
      .where("action", "in", ["review", "review_with_media", "review_refund", "review_with_media_refund"])
      .execute();
    return rows.reduce((sum, r) => sum + Number(r.delta), 0);
  };

  it("pays 0 points for six published reviews of products the shopper never bought", async () => {
    await kit.me("farmer");
    for (let i = 0; i < 6; i++) {
      const res = await review(kit, "farmer", `unbought-${i}`, { body: `Review number ${i} of a thing.` });
      expect(res.json.status).toBe("published");
      expect(res.json.review.verified).toBe(false);
    }
    expect(await reviewPoints(kit, "farmer")).toBe(0);
    const me = await kit.me("farmer");
    expect(me.balance).toBe(100);
    expect(me.pendingPoints).toBe(0);
  });

  it("pays an honest verified buyer at once when the review publishes, once per product", async () => {
    await buy(kit, "honest-1", "honest", ["mug"]);
    const first = await review(kit, "honest", "mug", { rating: 2 });
    expect(first.json).toMatchObject({ status: "published", review: { verified: true } });
    expect(await reviewPoints(kit, "honest")).toBe(50);
    await review(kit, "honest", "mug", { rating: 5, body: "Second thoughts: even better." });
    expect(await reviewPoints(kit, "honest")).toBe(50);
  });

  it("caps review points at 3 reviews a day per customer, and pays again the next day", async () => {
    const products = ["cap-a", "cap-b", "cap-c", "cap-d", "cap-e"];
    await buy(kit, "cap-1", "prolific", products);
    for (const [i, product] of products.slice(0, 4).entries()) {
      expect((await review(kit, "prolific", product, { body: `Honest words ${i}.` })).status).toBe(201);
    }
    expect(await reviewPoints(kit, "prolific")).toBe(150);
    kit.time.advance(DAY + 1000);
    await review(kit, "prolific", "cap-e", { body: "A day later." });
    expect(await reviewPoints(kit, "prolific")).toBe(200);
  });

  it("takes review points back when moderation unpublishes the review, and never below zero", async () => {
    await buy(held, "unpub-1", "unpub", ["lamp"]);
    const submitted = await review(held, "unpub", "lamp");
    expect(submitted.json.status).toBe("pending");
    const id = submitted.json.review.id;
    // The purchase's 30 wait out the return window; the review's 50 wait for moderation.
    expect((await held.me("unpub")).pendingPoints).toBe(30 + 50);
    await held.admin("PATCH", `/v1/admin/reviews/${id}`, { status: "published" });
    expect(await held.balance("unpub")).toBe(150);
    // Spend most of it, then the review is rejected: what is left comes back out, no further.
    await held.adjust("unpub", -120);
    await held.admin("PATCH", `/v1/admin/reviews/${id}`, { status: "rejected" });
    expect(await held.balance("unpub")).toBe(0);
    expect(await reviewPoints(held, "unpub")).toBe(20);
    expect(await ledgerSum(held, "unpub")).toBe(0);
    expect((await held.admin("GET", "/v1/admin/loyalty/consistency")).json.ok).toBe(true);
  });

  it("keeps purchase points pending through the return window: buy, redeem at once, refund keeps no reward", async () => {
    const orderAt = kit.time.clock();
    expect((await kit.order("free-1", "grifter", 600)).status).toBe(201);
    const me = await kit.me("grifter");
    expect(me.balance).toBe(100);
    expect(me.pending).toEqual([
      {
        points: 600,
        reason: "Purchase (order free-1)",
        availableAt: new Date(orderAt.getTime() + 30 * DAY).toISOString(),
        action: "purchase",
      },
    ]);
    expect(me.pendingPoints).toBe(600);
    const redeemed = await kit.redeem("grifter", "five-off", "grift-1");
    expect(redeemed.status).toBe(422);
    expect(redeemed.json.error.code).toBe("insufficient_points");

    const refund = await kit.admin("POST", "/v1/admin/orders/free-1/refund");
    expect(refund.status).toBe(201);
    expect(refund.json).toMatchObject({
      pointsReversed: 0,
      pointsShortfall: 0,
      pointsCanceled: 600,
      balance: 100,
    });
    expect((await kit.admin("POST", "/v1/admin/orders/free-1/refund")).json.pointsCanceled).toBe(600);
    kit.time.advance(31 * DAY);
    const later = await kit.me("grifter");
    expect(later).toMatchObject({ balance: 100, pendingPoints: 0, pending: [] });
    expect(
      await kit.server.db.kysely
        .selectFrom("loyalty_redemptions")
        .selectAll()
        .where("customer_id", "=", "grifter")
        .execute(),
    ).toEqual([]);
    expect(await ledgerSum(kit, "grifter")).toBe(100);
  });

  it("makes purchase points spendable once the window has passed (lazily on /me, on redeem, and in the sweep)", async () => {
    await kit.order("wait-1", "patient", 600);
    await kit.order("wait-2", "redeemer", 600);
    await kit.order("wait-3", "swept", 600);
    kit.time.advance(30 * DAY);
    expect(await kit.me("patient")).toMatchObject({ balance: 700, pendingPoints: 0 });
    expect((await kit.redeem("redeemer", "five-off", "after-window")).status).toBe(201);
    expect(await kit.balance("redeemer")).toBe(100);
    expect((await kit.admin("POST", "/v1/admin/loyalty/sweep")).json.released).toBeGreaterThanOrEqual(1);
    expect(await kit.balance("swept")).toBe(600);
    // A refund after the window takes back what is left, as before (the ledger never goes negative).
    const late = await kit.admin("POST", "/v1/admin/orders/wait-2/refund");
    expect(late.json).toMatchObject({
      pointsReversed: 100,
      pointsShortfall: 500,
      pointsCanceled: 0,
      balance: 0,
    });
    expect((await kit.admin("GET", "/v1/admin/loyalty/consistency")).json).toMatchObject({
      ok: true,
      negativeBalances: 0,
    });
  });

  it("pays a referral only for a first order of at least the minimum, pending like purchase points", async () => {
    const code = (await kit.me("host")).referral.code;
    await kit.order("ref-small", "small-friend", 19.99, { referralCode: code });
    expect(
      await kit.server.db.kysely
        .selectFrom("loyalty_pending")
        .selectAll()
        .where("action", "=", "referral")
        .where("store_id", "=", kit.storeId)
        .execute(),
    ).toEqual([]);

    await kit.order("ref-big", "real-friend", 20, { referralCode: code });
    const host = await kit.me("host");
    expect(host.balance).toBe(100);
    expect(host.pending).toEqual([expect.objectContaining({ points: 250, action: "referral" })]);
    // The friend's own referral points and purchase points wait too; refunded inside the window,
    // nothing of the referral is ever spendable on either side.
    expect((await kit.me("real-friend")).pendingPoints).toBe(250 + 20);
    await kit.admin("POST", "/v1/admin/orders/ref-big/refund");
    expect(await kit.me("host")).toMatchObject({ balance: 100, pendingPoints: 0 });
    expect(await kit.me("real-friend")).toMatchObject({ balance: 100, pendingPoints: 0 });
  });

  it("refuses a referral to the referrer's own customer id or email", async () => {
    await kit.order("self-0", "selfish", 50, { email: "Me@Example.com" });
    const code = (await kit.me("selfish")).referral.code;
    await kit.order("self-1", "selfish-alt", 50, { referralCode: code, email: "me@example.com" });
    await kit.order("self-2", "selfish", 50, { referralCode: code });
    const referrals = await kit.server.db.kysely
      .selectFrom("loyalty_pending")
      .select("customer_id")
      .where("store_id", "=", kit.storeId)
      .where("action", "=", "referral")
      .where("customer_id", "in", ["selfish", "selfish-alt"])
      .execute();
    expect(referrals).toEqual([]);
  });
  it("pays one referrer for a friend whose first two orders arrive at once with two codes", async () => {
    // A program that pays nothing per purchase (or a rate too small for a small order): no purchase
    // award takes the friend's balance row first, which is what kept these orders apart before.
    const { earning, ...rest } = SAMPLE_LOYALTY_PROGRAM;
    const racy = await startLoyaltyKit(kind, {
      ...rest,
      earning: earning.filter((way) => way.action !== "purchase"),
      settings: { ...rest.settings, referralMinimumOrderTotal: 0 },
    });
    try {
      const codes = [(await racy.me("ref-one")).referral.code, (await racy.me("ref-two")).referral.code];
      for (let friend = 0; friend < 6; friend++) {
        const answers = await Promise.all(
          codes.map((referralCode, i) =>
            racy.order(`twin-${friend}-${i}`, `twin-${friend}`, 30, { referralCode }),
          ),
        );
        expect(answers.map((a) => a.status)).toEqual([201, 201]);
      }
      const paid = await racy.server.db.kysely
        .selectFrom("loyalty_pending")
        .select(["customer_id", "reference"])
        .where("store_id", "=", racy.storeId)
        .where("action", "=", "referral")
        .where("customer_id", "in", ["ref-one", "ref-two"])
        .execute();
      // One referrer per friend: six friends, six referral awards between the two referrers.
      expect(paid.map((p) => p.reference).sort()).toEqual(
        Array.from({ length: 6 }, (_, friend) => `referred:twin-${friend}`),
      );
    } finally {
      await racy.close();
    }
  });
});
