// Loyalty labels in the shopper's language. Before, the program kept one label per earning action
// and one name per reward, in whatever language the merchant wrote them: a shop with German and
// Hebrew shoppers showed them English. Now each may carry translations (`labels`, `names`: en, de,
// he), saved and read back by the admin, served with the public program (the panel picks the
// shopper's), and refused in API.md's error shape when they name another language or run long.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson } from "../../testing/fixtures.ts";
import { type LoyaltyKit, startLoyaltyKit } from "../../testing/loyalty-test-kit.ts";
import { SAMPLE_LOYALTY_PROGRAM } from "../../testing/sample-data.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

const TRANSLATED = {
  ...SAMPLE_LOYALTY_PROGRAM,
  earning: SAMPLE_LOYALTY_PROGRAM.earning.map((way) =>
    way.action === "review" ? { ...way, labels: { de: "Bewertung schreiben", he: "לכתוב ביקורת" } } : way,
  ),
  rewards: SAMPLE_LOYALTY_PROGRAM.rewards.map((reward) =>
    reward.id === "five-off" ? { ...reward, names: { de: "5 $ Rabatt", en: "$5 off" } } : reward,
  ),
};

describe.each(databasesUnderTest())("loyalty labels per language on %s", (kind) => {
  let kit: LoyaltyKit;
  beforeAll(async () => {
    kit = await startLoyaltyKit(kind, TRANSLATED);
  });
  afterAll(() => kit.close());

  it("serves every translation with the public program, the defaults where API.md has them", async () => {
    const res = await getJson(`${kit.server.url}/v1/stores/${kit.storeId}/loyalty/program`);
    expect(res.status).toBe(200);
    const review = res.json.earning.find((way: { action: string }) => way.action === "review");
    expect(review).toEqual({
      action: "review",
      points: 50,
      label: "Write a review",
      labels: { de: "Bewertung schreiben", he: "לכתוב ביקורת" },
    });
    const signup = res.json.earning.find((way: { action: string }) => way.action === "signup");
    expect(signup).toEqual({ action: "signup", points: 100, label: "Join the program" });
    const fiveOff = res.json.rewards.find((reward: { id: string }) => reward.id === "five-off");
    expect(fiveOff).toMatchObject({ name: "$5 off your order", names: { de: "5 $ Rabatt", en: "$5 off" } });
  });

  it("reads them back to the admin as saved, trimmed", async () => {
    const program = {
      ...TRANSLATED,
      earning: TRANSLATED.earning.map((way) =>
        way.action === "birthday" ? { ...way, labels: { he: "  מתנת יום הולדת  " } } : way,
      ),
    };
    const put = await kit.admin("PUT", "/v1/admin/loyalty/program", program);
    expect(put.status, put.text).toBe(200);
    const read = await kit.admin("GET", "/v1/admin/loyalty/program");
    const birthday = read.json.earning.find((way: { action: string }) => way.action === "birthday");
    expect(birthday.labels).toEqual({ he: "מתנת יום הולדת" });
  });

  it("refuses another language and words over the limit, by field, in the asker's language, saving nothing", async () => {
    const before = (await kit.admin("GET", "/v1/admin/loyalty/program")).json;
    const bad = {
      ...TRANSLATED,
      earning: TRANSLATED.earning.map((way, i) =>
        i === 0 ? { ...way, labels: { de: "Pro 1 € ein Punkt", fr: "Un point par euro" } } : way,
      ),
      rewards: TRANSLATED.rewards.map((reward, i) =>
        i === 1 ? { ...reward, names: { he: "א".repeat(121) } } : reward,
      ),
    };
    const refused = await kit.admin("PUT", "/v1/admin/loyalty/program", bad);
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({
      code: "validation_failed",
      fields: {
        "earning.0.labels.fr": "must name only the languages en, de, he",
        "rewards.1.names.he": "must be a name of 1–120 characters",
      },
    });
    const german = await kit.admin("PUT", "/v1/admin/loyalty/program", bad, { "accept-language": "de" });
    expect(german.status).toBe(422);
    expect(german.json.error.fields["earning.0.labels.fr"]).toBe("darf nur die Sprachen en, de, he nennen");
    const notAnObject = await kit.admin("PUT", "/v1/admin/loyalty/program", {
      ...TRANSLATED,
      rewards: [{ ...TRANSLATED.rewards[0], names: "5 $ Rabatt" }],
    });
    expect(notAnObject.status).toBe(422);
    expect(notAnObject.json.error.fields["rewards.0.names"]).toBe("must name only the languages en, de, he");
    expect((await kit.admin("GET", "/v1/admin/loyalty/program")).json).toEqual(before);
  });

  // Tier names and perks and the points' name take translations the same way, each as long as the
  // default may be (POINTS_NAME_MAX 40, TIER_NAME_MAX 80, TIER_PERK_MAX 200).
  const NAMED = {
    ...TRANSLATED,
    pointsName: "Stars",
    pointsNames: { de: "Sterne", he: "כוכבים" },
    tiers: [
      {
        id: "silver",
        name: "Silver",
        names: { de: "Silber" },
        threshold: 100,
        perks: ["Free shipping"],
        perksIn: { de: ["Versandkostenfrei", "Früher Zugang"], he: ["משלוח חינם"] },
      },
      { id: "gold", name: "Gold", threshold: 1000, perks: [] },
    ],
  };

  it("serves tier names, perks and the points' name in every language written, to the program and /me", async () => {
    const put = await kit.admin("PUT", "/v1/admin/loyalty/program", NAMED);
    expect(put.status, put.text).toBe(200);
    const res = await getJson(`${kit.server.url}/v1/stores/${kit.storeId}/loyalty/program`);
    expect(res.json.pointsName).toBe("Stars");
    expect(res.json.pointsNames).toEqual({ de: "Sterne", he: "כוכבים" });
    expect(res.json.tiers).toEqual(NAMED.tiers);
    const me = await kit.me("named-shopper");
    expect(me).toMatchObject({ pointsName: "Stars", pointsNames: { de: "Sterne", he: "כוכבים" } });
    expect((await kit.admin("GET", "/v1/admin/loyalty/program")).json.tiers).toEqual(NAMED.tiers);
  });

  it("refuses tier and points' names in another language or over their limit, by field, saving nothing", async () => {
    const put = await kit.admin("PUT", "/v1/admin/loyalty/program", NAMED);
    expect(put.status, put.text).toBe(200);
    const before = (await kit.admin("GET", "/v1/admin/loyalty/program")).json;
    const [silver, gold] = NAMED.tiers;
    const bad = {
      ...NAMED,
      pointsNames: { he: "כ".repeat(41) },
      tiers: [
        { ...silver, names: { fr: "Argent" } },
        { ...gold, names: { de: "G".repeat(81) }, perksIn: { de: ["x".repeat(201)], en: "Early access" } },
      ],
    };
    const refused = await kit.admin("PUT", "/v1/admin/loyalty/program", bad, { "accept-language": "he" });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.json.error.fields).sort()).toEqual([
      "pointsNames.he",
      "tiers.0.names.fr",
      "tiers.1.names.de",
      "tiers.1.perksIn.de.0",
      "tiers.1.perksIn.en",
    ]);
    expect(refused.json.error.fields["tiers.0.names.fr"]).toBe("יכול לציין רק את השפות en, de, he");
    const english = await kit.admin("PUT", "/v1/admin/loyalty/program", bad);
    expect(english.json.error.fields).toMatchObject({
      "pointsNames.he": "must be a name of 1–40 characters",
      "tiers.1.names.de": "must be a name of 1–80 characters",
      "tiers.1.perksIn.de.0": "must be a perk of 1–200 characters",
      "tiers.1.perksIn.en": "must be a list of perks",
    });
    expect((await kit.admin("GET", "/v1/admin/loyalty/program")).json).toEqual(before);
  });
});
