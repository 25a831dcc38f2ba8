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
 * unit, at most POINTS_PER_ORDER_MAX. The product is taken exactly on the decimals as written
 * (0.285 KWD × 100 is 28.5, where binary floating point makes it 28.4999…) and rounded half up
 * to a whole point: 28.5 → 29, 28.49 → 28 — the same for 0-, 2- and 3-decimal currencies.
 * Negative or unreadable amounts earn nothing.
 */
export function purchasePoints(program: EarningRules, amount: number): number {
  const rate = pointsFor(program, "purchase");
  if (!Number.isFinite(amount) || amount <= 0 || !Number.isFinite(rate) || rate <= 0) return 0;
  const a = decimalOf(amount);
  const r = decimalOf(rate);
  const scale = BigInt(10) ** BigInt(a.scale + r.scale);
  // floor(x + ½) for a positive x = digits / scale: half up.
  const points = (BigInt(2) * a.digits * r.digits + scale) / (BigInt(2) * scale);
  return points > BigInt(POINTS_PER_ORDER_MAX) ? POINTS_PER_ORDER_MAX : Number(points);
}

/** A positive finite number as the decimal it is written as: digits / 10^scale ("0.285" → 285, 3). */
function decimalOf(x: number): { digits: bigint; scale: number } {
  const [mantissa = "0", exponent = "0"] = String(x).split("e");
  const [whole = "0", fraction = ""] = mantissa.split(".");
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { digits, scale } : { digits: digits * BigInt(10) ** BigInt(-scale), scale: 0 };
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
