// A person the store erased (POST /v1/admin/privacy/erase) may come back and earn again, but the
// once-per-person welcomes are not paid twice: erasure moves their ledger to a pseudonym, so
// without a memory of it "erase me, sign up again" paid the signup points every time, and a
// returning customer's next order counted as a referred friend's first. The memory is the erasure
// markers' keyed hashes (docs/loyalty.md, "Earning": signup).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoyaltyKit, PROGRAM_AT_ONCE, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

describe.each(databasesUnderTest())("a shopper who was erased and comes back, on %s", (kind) => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit(kind, PROGRAM_AT_ONCE);
  });
  afterAll(() => kit.close());

  const erase = async (who: { customerId?: string; email?: string }) => {
    const res = await kit.admin("POST", "/v1/admin/privacy/erase", who);
    expect(res.status).toBe(200);
  };
  const history = async (customerId: string) =>
    ((await kit.me(customerId)).history as { action: string; delta: number }[]).map(
      (h) => `${h.action}:${h.delta}`,
    );

  it("joins again under the same customer id without a second signup bonus, and says so", async () => {
    expect((await kit.me("ana")).balance).toBe(100);
    await erase({ customerId: "ana" });
    const back = await kit.me("ana");
    expect(back.balance).toBe(0);
    expect(await history("ana")).toEqual(["signup:0"]);
    expect(back.history[0].reason).toMatch(/again/);
    // Still a member who earns: an order pays as usual.
    await kit.order("ana-back-1", "ana", 30);
    expect((await kit.me("ana")).balance).toBe(30);
  });

  it("joins under a new customer id with an erased address on its orders: no second bonus", async () => {
    await kit.order("bo-1", "bo", 10, { email: "Bo@Example.com" });
    expect((await kit.me("bo")).balance).toBe(110);
    await erase({ email: "bo@example.com" });
    await kit.order("bo-new-1", "bo-new-account", 10, { email: " BO@example.com" });
    expect(await history("bo-new-account")).toEqual(["signup:0", "purchase:10"]);
  });

  it("pays a new shopper as ever (the markers name only who was erased)", async () => {
    await kit.order("cy-1", "cy", 10, { email: "cy@example.com" });
    expect(await history("cy")).toEqual(["signup:100", "purchase:10"]);
  });

  it("is not a referred friend on the first order after coming back", async () => {
    const code = (await kit.me("referrer")).referral.code;
    await kit.order("dee-1", "dee", 10, { email: "dee@example.com" });
    await erase({ customerId: "dee" });
    await kit.order("dee-2", "dee", 50, { referralCode: code });
    expect(await history("referrer")).toEqual(["signup:100"]);
    expect((await history("dee")).filter((h) => h.startsWith("referral"))).toEqual([]);
    // A friend who is new is referred as ever.
    await kit.order("eve-1", "eve", 50, { referralCode: code, email: "eve@example.com" });
    expect((await history("referrer")).sort()).toEqual(["referral:250", "signup:100"]);
  });

  it("keeps every balance equal to its ledger", async () => {
    const check = await kit.admin("GET", "/v1/admin/loyalty/consistency");
    expect(check.json).toMatchObject({ ok: true, mismatches: [], negativeBalances: 0 });
  });
});
