import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoyaltyKit, ledgerSum, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { SAMPLE_LOYALTY_PROGRAM } from "../../testing/sample-data.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

const MINUTE = 60_000;

// Idempotency-Keys of redemptions, and the second phase of a redemption when the merchant's code webhook misbehaves: a code that is
// taken already (drawn again, at most three times), and a redemption left "issuing" (a crash
// between the phases, or a webhook that answers too late) that the daily sweep undoes after ten
// minutes on the app's clock — points back as a new row, the key freed, and the late code never
// handed out.
describe.each(databasesUnderTest())("redemptions the code webhook left undone on %s", (kind) => {
  let kit: LoyaltyKit;
  let merchantUrl: string;
  const merchant = createServer((req, res) => answer(req, res));
  let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    void res.writeHead(503).end();
  const codeOf = (res: ServerResponse, code: string) =>
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ code }));

  /** What the server logs as errors (a failed code issuer is logged with the redemption and cause). */
  const errors: Record<string, unknown>[] = [];
  const logger = {
    info() {},
    warn() {},
    error: (fields: Record<string, unknown>) => void errors.push(fields),
  };
  const issuerFailures = () =>
    errors.filter((e) => e.msg === "redemption code issuer failed; points given back");

  beforeAll(async () => {
    kit = await startLoyaltyKit(kind, SAMPLE_LOYALTY_PROGRAM, {}, { allowPrivateWebhooks: true, logger });
    await new Promise<void>((done) => merchant.listen(0, "127.0.0.1", done));
    merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/codes`;
    const program = (await kit.admin("GET", "/v1/admin/loyalty/program")).json;
    const saved = await kit.admin("PUT", "/v1/admin/loyalty/program", {
      ...program,
      settings: { ...program.settings, codeWebhookUrl: merchantUrl, codeWebhookTimeoutMs: 30_000 },
    });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    merchant.closeAllConnections();
    await new Promise<void>((done) => merchant.close(() => done()));
    await kit.close();
  });

  const failedRedemptionIds = async (customerId: string) =>
    (
      await kit.server.db.kysely
        .selectFrom("loyalty_redemptions")
        .select("id")
        .where("customer_id", "=", customerId)
        .where("status", "=", "failed")
        .execute()
    ).map((r) => r.id);
  const redemptions = (customerId: string) =>
    kit.server.db.kysely
      .selectFrom("loyalty_redemptions")
      .select(["status", "code", "points_spent"])
      .where("customer_id", "=", customerId)
      .execute();

  it("draws a code again when the webhook's is taken, three times at most, then gives the points back", async () => {
    let calls = 0;
    answer = (_req, res) => {
      calls++;
      codeOf(res, calls === 2 ? "SHOP-TAKEN" : calls === 3 ? "SHOP-FRESH" : "SHOP-TAKEN");
    };
    await kit.adjust("dup", 900);
    const first = await kit.redeem("dup", "free-shipping", "dup-1");
    expect(first.json.code).toBe("SHOP-TAKEN");
    calls = 1;
    // Taken, then fresh: the second draw is used.
    const second = await kit.redeem("dup", "free-shipping", "dup-2");
    expect(second.status).toBe(201);
    expect(second.json.code).toBe("SHOP-FRESH");
    expect(calls).toBe(3);

    calls = 0;
    answer = (_req, res) => {
      calls++;
      codeOf(res, "SHOP-TAKEN");
    };
    errors.length = 0;
    const none = await kit.redeem("dup", "free-shipping", "dup-3");
    expect(none.status).toBe(502);
    expect(none.json.error.code).toBe("code_issuer_failed");
    expect(calls).toBe(3);
    const failedId = (await failedRedemptionIds("dup"))[0];
    expect(issuerFailures()).toEqual([
      {
        msg: "redemption code issuer failed; points given back",
        redemptionId: failedId,
        error: "no unique code",
      },
    ]);
    expect(await kit.balance("dup")).toBe(300);
    expect(await ledgerSum(kit, "dup")).toBe(300);
    expect((await redemptions("dup")).map((r) => r.status).sort()).toEqual(["failed", "issued", "issued"]);

    // A webhook that fails is not asked again within the same redemption.
    calls = 0;
    answer = (_req, res) => {
      calls++;
      res.writeHead(503).end();
    };
    errors.length = 0;
    expect((await kit.redeem("dup", "free-shipping", "dup-4")).status).toBe(502);
    expect(calls).toBe(1);
    expect(issuerFailures().map((e) => e.error)).toEqual(["code webhook answered 503"]);
    expect(await kit.balance("dup")).toBe(300);
  });

  it("lets a duplicate that waited on a failed first request take the freed key and succeed", async () => {
    let calls = 0;
    answer = (_req, res) => {
      if (++calls === 1) return void res.writeHead(503).end();
      codeOf(res, `SHOP-SECOND-${kind}`);
    };
    await kit.adjust("twins", 300);
    const both = await Promise.all([
      kit.redeem("twins", "free-shipping", "twins-1"),
      kit.redeem("twins", "free-shipping", "twins-1"),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 502]);
    expect(calls).toBe(2);
    expect(await kit.balance("twins")).toBe(0);
    expect(await ledgerSum(kit, "twins")).toBe(0);
    // The key now holds the success: a replay answers its bytes.
    const replay = await kit.redeem("twins", "free-shipping", "twins-1");
    expect(replay.text).toBe(both.find((r) => r.status === 201)?.text);
  });

  it("answers a reused Idempotency-Key with the first bytes, or 409 for another request or customer", async () => {
    answer = (_req, res) => codeOf(res, `SHOP-KEY-${Math.random().toString(36).slice(2, 10)}`);
    await kit.adjust("keyed", 2000);
    const first = await kit.redeem("keyed", "free-shipping", "keyed-1");
    expect(first.status).toBe(201);
    const replay = await kit.redeem("keyed", "free-shipping", "keyed-1");
    expect([replay.status, replay.text]).toEqual([201, first.text]);
    const otherReward = await kit.redeem("keyed", "five-off", "keyed-1");
    expect([otherReward.status, otherReward.json.error.code]).toEqual([409, "idempotency_conflict"]);
    expect(otherReward.json.error.message).toBe("this Idempotency-Key was used for a different request");
    await kit.adjust("stranger", 2000);
    const stranger = await kit.redeem("stranger", "free-shipping", "keyed-1");
    expect(stranger.status).toBe(409);
    expect(await kit.balance("keyed")).toBe(1700);
    expect(await kit.balance("stranger")).toBe(2000);
    // Keys are per store and scope: an admin adjustment may use the same key.
    expect((await kit.adjust("keyed", 5, "keyed-1")).status).toBe(201);
    expect(await kit.balance("keyed")).toBe(1705);
  });

  it("wants an Idempotency-Key of 1 to 255 characters that is not only spaces", async () => {
    const url = `${kit.server.url}/v1/stores/${kit.storeId}/loyalty/redemptions`;
    const send = (key?: string) =>
      fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-plaudit-customer": kit.token("keyless"),
          ...(key === undefined ? {} : { "idempotency-key": key }),
        },
        body: JSON.stringify({ rewardId: "five-off" }),
      }).then(async (r) => ({
        status: r.status,
        json: (await r.json()) as { error: { code: string; fields: object } },
      }));
    for (const [key, field] of [
      [undefined, "is required"],
      ["   ", "is required"],
      // No-break spaces are blank too (HTTP trims only spaces and tabs from a header value).
      ["\u00a0\u00a0", "is required"],
      ["k".repeat(256), "must be at most 255 characters"],
    ] as const) {
      const res = await send(key);
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ code: "bad_request", fields: { "Idempotency-Key": field } });
    }
    // 255 characters is a key: the request gets as far as the points.
    expect((await send("k".repeat(255))).json.error.code).toBe("insufficient_points");
    expect((await send("k")).json.error.code).toBe("insufficient_points");
  });

  it("undoes a redemption stuck 'issuing' for more than ten minutes, and never hands out its late code", async () => {
    // A finished redemption of another customer: its key must outlive the sweep below.
    answer = (_req, res) => codeOf(res, "SHOP-FINISHED");
    await kit.adjust("finished", 300);
    const finished = await kit.redeem("finished", "free-shipping", "finished-1");
    expect(finished.status).toBe(201);
    let release: () => void = () => {};
    const asked = new Promise<void>((reached) => {
      answer = (_req, res) => {
        reached();
        release = () => codeOf(res, "SHOP-LATE");
      };
    });
    await kit.adjust("stuck", 600);
    const startedAt = kit.time.clock().toISOString();
    const pending = kit.redeem("stuck", "free-shipping", "stuck-1");
    await asked;
    // Phase one committed: the points are spent and the redemption waits for its code.
    expect(await kit.balance("stuck")).toBe(300);
    expect((await redemptions("stuck")).map((r) => r.status)).toEqual(["issuing"]);

    kit.time.advance(10 * MINUTE);
    const early = await kit.admin("POST", "/v1/admin/loyalty/sweep");
    expect(early.status).toBe(200);
    expect(early.json.recoveredRedemptions).toBe(0);
    expect(await kit.balance("stuck")).toBe(300);

    kit.time.advance(1);
    const sweep = await kit.admin("POST", "/v1/admin/loyalty/sweep");
    expect(sweep.json.recoveredRedemptions).toBe(1);
    expect(await kit.balance("stuck")).toBe(600);
    const rows = await kit.server.db.kysely
      .selectFrom("loyalty_ledger")
      .select(["action", "delta"])
      .where("store_id", "=", kit.storeId)
      .where("customer_id", "=", "stuck")
      .orderBy("id")
      .execute();
    expect(rows.map((r) => [r.action, Number(r.delta)])).toEqual([
      ["adjustment", 600],
      ["redemption", -300],
      ["redemption_refund", 300],
    ]);
    // Giving points back is not the customer's activity (it does not hold off their expiry).
    const balance = await kit.server.db.kysely
      .selectFrom("loyalty_balances")
      .select("last_activity_at")
      .where("store_id", "=", kit.storeId)
      .where("customer_id", "=", "stuck")
      .executeTakeFirstOrThrow();
    expect(balance.last_activity_at).toBe(startedAt);
    // The sweep freed only the stuck redemption's key: the finished one still replays its bytes.
    const replayed = await kit.redeem("finished", "free-shipping", "finished-1");
    expect([replayed.status, replayed.text]).toEqual([201, finished.text]);
    // Swept once: a second sweep finds nothing more to undo.
    expect((await kit.admin("POST", "/v1/admin/loyalty/sweep")).json.recoveredRedemptions).toBe(0);

    // The webhook answers at last: too late, its code is not handed out and nothing is spent.
    release();
    const late = await pending;
    expect(late.status).toBe(502);
    expect(late.json.error.code).toBe("code_issuer_failed");
    expect((await redemptions("stuck")).map((r) => [r.status, r.code, Number(r.points_spent)])).toEqual([
      ["failed", null, 300],
    ]);
    expect(await kit.balance("stuck")).toBe(600);

    // The key was freed: the same request runs afresh.
    answer = (_req, res) => codeOf(res, "SHOP-AGAIN");
    const again = await kit.redeem("stuck", "free-shipping", "stuck-1");
    expect(again.status).toBe(201);
    expect(again.json).toMatchObject({ code: "SHOP-AGAIN", balance: 300, pointsSpent: 300 });
    expect(await ledgerSum(kit, "stuck")).toBe(300);
  });
  it("answers a redemption with its code, the reward's name, kind and value, and a free product's id", async () => {
    answer = (_req, res) => codeOf(res, `SHOP-BODY-${Math.random().toString(36).slice(2, 10)}`);
    await kit.adjust("body", 1500);
    const at = kit.time.clock().toISOString();
    const socks = await kit.redeem("body", "free-socks", "body-1");
    expect(socks.status).toBe(201);
    expect(socks.json).toEqual({
      id: expect.stringMatching(/^rd_/),
      rewardId: "free-socks",
      code: expect.stringMatching(/^SHOP-BODY-/),
      pointsSpent: 1200,
      balance: 300,
      reward: { name: "Free merino socks", kind: "free_product", value: 18, productId: "socks-merino" },
      createdAt: at,
    });
    const shipping = await kit.redeem("body", "free-shipping", "body-2");
    expect(shipping.json.reward).toEqual({ name: "Free shipping", kind: "free_shipping", value: 0 });
    expect(Object.keys(shipping.json.reward)).not.toContain("productId");
  });

  it("gives nothing back twice when the webhook fails after the sweep undid the redemption", async () => {
    let fail: () => void = () => {};
    const asked = new Promise<void>((reached) => {
      answer = (_req, res) => {
        reached();
        fail = () => void res.writeHead(503).end();
      };
    });
    await kit.adjust("late-failure", 600);
    const pending = kit.redeem("late-failure", "free-shipping", "late-failure-1");
    await asked;
    kit.time.advance(10 * MINUTE + 1);
    expect((await kit.admin("POST", "/v1/admin/loyalty/sweep")).json.recoveredRedemptions).toBe(1);
    expect(await kit.balance("late-failure")).toBe(600);
    errors.length = 0;
    fail();
    const late = await pending;
    expect([late.status, late.json.error.code]).toEqual([502, "code_issuer_failed"]);
    // The failure found the redemption undone already: no second refund row.
    expect(await kit.balance("late-failure")).toBe(600);
    expect(await ledgerSum(kit, "late-failure")).toBe(600);
    const refunds = await kit.server.db.kysely
      .selectFrom("loyalty_ledger")
      .select("delta")
      .where("store_id", "=", kit.storeId)
      .where("customer_id", "=", "late-failure")
      .where("action", "=", "redemption_refund")
      .execute();
    expect(refunds.map((r) => Number(r.delta))).toEqual([300]);
    expect((await redemptions("late-failure")).map((r) => r.status)).toEqual(["failed"]);
  });
});
