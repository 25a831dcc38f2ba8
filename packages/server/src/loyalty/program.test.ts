import { ProgramInput, purchasePoints } from "@plaudit/contract";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { SAMPLE_LOYALTY_PROGRAM } from "../../testing/sample-data.ts";
import { publicProgram } from "./program.ts";

const issuesOf = (input: unknown) => {
  const result = v.safeParse(ProgramInput, input);
  return result.success ? [] : result.issues.map((i) => `${v.getDotPath(i) ?? ""}: ${i.message}`);
};

describe("the loyalty program document", () => {
  it("accepts the sample program and fills default settings", () => {
    expect(issuesOf(SAMPLE_LOYALTY_PROGRAM)).toEqual([]);
    const bare = v.parse(ProgramInput, { pointsName: "Points", earning: [], rewards: [], tiers: [] });
    expect(bare.settings).toEqual({
      expiryDays: null,
      tierMode: "points",
      tierWindowDays: 365,
      referralUrlTemplate: null,
      codeWebhookUrl: null,
      codeWebhookTimeoutMs: 5000,
      returnWindowDays: 30,
      reviewPointsNeedPurchase: true,
      reviewPointsPerDay: 3,
      referralMinimumOrderTotal: 20,
    });
  });

  it("refuses duplicate actions, fractional non-purchase points, bad rewards and falling tiers", () => {
    const base = { pointsName: "P", earning: [], rewards: [], tiers: [] };
    expect(
      issuesOf({
        ...base,
        earning: [
          { action: "signup", points: 1, label: "a" },
          { action: "signup", points: 2, label: "b" },
        ],
      }),
    ).toHaveLength(1);
    expect(issuesOf({ ...base, earning: [{ action: "review", points: 1.5, label: "a" }] })).toHaveLength(1);
    expect(issuesOf({ ...base, earning: [{ action: "purchase", points: 1.5, label: "a" }] })).toEqual([]);
    expect(
      issuesOf({ ...base, rewards: [{ id: "x", name: "x", cost: 10, kind: "percent_off", value: 150 }] }),
    ).toHaveLength(1);
    expect(
      issuesOf({ ...base, rewards: [{ id: "x y", name: "x", cost: 0, kind: "gift", value: 1 }] }).length,
    ).toBeGreaterThanOrEqual(3);
    expect(
      issuesOf({
        ...base,
        tiers: [
          { id: "a", name: "A", threshold: 10, perks: [] },
          { id: "b", name: "B", threshold: 5, perks: [] },
        ],
      }),
    ).toHaveLength(1);
    expect(issuesOf({ ...base, settings: { referralUrlTemplate: "https://shop.example/ref" } })).toHaveLength(
      1,
    );
    expect(issuesOf({ ...base, settings: { codeWebhookUrl: "file:///etc/passwd" } })).toHaveLength(1);
  });

  it("keeps private settings out of the public program", () => {
    const shown = publicProgram(
      v.parse(ProgramInput, {
        ...SAMPLE_LOYALTY_PROGRAM,
        settings: { codeWebhookUrl: "https://shop.example/codes" },
      }),
    );
    expect(JSON.stringify(shown)).not.toContain("shop.example/codes");
    expect(Object.keys(shown.settings).sort()).toEqual(["expiryDays", "tierMode", "tierWindowDays"]);
  });

  it("rounds purchase points to the nearest point, as the widgets do", () => {
    expect(purchasePoints(SAMPLE_LOYALTY_PROGRAM, 49.99)).toBe(50);
    expect(purchasePoints(SAMPLE_LOYALTY_PROGRAM, 49.49)).toBe(49);
    expect(purchasePoints(SAMPLE_LOYALTY_PROGRAM, 0)).toBe(0);
  });
});
