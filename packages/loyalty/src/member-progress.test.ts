import type { LoyaltyMe } from "@plaudit/core";
import { describe, expect, it } from "vitest";
import { PROGRAM } from "../testing/fake-loyalty-api.ts";
import { doneActions, historyLabelKey, tierName, tierProgress } from "./member-progress.ts";

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
        {
          id: "1",
          delta: 100,
          reason: "Joined the program",
          action: "signup",
          createdAt: "2025-01-01T00:00:00Z",
        },
        {
          id: "2",
          delta: 150,
          reason: "Happy birthday",
          action: "birthday",
          createdAt: "2025-06-01T00:00:00Z",
        },
        { id: "3", delta: 50, reason: "Review of tee", action: "review", createdAt: "2026-02-01T00:00:00Z" },
      ],
      new Date("2026-03-01T00:00:00Z"),
    );
    expect([...done]).toEqual(["signup"]);
  });

  it("names history rows by their ledger action and leaves unknown ones to the server's text", () => {
    const row = { id: "1", delta: 1, reason: "Purchase (order 7)", createdAt: "2026-01-01T00:00:00Z" };
    expect(historyLabelKey({ ...row, action: "purchase" })).toBe("reason.purchase");
    expect(historyLabelKey({ ...row, action: "redemption_refund" })).toBe("reason.redemption_refund");
    expect(historyLabelKey({ ...row, action: "goodwill" })).toBeUndefined();
    expect(historyLabelKey(row)).toBeUndefined();
  });
});
