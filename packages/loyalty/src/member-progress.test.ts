import type { LoyaltyMe } from "@plaudit/core";
import { describe, expect, it } from "vitest";
import { doneActions, reasonKey, tierName, tierProgress } from "./member-progress.ts";
import { PROGRAM } from "./testing/fake-loyalty-api.ts";

const me = (change: Partial<LoyaltyMe> = {}): LoyaltyMe => ({
  customerId: "c1",
  balance: 1200,
  tier: "silver",
  nextTier: { name: "Gold", remaining: 500 },
  referral: { code: "X", url: "https://shop.test/?ref=X" },
  history: [],
  ...change,
});

describe("member progress", () => {
  it("measures progress from the current tier's threshold to the next one's", () => {
    expect(tierProgress(PROGRAM, me())).toEqual({ nextTier: "Gold", remaining: 500, value: 1500, max: 2000 });
  });

  it("falls back to the points still needed when the program does not list the next tier", () => {
    expect(tierProgress(PROGRAM, me({ tier: null, nextTier: { name: "Platinum", remaining: 40 } }))).toEqual({
      nextTier: "Platinum",
      remaining: 40,
      value: 0,
      max: 40,
    });
  });

  it("has no progress at the top tier", () => {
    expect(tierProgress(PROGRAM, me({ tier: "gold", nextTier: null }))).toBeNull();
  });

  it("names tiers given by id or by name", () => {
    expect(tierName(PROGRAM, "silver")).toBe("Silver");
    expect(tierName(PROGRAM, "Gold")).toBe("Gold");
    expect(tierName(PROGRAM, null)).toBeNull();
  });

  it("marks one-time ways to earn as done, birthdays only for this year", () => {
    const done = doneActions(
      [
        { id: "1", delta: 100, reason: "signup", createdAt: "2025-01-01T00:00:00Z" },
        { id: "2", delta: 150, reason: "birthday", createdAt: "2025-06-01T00:00:00Z" },
        { id: "3", delta: 50, reason: "review:r1", createdAt: "2026-02-01T00:00:00Z" },
      ],
      new Date("2026-03-01T00:00:00Z"),
    );
    expect([...done]).toEqual(["signup"]);
  });

  it("knows the catalog key of ledger reasons and leaves free text alone", () => {
    expect(reasonKey("purchase:order-7")).toBe("reason.purchase");
    expect(reasonKey("redemption")).toBe("reason.redemption");
    expect(reasonKey("Goodwill for the late parcel")).toBeUndefined();
  });
});
