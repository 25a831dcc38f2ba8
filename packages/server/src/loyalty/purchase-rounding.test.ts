// Purchase points for 0-, 2- and 3-decimal currencies (JPY, EUR, KWD): the order total times the
// program's rate, taken on the decimals as written and rounded half up (docs/loyalty.md,
// "Earning"). Binary floating point made 0.285 × 100 = 28.4999… and awarded 28 where the page
// promised — and the shopper could work out — 28.5 → 29.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoyaltyKit, PROGRAM_AT_ONCE, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

const withRate = (points: number) => ({
  ...PROGRAM_AT_ONCE,
  earning: PROGRAM_AT_ONCE.earning.map((way) => (way.action === "purchase" ? { ...way, points } : way)),
});

// [currency, total, rate, points]: each a half that floating point puts just below .5, and
// neighbours either side of it.
const CASES: [string, number, number, number][] = [
  ["JPY", 45, 0.7, 32], // 31.5 (float: 31.499999999999996)
  ["JPY", 44, 0.7, 31], // 30.8
  ["JPY", 1999, 0.01, 20], // 19.99
  ["EUR", 0.57, 50, 29], // 28.5 (float: 28.499999999999996)
  ["EUR", 0.29, 50, 15], // 14.5 (float: 14.499999999999998)
  ["EUR", 49.99, 1, 50],
  ["EUR", 49.49, 1, 49],
  ["KWD", 0.285, 100, 29], // 28.5 (float: 28.499999999999996)
  ["KWD", 0.145, 100, 15], // 14.5 (float: 14.499999999999998)
  ["KWD", 0.284, 100, 28], // 28.4
  ["KWD", 12.345, 10, 123], // 123.45
];

describe.each(databasesUnderTest())("purchase points in 0-, 2- and 3-decimal currencies on %s", (kind) => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit(kind, PROGRAM_AT_ONCE);
  });
  afterAll(() => kit.close());

  it.each(CASES)(
    "%s %s at %s points per unit earns %s, and its refund takes back as many",
    async (currency, total, rate, points) => {
      const put = await kit.admin("PUT", "/v1/admin/loyalty/program", withRate(rate));
      expect(put.status).toBe(200);
      const customer = `c-${currency}-${total}-${rate}`;
      const order = await kit.order(`o-${customer}`, customer, total, { currency });
      expect(order.status).toBe(201);
      expect(await kit.balance(customer)).toBe(points);
      const refund = await kit.admin("POST", `/v1/admin/orders/o-${customer}/refund`);
      expect(refund.json).toMatchObject({ pointsReversed: points, balance: 0 });
    },
  );
});
