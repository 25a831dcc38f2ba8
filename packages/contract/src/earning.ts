import { POINTS_PER_ORDER_MAX } from "./limits.ts";
import type { EarningAction } from "./vocabulary.ts";

// The earning arithmetic, once: the server posts these points to the ledger, shows them as
// pending, and the widgets promise them on the page — so a promise is always what is earned.
// What earns is never the review's rating (US FTC 16 CFR 465): it is not even an argument here.

/** The part of a program the arithmetic reads (the public program and the stored one both fit). */
export interface EarningRules {
  earning: readonly { action: EarningAction; points: number }[];
  /** The stored program's settings; the public program leaves them out (then no purchase is asked). */
  settings?: { readonly [setting: string]: unknown; reviewPointsNeedPurchase?: boolean };
}

/** Points an action earns (0 when the program leaves it out); for purchase, the per-unit rate. */
export const pointsFor = (program: EarningRules, action: EarningAction): number =>
  program.earning.find((way) => way.action === action)?.points ?? 0;

/**
 * Points a purchase of `amount` (in the store's currency) earns: `purchase` points per currency
 * unit, rounded to the nearest whole point, at most POINTS_PER_ORDER_MAX. Negative or
 * unreadable amounts earn nothing.
 */
export function purchasePoints(program: EarningRules, amount: number): number {
  const rate = pointsFor(program, "purchase");
  if (!Number.isFinite(amount) || amount <= 0 || rate <= 0) return 0;
  return Math.min(POINTS_PER_ORDER_MAX, Math.max(0, Math.round(amount * rate)));
}

/** What a review carries that the rules look at. */
export interface ReviewFacts {
  /** It has photos or videos (shown ones: not held or rejected by moderation). */
  withMedia: boolean;
  /** Its customer bought the product; unknown (a promise on the page) counts as bought. */
  verified?: boolean;
}

/** One ledger entry a review earns; each is awarded once per product per customer. */
export interface ReviewAward {
  action: Extract<EarningAction, "review" | "review_with_media">;
  points: number;
}

/**
 * The entries a review earns: the review action, plus the media bonus when it carries media;
 * nothing for a review without a verified purchase when the program asks for one (on by default:
 * points for reviews of products nobody bought are points for nothing).
 */
export function reviewAwards(program: EarningRules, review: ReviewFacts): ReviewAward[] {
  if (program.settings?.reviewPointsNeedPurchase === true && review.verified === false) return [];
  const awards: ReviewAward[] = [{ action: "review", points: pointsFor(program, "review") }];
  if (review.withMedia)
    awards.push({ action: "review_with_media", points: pointsFor(program, "review_with_media") });
  return awards.filter((award) => award.points > 0);
}

/** Points one review earns in all. */
export const reviewPoints = (program: EarningRules, review: ReviewFacts): number =>
  reviewAwards(program, review).reduce((sum, award) => sum + award.points, 0);
