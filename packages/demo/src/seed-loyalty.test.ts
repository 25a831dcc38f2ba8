import { signCustomerToken } from "@plaudit/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, postJson, reviewBody } from "../../server/testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../server/testing/test-server.ts";
import { seedDemo } from "./seed.ts";
import { DEMO_PRODUCTS } from "./seed-texts.ts";

describe.each(databasesUnderTest())("the demo loyalty program on %s", (kind) => {
  let server: TestServer;
  let secretKey: string;
  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ secretKey } = await seedDemo(server.db, { now: new Date() }));
    // A second run (every `plaudit-server start`) changes nothing.
    await seedDemo(server.db, { now: new Date() });
  });
  afterAll(() => server.close());

  it("has all six earning actions, rewards of every kind, three tiers with perks", async () => {
    const { status, json, headers } = await getJson(`${server.url}/v1/stores/demo/loyalty/program`);
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
    const etag = headers.get("etag") as string;
    expect(
      (await fetch(`${server.url}/v1/stores/demo/loyalty/program`, { headers: { "if-none-match": etag } }))
        .status,
    ).toBe(304);
    expect(json.pointsName).toBe("points");
    expect(json.earning.map((e: { action: string }) => e.action).sort()).toEqual([
      "birthday",
      "purchase",
      "referral",
      "review",
      "review_with_media",
      "signup",
    ]);
    expect(new Set(json.rewards.map((r: { kind: string }) => r.kind))).toEqual(
      new Set(["amount_off", "percent_off", "free_shipping", "free_product"]),
    );
    expect(json.tiers).toHaveLength(3);
    expect(json.tiers.every((t: { perks: string[] }) => t.perks.length > 0)).toBe(true);
    expect(JSON.stringify(json)).not.toContain("codeWebhook");
  });

  it("gives demo-shopper enough points to redeem, with history, and keeps the ledger consistent", async () => {
    const { json } = await getJson(`${server.url}/v1/stores/demo/loyalty/me`, {
      "x-plaudit-customer": signCustomerToken(secretKey, "demo-shopper"),
    });
    expect(json).toMatchObject({
      balance: 850,
      tier: "Bronze",
      nextTier: { name: "Silver", remaining: 150 },
    });
    expect(json.history.length).toBe(6);
    const report = await fetch(`${server.url}/v1/admin/loyalty/consistency`, {
      headers: { authorization: `Bearer ${secretKey}` },
    });
    expect(await report.json()).toMatchObject({ ok: true, mismatches: [] });
  });

  it("keeps the demo's review-then-points flow: every demo shopper is a verified buyer of every product", async () => {
    for (const customerId of ["demo-newbie", "demo-shopper", "demo-vip"]) {
      const token = signCustomerToken(secretKey, customerId);
      const me = async () =>
        (await getJson(`${server.url}/v1/stores/demo/loyalty/me`, { "x-plaudit-customer": token })).json;
      const before = (await me()).balance;
      // A product this shopper has not reviewed in the seed, different for each shopper.
      const product = DEMO_PRODUCTS[5 + ["demo-newbie", "demo-shopper", "demo-vip"].indexOf(customerId)]?.id;
      const submitted = await postJson(
        `${server.url}/v1/stores/demo/products/${product}/reviews`,
        reviewBody({ customerToken: token, body: `Written by ${customerId} on the demo page.` }),
      );
      expect(submitted.json).toMatchObject({ status: "published", review: { verified: true } });
      expect((await me()).balance).toBe(before + 50);
    }
  });
});
