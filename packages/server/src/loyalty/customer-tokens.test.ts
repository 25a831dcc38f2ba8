import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore } from "../../testing/fixtures.ts";
import { type LoyaltyKit, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { signCustomerToken } from "../customer-token.ts";

describe.each(databasesUnderTest())("customer tokens on the loyalty routes on %s", (kind) => {
  let kit: LoyaltyKit;
  let otherSecret: string;
  beforeAll(async () => {
    kit = await startLoyaltyKit(kind, undefined, { tokenLifetimeSeconds: 600 });
    ({ signingSecret: otherSecret } = await makeStore(kit.server.db));
  });
  afterAll(() => kit.close());

  const meWith = (token?: string) =>
    getJson(
      `${kit.server.url}/v1/stores/${kit.storeId}/loyalty/me`,
      token === undefined ? {} : { "x-plaudit-customer": token },
    );

  it("accepts a fresh token, also for a customer id with dots", async () => {
    const res = await meWith(kit.token("first.last@shop"));
    expect(res.status).toBe(200);
    expect(res.json.customerId).toBe("first.last@shop");
  });

  it.each([
    ["missing", () => undefined, "invalid_customer_token"],
    [
      "forged",
      () => `alice.${Math.floor(kit.time.clock().getTime() / 1000)}.${"ab".repeat(32)}`,
      "invalid_customer_token",
    ],
    ["tampered customer", () => kit.token("alice").replace(/^alice/, "mallory"), "invalid_customer_token"],
    [
      "from another store",
      () => signCustomerToken(otherSecret, "alice", kit.time.clock()),
      "invalid_customer_token",
    ],
    [
      "dated 2 minutes ahead",
      () => kit.token("alice", new Date(kit.time.clock().getTime() + 120_000)),
      "invalid_customer_token",
    ],
    [
      "past the store's 600 s lifetime",
      () => kit.token("alice", new Date(kit.time.clock().getTime() - 601_000)),
      "expired_customer_token",
    ],
    ["garbage", () => "not-a-token", "invalid_customer_token"],
  ])("refuses a %s token with 401", async (_name, make, code) => {
    const res = await meWith(make());
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe(code);
    const redeem = await fetch(`${kit.server.url}/v1/stores/${kit.storeId}/loyalty/redemptions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "idempotency-key": "k1",
        ...(make() ? { "x-plaudit-customer": make() as string } : {}),
      },
      body: JSON.stringify({ rewardId: "five-off" }),
    });
    expect(redeem.status).toBe(401);
  });

  it("accepts a token 59 s ahead (clock skew) and one 599 s old", async () => {
    expect((await meWith(kit.token("bob", new Date(kit.time.clock().getTime() + 59_000)))).status).toBe(200);
    expect((await meWith(kit.token("bob", new Date(kit.time.clock().getTime() - 599_000)))).status).toBe(200);
  });
});
