// Points that cannot overflow (issue 13): bigint columns on PostgreSQL read back as numbers, and
// one order earns at most LIMITS.pointsPerOrderMax.
import { LIMITS } from "@plaudit/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoyaltyKit, PROGRAM_AT_ONCE, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { parseInt8 } from "../db/database.ts";

describe.each(databasesUnderTest())("points bounds on %s", (kind) => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit(kind, PROGRAM_AT_ONCE);
  });
  afterAll(() => kit.close());

  it("caps the points one order earns, however large its total", async () => {
    // 1 point per unit (the sample program's rate) on the largest total an order may have: far past the cap.
    expect((await kit.order("o-huge", "whale", 100_000_000)).status).toBe(201);
    expect(await kit.balance("whale")).toBe(LIMITS.pointsPerOrderMax);
  });

  it("keeps balances past 2^31 and reads them back as numbers", async () => {
    const huge = 5_000_000_000;
    await kit.server.db.kysely
      .updateTable("loyalty_balances")
      .set({ balance: huge, lifetime_earned: huge })
      .where("store_id", "=", kit.storeId)
      .where("customer_id", "=", "whale")
      .execute();
    const row = await kit.server.db.kysely
      .selectFrom("loyalty_balances")
      .select(["balance", "lifetime_earned"])
      .where("store_id", "=", kit.storeId)
      .where("customer_id", "=", "whale")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ balance: huge, lifetime_earned: huge });
  });
});

describe("reading PostgreSQL bigints", () => {
  it("gives numbers, and refuses what a number cannot hold exactly", () => {
    expect(parseInt8("5000000000")).toBe(5_000_000_000);
    expect(parseInt8("-42")).toBe(-42);
    expect(() => parseInt8("9007199254740993")).toThrow(RangeError);
  });
});
