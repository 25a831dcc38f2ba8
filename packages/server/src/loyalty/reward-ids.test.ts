import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoyaltyKit, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { SAMPLE_LOYALTY_PROGRAM } from "../../testing/sample-data.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

// A reward's id is never given to a different reward: customers' redemptions name it.
describe.each(databasesUnderTest())("reward ids on %s", (kind) => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit(kind);
  });
  afterAll(() => kit.close());

  const rewards = SAMPLE_LOYALTY_PROGRAM.rewards;
  const save = (list: object[], headers: Record<string, string> = {}) =>
    kit.admin("PUT", "/v1/admin/loyalty/program", { ...SAMPLE_LOYALTY_PROGRAM, rewards: list }, headers);
  const savedIds = async () =>
    ((await kit.admin("GET", "/v1/admin/loyalty/program")).json.rewards as { id: string }[]).map((r) => r.id);
  const without = (id: string) => rewards.filter((r) => r.id !== id);

  it("refuses a removed, redeemed reward's id for a different reward at the same cost, by field, and saves nothing", async () => {
    expect((await kit.adjust("ada", 1000)).status).toBe(201);
    expect((await kit.redeem("ada", "five-off", "ada-1")).status).toBe(201);
    expect((await save(without("five-off"))).status).toBe(200);

    const other = { id: "five-off", name: "10% off", cost: 500, kind: "percent_off", value: 10 };
    const list = [...without("five-off"), other];
    const refused = await save(list);
    expect(refused.status).toBe(422);
    const message = "is the id of a removed reward customers redeemed: a different reward needs a new id";
    expect(refused.json.error).toEqual({
      code: "validation_failed",
      message: `rewards.${list.length - 1}.id ${message}`,
      fields: { [`rewards.${list.length - 1}.id`]: message },
    });
    expect(await savedIds()).not.toContain("five-off");

    const german = await save(list, { "accept-language": "de" });
    expect(german.json.error.fields[`rewards.${list.length - 1}.id`]).toBe(
      "ist die ID einer entfernten Prämie, die Kunden eingelöst haben: eine andere Prämie braucht eine neue ID",
    );
    const hebrew = await save(list, { "accept-language": "he" });
    expect(hebrew.json.error.fields[`rewards.${list.length - 1}.id`]).toBe(
      "זה המזהה של הטבה שהוסרה ולקוחות מימשו: הטבה אחרת צריכה מזהה חדש",
    );
  });

  it("lets the same reward come back under its id, renamed and repriced", async () => {
    const back = { id: "five-off", name: "Five off", cost: 450, kind: "amount_off", value: 5 };
    expect((await save([...without("five-off"), back])).status).toBe(200);
    expect(await savedIds()).toContain("five-off");
  });

  it("frees the id of a reward removed before anyone redeemed it", async () => {
    expect((await save(without("free-shipping"))).status).toBe(200);
    const other = { id: "free-shipping", name: "$3 off", cost: 300, kind: "amount_off", value: 3 };
    expect((await save([...without("free-shipping"), other])).status).toBe(200);
  });
});
