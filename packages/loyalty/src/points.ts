// Points arithmetic the widgets show before the server has done it. It must match the server's
// own rules (packages/server/src/loyalty), or the shopper is promised points they never get.
import type { EarningAction, LoyaltyProgram } from "@plaudit/core";

export const earningPoints = (program: LoyaltyProgram, action: EarningAction): number =>
  program.earning.find((way) => way.action === action)?.points ?? 0;

/**
 * Points a purchase of `amount` (in the store's currency) earns: `purchase` points per currency
 * unit, rounded to the nearest whole point — the same expression as the server's
 * `purchasePoints` (packages/server/src/loyalty/program.ts), float quirks included, so the promise
 * on the product page is what the order earns. Negative or unreadable amounts earn nothing.
 */
export function purchasePoints(program: LoyaltyProgram, amount: number): number {
  const rate = earningPoints(program, "purchase");
  if (!Number.isFinite(amount) || amount <= 0 || rate <= 0) return 0;
  return Math.max(0, Math.round(amount * rate));
}

/** Points one review earns: the review action plus the media bonus when it carries photos or video. */
export const reviewPointsFor = (program: LoyaltyProgram, withMedia: boolean): number =>
  earningPoints(program, "review") + (withMedia ? earningPoints(program, "review_with_media") : 0);
