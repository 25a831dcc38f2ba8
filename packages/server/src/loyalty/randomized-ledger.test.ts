import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoyaltyKit, ledgerSum, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { prng, SAMPLE_LOYALTY_PROGRAM } from "../../testing/sample-data.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

const CUSTOMERS = ["ann", "ben", "cat", "dan", "eve"];
const REWARDS = SAMPLE_LOYALTY_PROGRAM.rewards;

describe.each(databasesUnderTest())("a randomized run of earning and spending on %s", (kind) => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit(kind, {
      ...SAMPLE_LOYALTY_PROGRAM,
      settings: { ...SAMPLE_LOYALTY_PROGRAM.settings, expiryDays: 30 },
    });
  });
  afterAll(() => kit.close());

  it("keeps every balance equal to its ledger sum and never negative", async () => {
    const seed = Number(process.env.PLAUDIT_LOYALTY_SEED ?? 20261126);
    const random = prng(seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    const orders: string[] = [];
    const keys: string[] = [];
    const redeemed = new Map<string, number>();
    let refunds = 0;
    let n = 0;

    // 20 rounds of 8 operations sent in parallel: the races are part of the test.
    for (let round = 0; round < 20; round++) {
      const batch: Promise<unknown>[] = [];
      for (let i = 0; i < 8; i++) {
        const customer = pick(CUSTOMERS);
        const roll = random();
        n += 1;
        if (roll < 0.3) {
          const orderId = `o-${n}`;
          const referrer = random() < 0.2 ? pick(CUSTOMERS) : undefined;
          batch.push(
            (async () => {
              const code = referrer ? (await kit.me(referrer)).referral.code : undefined;
              const recorded = await kit.order(
                orderId,
                customer,
                Math.round(random() * 50000) / 100,
                code ? { referralCode: code } : {},
              );
              expect(recorded.status, `order ${orderId}`).toBe(201);
              // Refundable from the next round on: a refund racing its own order would be a 404.
              orders.push(orderId);
            })(),
          );
        } else if (roll < 0.55) {
          // Sometimes reuse an earlier key: a replay must not charge again.
          const key = keys.length > 0 && random() < 0.25 ? pick(keys) : `k-${n}`;
          keys.push(key);
          const reward = pick(REWARDS);
          batch.push(
            kit.redeem(customer, reward.id, key).then((r) => {
              if (r.status === 201) redeemed.set(r.json.id, r.json.pointsSpent);
              else expect([409, 422]).toContain(r.status);
            }),
          );
        } else if (roll < 0.7 && orders.length > 0) {
          const orderId = pick(orders);
          batch.push(
            kit.admin("POST", `/v1/admin/orders/${orderId}/refund`).then((r) => {
              // 201 the first refund, 200 a repeat of it: never refused, never a 5xx.
              expect([200, 201], `refund ${orderId}: ${r.text}`).toContain(r.status);
              if (r.status === 201) refunds++;
            }),
          );
        } else if (roll < 0.85) {
          const delta = Math.round((random() - 0.4) * 800) || 1;
          batch.push(kit.adjust(customer, delta).then((r) => expect([201, 422]).toContain(r.status)));
        } else if (roll < 0.95) {
          batch.push(kit.me(customer));
        } else {
          batch.push(kit.admin("POST", "/v1/admin/loyalty/sweep"));
        }
      }
      await Promise.all(batch);
      // Time passes between rounds (not during one: tokens in flight would expire), so expiry bites.
      if (random() < 0.3) kit.time.advance(Math.floor(random() * 25) * 86_400_000);
    }

    // The run did what it claims to race: orders, refunds and redemptions all happened.
    expect(orders.length).toBeGreaterThan(10);
    expect(refunds).toBeGreaterThan(0);
    expect(redeemed.size).toBeGreaterThan(0);
    for (const customer of CUSTOMERS) {
      const balance = await kit.balance(customer);
      expect(balance).toBeGreaterThanOrEqual(0);
      expect(balance, `${customer} (seed ${seed})`).toBe(await ledgerSum(kit, customer));
    }
    const report = await kit.admin("GET", "/v1/admin/loyalty/consistency");
    expect(report.json).toMatchObject({ ok: true, mismatches: [], negativeBalances: 0 });
    expect(report.json.ledgerRows).toBeGreaterThan(50);

    // Every successful redemption is exactly one spending row, and nothing else spent.
    const spent = await kit.server.db.kysely
      .selectFrom("loyalty_ledger")
      .select(["reference", "delta"])
      .where("store_id", "=", kit.storeId)
      .where("action", "=", "redemption")
      .execute();
    expect(new Map(spent.map((r) => [r.reference, -Number(r.delta)]))).toEqual(redeemed);
  });
});
