import { signCustomerToken } from "@plaudit/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, postJson, reviewBody } from "../../server/testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../server/testing/test-server.ts";
import { seedBenchmarkReviews, seedDemo } from "./seed.ts";
import { DEMO_PRODUCTS } from "./seed-texts.ts";

describe.each(databasesUnderTest())("demo seed on %s", (kind) => {
  let server: TestServer;
  let secretKey: string;

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ secretKey } = await seedDemo(server.db, { now: new Date("2026-06-01T00:00:00Z") }));
  });
  afterAll(() => server.close());

  it("creates ≥ 12 products and ≥ 500 published reviews whose summaries add up", async () => {
    expect(DEMO_PRODUCTS.length).toBeGreaterThanOrEqual(12);
    const ids = DEMO_PRODUCTS.map((p) => p.id).join(",");
    const { json } = await getJson(`${server.url}/v1/stores/demo/summaries?products=${ids}`);
    const total = json.items.reduce((n: number, s: { count: number }) => n + s.count, 0);
    expect(total).toBeGreaterThanOrEqual(500);
    expect(json.items.every((s: { count: number }) => s.count > 0)).toBe(true);
    const stored = await server.db.kysely
      .selectFrom("reviews")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(total);
    // J-shaped: 5 stars most common, 1 star more common than 2.
    const histogram = [0, 0, 0, 0, 0];
    for (const s of json.items) {
      for (const [i, n] of (s.histogram as number[]).entries()) histogram[i] = (histogram[i] ?? 0) + n;
    }
    expect(Math.max(...histogram)).toBe(histogram[4]);
    expect(histogram[0]).toBeGreaterThan(histogram[1] as number);
  });

  it("has long, RTL and CJK texts, replies, verified buyers and votes", async () => {
    const rows = await server.db.kysely
      .selectFrom("reviews")
      .select(["body", "reply_body", "verified", "helpful_up", "created_at"])
      .execute();
    expect(rows.some((r) => r.body.length > 1000)).toBe(true);
    expect(rows.some((r) => /[\u0590-\u05FF]/.test(r.body))).toBe(true); // Hebrew
    expect(rows.some((r) => /[\u0600-\u06FF]/.test(r.body))).toBe(true); // Arabic
    expect(rows.some((r) => /[\u3040-\u30FF]/.test(r.body))).toBe(true); // Japanese
    expect(rows.some((r) => /ä|ö|ü|ß/.test(r.body))).toBe(true); // German
    expect(rows.some((r) => r.reply_body !== null)).toBe(true);
    expect(rows.filter((r) => Number(r.verified) === 1).length).toBeGreaterThan(100);
    expect(rows.some((r) => Number(r.helpful_up) > 0)).toBe(true);
    const oldest = rows.map((r) => r.created_at).sort()[0] as string;
    expect(oldest < "2025-01-01").toBe(true);
  });

  it("backs verified reviews with real orders, so a seeded buyer's new review is verified", async () => {
    const buyer = await server.db.kysely
      .selectFrom("orders")
      .innerJoin("order_items", "order_items.order_id", "orders.order_id")
      .select(["orders.customer_id", "order_items.product_id"])
      .executeTakeFirstOrThrow();
    const token = signCustomerToken(secretKey, buyer.customer_id);
    const res = await postJson(
      `${server.url}/v1/stores/demo/products/${buyer.product_id}/reviews`,
      reviewBody({ customerToken: token }),
    );
    expect(res.json.review.verified).toBe(true);
  });

  it("keeps existing data when run again, and takes a new secret when given one", async () => {
    const before = await getJson(`${server.url}/v1/stores/demo/products/tee-classic/summary`);
    const again = await seedDemo(server.db);
    expect(again).toMatchObject({ created: false, secretKey });
    expect((await getJson(`${server.url}/v1/stores/demo/products/tee-classic/summary`)).json).toEqual(
      before.json,
    );
    const newSecret = "sk_new_demo_secret_0123456789abcdefghij";
    const replaced = await seedDemo(server.db, { secretKey: newSecret });
    expect(replaced.secretKey).toBe(newSecret);
    const auth = { authorization: `Bearer ${newSecret}` };
    expect((await getJson(`${server.url}/v1/admin/reviews?limit=1`, auth)).status).toBe(200);
    // The secret it replaced is no admin key any more.
    const old = { authorization: `Bearer ${secretKey}` };
    expect((await getJson(`${server.url}/v1/admin/reviews?limit=1`, old)).status).toBe(401);
    // PLAUDIT_DEMO_SECRET is also the demo's signing secret.
    const token = signCustomerToken(newSecret, "demo-shopper");
    const me = await getJson(`${server.url}/v1/stores/demo/loyalty/me`, { "x-plaudit-customer": token });
    expect(me.status).toBe(200);
  });

  // How fast is bench/api.ts's business (`seed --reviews N` prints it): no clock decides here.
  it("adds benchmark reviews in bulk with a matching summary", async () => {
    await seedBenchmarkReviews(server.db, { count: 5000, productId: "bench" });
    const summary = await getJson(`${server.url}/v1/stores/demo/products/bench/summary`);
    expect(summary.json.count).toBe(5000);
  });
});
