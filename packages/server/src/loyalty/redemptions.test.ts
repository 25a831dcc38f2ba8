import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LoyaltyKit,
  ledgerSum,
  PROGRAM_AT_ONCE,
  startLoyaltyKit,
} from "../../testing/loyalty-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

const DAY = 86_400_000;

describe.each(databasesUnderTest())("redeeming points on %s", (kind) => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit(kind);
  });
  afterAll(() => kit.close());

  it("lets exactly 3 of 50 concurrent redemptions through a balance for 3, never below zero", async () => {
    // free-shipping costs 300: a balance of 900 pays for exactly three.
    expect((await kit.adjust("racer", 900)).status).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => kit.redeem("racer", "free-shipping", `race-${i}`)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 422)).toHaveLength(47);
    for (const r of results.filter((r) => r.status === 422))
      expect(r.json.error.code).toBe("insufficient_points");
    const codes = results.filter((r) => r.status === 201).map((r) => r.json.code);
    expect(new Set(codes).size).toBe(3);
    expect(await kit.balance("racer")).toBe(0);
    expect(await ledgerSum(kit, "racer")).toBe(0);
    const redemptions = await kit.server.db.kysely
      .selectFrom("loyalty_redemptions")
      .select(["status"])
      .where("customer_id", "=", "racer")
      .execute();
    expect(redemptions.map((r) => r.status)).toEqual(["issued", "issued", "issued"]);
  });

  it("charges once when the same Idempotency-Key arrives 20 times in parallel, answering identical bytes", async () => {
    await kit.adjust("twin", 1000);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => kit.redeem("twin", "five-off", "same-key-1")),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    expect(results[0]?.json).toMatchObject({ rewardId: "five-off", pointsSpent: 500, balance: 500 });
    expect(results[0]?.json.code).toMatch(/^PLD-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(await kit.balance("twin")).toBe(500);
    // Later replays still answer the first response.
    const later = await kit.redeem("twin", "five-off", "same-key-1");
    expect(later.text).toBe(results[0]?.text);
    expect(await kit.balance("twin")).toBe(500);
  });

  it("answers 409 idempotency_conflict when a key is reused with another body or by another customer", async () => {
    await kit.adjust("reuser", 2000);
    expect((await kit.redeem("reuser", "free-shipping", "reuse-key")).status).toBe(201);
    const other = await kit.redeem("reuser", "five-off", "reuse-key");
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("idempotency_conflict");
    const stranger = await kit.redeem("someone-else", "free-shipping", "reuse-key");
    expect(stranger.status).toBe(409);
    expect(await kit.balance("reuser")).toBe(1700);
  });

  it("requires an Idempotency-Key of at most 255 characters", async () => {
    const url = `${kit.server.url}/v1/stores/${kit.storeId}/loyalty/redemptions`;
    const headers = { "content-type": "application/json", "x-plaudit-customer": kit.token("keyless") };
    const missing = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify({ rewardId: "five-off" }),
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.code).toBe("bad_request");
    const long = await kit.redeem("keyless", "five-off", "k".repeat(256));
    expect(long.status).toBe(400);
    expect((await kit.redeem("keyless", "five-off", "k".repeat(255))).json.error.code).toBe(
      "insufficient_points",
    );
  });

  it("lets a key that failed for lack of points be used again once there are points", async () => {
    const first = await kit.redeem("saver", "free-shipping", "retry-key");
    expect(first.status).toBe(422);
    await kit.adjust("saver", 300);
    const again = await kit.redeem("saver", "free-shipping", "retry-key");
    expect(again.status).toBe(201);
    expect(again.json.balance).toBe(0);
  });

  it("answers a retry with the first bytes even after the merchant removed the reward", async () => {
    // A shopper whose answer got lost retries with the same key; the merchant meanwhile dropped it.
    await kit.adjust("retrier", 500);
    const first = await kit.redeem("retrier", "five-off", "retry-after-removal");
    expect(first.status).toBe(201);
    const program = (await kit.admin("GET", "/v1/admin/loyalty/program")).json;
    const without = {
      ...program,
      rewards: program.rewards.filter((r: { id: string }) => r.id !== "five-off"),
    };
    expect((await kit.admin("PUT", "/v1/admin/loyalty/program", without)).status).toBe(200);
    try {
      const again = await kit.redeem("retrier", "five-off", "retry-after-removal");
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect((await kit.redeem("retrier", "five-off", "a-new-key")).json.error.code).toBe("reward_not_found");
      expect(await kit.balance("retrier")).toBe(0);
    } finally {
      await kit.admin("PUT", "/v1/admin/loyalty/program", program);
    }
  });

  it("spends nothing when the reward was repriced after the shopper saw it (cost sent)", async () => {
    await kit.adjust("watcher", 1000);
    const redeem = (key: string, cost?: number) =>
      fetch(`${kit.server.url}/v1/stores/${kit.storeId}/loyalty/redemptions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-plaudit-customer": kit.token("watcher"),
          "idempotency-key": key,
        },
        body: JSON.stringify({ rewardId: "free-shipping", cost }),
      }).then(async (r) => ({ status: r.status, json: await r.json() }));
    const program = (await kit.admin("GET", "/v1/admin/loyalty/program")).json;
    const repriced = {
      ...program,
      rewards: program.rewards.map((r: { id: string }) =>
        r.id === "free-shipping" ? { ...r, cost: 800 } : r,
      ),
    };
    expect((await kit.admin("PUT", "/v1/admin/loyalty/program", repriced)).status).toBe(200);
    try {
      // The panel showed 300 points; the merchant has made it 800 since.
      const stale = await redeem("priced-300", 300);
      expect(stale.status).toBe(409);
      expect(stale.json.error).toMatchObject({ code: "reward_changed", fields: { cost: "is now 800" } });
      expect(await kit.balance("watcher")).toBe(1000);
      const agreed = await redeem("priced-800", 800);
      expect(agreed.status).toBe(201);
      expect(agreed.json.pointsSpent).toBe(800);
      // Without a cost the current one is spent, as before the field existed.
      await kit.adjust("watcher", 800);
      expect((await redeem("unpriced")).json.pointsSpent).toBe(800);
      expect((await redeem("bad-cost", -1)).status).toBe(422);
      expect(await kit.balance("watcher")).toBe(200);
    } finally {
      await kit.admin("PUT", "/v1/admin/loyalty/program", program);
    }
  });

  it("refuses points past their expiry even before the sweep or /me took them", async () => {
    const expiring = await startLoyaltyKit(kind, {
      ...PROGRAM_AT_ONCE,
      settings: { ...PROGRAM_AT_ONCE.settings, expiryDays: 30 },
    });
    try {
      await expiring.adjust("dormant", 1000);
      expiring.time.advance(29 * DAY);
      // Still inside the 30 days: spendable, and spending is activity (the clock starts again).
      expect((await expiring.redeem("dormant", "free-shipping", "in-time")).status).toBe(201);
      expiring.time.advance(30 * DAY + 1000);
      const late = await expiring.redeem("dormant", "free-shipping", "too-late");
      expect(late.status).toBe(422);
      expect(late.json.error.code).toBe("insufficient_points");
      expect(await ledgerSum(expiring, "dormant")).toBe(700);
      const me = await expiring.me("dormant");
      expect(me.balance).toBe(100); // the 700 expired; the signup bonus of this first /me is new
      expect(me.history.map((h: { action: string }) => h.action)).toEqual([
        "signup",
        "expiry",
        "redemption",
        "adjustment",
      ]);
    } finally {
      await expiring.close();
    }
  });

  it("answers 404 reward_not_found and 422 for a missing rewardId, charging nothing", async () => {
    await kit.adjust("lost", 500);
    const unknown = await kit.redeem("lost", "no-such-reward", "lost-1");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("reward_not_found");
    const empty = await kit.redeem("lost", "", "lost-2");
    expect(empty.status).toBe(422);
    expect(await kit.balance("lost")).toBe(500);
  });

  it("takes the customer token from the body too, and marks answers private", async () => {
    await kit.adjust("bodytoken", 300);
    const response = await fetch(`${kit.server.url}/v1/stores/${kit.storeId}/loyalty/redemptions`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "body-token-1" },
      body: JSON.stringify({ rewardId: "free-shipping", customerToken: kit.token("bodytoken") }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const me = await fetch(`${kit.server.url}/v1/stores/${kit.storeId}/loyalty/me`, {
      headers: { "x-plaudit-customer": kit.token("bodytoken") },
    });
    expect(me.headers.get("cache-control")).toBe("private, no-store");
    // Newest first: the signup bonus of this first /me, then the redemption, then the adjustment.
    const history = (await me.json()).history;
    expect(history.map((h: { delta: number }) => h.delta)).toEqual([100, -300, 300]);
    expect(history[1]).toMatchObject({ reason: "Redeemed: Free shipping", action: "redemption" });
  });

  it("allows the customer and idempotency headers in CORS preflights", async () => {
    const res = await fetch(`${kit.server.url}/v1/stores/${kit.storeId}/loyalty/redemptions`, {
      method: "OPTIONS",
      headers: {
        origin: "https://shop.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-plaudit-customer, idempotency-key",
      },
    });
    expect(res.status).toBe(204);
    const allowed = (res.headers.get("access-control-allow-headers") ?? "").toLowerCase();
    expect(allowed).toContain("x-plaudit-customer");
    expect(allowed).toContain("idempotency-key");
  });

  it("uses the merchant's webhook for codes, and gives the points back when it fails", async () => {
    let fail = false;
    let issued = 0;
    const merchant = createServer((_req, res) => {
      if (fail) return void res.writeHead(503).end();
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ code: `SHOP-CODE-${++issued}` }));
    });
    await new Promise<void>((done) => merchant.listen(0, "127.0.0.1", done));
    const program = (await kit.admin("GET", "/v1/admin/loyalty/program")).json;
    const url = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/codes`;
    await kit.admin("PUT", "/v1/admin/loyalty/program", {
      ...program,
      settings: { ...program.settings, codeWebhookUrl: url },
    });
    try {
      await kit.adjust("hooked", 600);
      const ok = await kit.redeem("hooked", "free-shipping", "hook-1");
      expect(ok.status).toBe(201);
      expect(ok.json.code).toBe("SHOP-CODE-1");
      fail = true;
      const failed = await kit.redeem("hooked", "free-shipping", "hook-2");
      expect(failed.status).toBe(502);
      expect(failed.json.error.code).toBe("code_issuer_failed");
      expect(await kit.balance("hooked")).toBe(300);
      expect(await ledgerSum(kit, "hooked")).toBe(300);
      // The key was freed: the same request succeeds once the merchant is back.
      fail = false;
      expect((await kit.redeem("hooked", "free-shipping", "hook-2")).status).toBe(201);
      expect(await kit.balance("hooked")).toBe(0);
    } finally {
      await kit.admin("PUT", "/v1/admin/loyalty/program", program);
      merchant.closeAllConnections();
      await new Promise<void>((done) => merchant.close(() => done()));
    }
  });
  it("answers 502 and gives the points back, never a 500, when the webhook hands two redemptions one code", async () => {
    // A merchant endpoint that answers the same code every time, slowly enough that two
    // redemptions both ask it before either has stored its code.
    const merchant = createServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ code: "SAVE10" }));
      }, 50);
    });
    await new Promise<void>((done) => merchant.listen(0, "127.0.0.1", done));
    const program = (await kit.admin("GET", "/v1/admin/loyalty/program")).json;
    const url = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/codes`;
    await kit.admin("PUT", "/v1/admin/loyalty/program", {
      ...program,
      settings: { ...program.settings, codeWebhookUrl: url },
    });
    try {
      const shoppers = Array.from({ length: 6 }, (_, i) => `same-code-${i}`);
      for (const shopper of shoppers) await kit.adjust(shopper, 300);
      const answers = await Promise.all(
        shoppers.map((shopper) => kit.redeem(shopper, "free-shipping", `${shopper}-key`)),
      );
      // One shopper gets the code; the others are told no code could be made, and keep their points.
      expect(answers.map((r) => r.status).sort()).toEqual([201, 502, 502, 502, 502, 502]);
      for (const [i, answer] of answers.entries()) {
        const shopper = shoppers[i] as string;
        if (answer.status === 201) {
          expect(answer.json.code).toBe("SAVE10");
          expect(await kit.balance(shopper)).toBe(0);
        } else {
          expect(answer.json.error.code).toBe("code_issuer_failed");
          expect(await kit.balance(shopper)).toBe(300);
          expect(await ledgerSum(kit, shopper)).toBe(300);
        }
      }
      const statuses = await kit.server.db.kysely
        .selectFrom("loyalty_redemptions")
        .select("status")
        .where("customer_id", "in", shoppers)
        .execute();
      expect(statuses.map((r) => r.status).sort()).toEqual([
        "failed",
        "failed",
        "failed",
        "failed",
        "failed",
        "issued",
      ]);
    } finally {
      await kit.admin("PUT", "/v1/admin/loyalty/program", program);
      merchant.closeAllConnections();
      await new Promise<void>((done) => merchant.close(() => done()));
    }
  });
});

describe("a code webhook on a private network, with private webhooks not allowed", () => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit("sqlite", undefined, {}, { allowPrivateWebhooks: false });
  });
  afterAll(() => kit.close());

  it("is refused when the merchant saves it, saying why; a public address is taken", async () => {
    const program = (await kit.admin("GET", "/v1/admin/loyalty/program")).json;
    const save = (codeWebhookUrl: string) =>
      kit.admin("PUT", "/v1/admin/loyalty/program", {
        ...program,
        settings: { ...program.settings, codeWebhookUrl },
      });
    for (const url of ["http://127.0.0.1:9/codes", "http://localhost:8080/codes", "http://[::1]/codes"]) {
      const refused = await save(url);
      expect(refused.status, url).toBe(422);
      expect(refused.json.error.code).toBe("validation_failed");
      expect(refused.json.error.fields["settings.codeWebhookUrl"]).toMatch(
        /public internet.*PLAUDIT_ALLOW_PRIVATE_WEBHOOKS/,
      );
    }
    expect((await save("https://8.8.8.8/codes")).status).toBe(200);
  });
});
