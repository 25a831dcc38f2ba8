import { type PlauditLocale, pointsFor } from "@plaudit/contract";
import type { AppContext } from "../context.ts";
import type { Tx } from "../db/transaction.ts";
import type { PublishedReview } from "../hooks.ts";
import { postEntry } from "../loyalty/ledger.ts";
import { loadProgram, pointsNameIn } from "../loyalty/program.ts";
import { dailyCapReached, ledgerDelta, takeBack } from "../loyalty/review-points.ts";
import { loadSettings, type RequestSettings } from "./settings.ts";

// The request photo bonus (settings' `photoIncentivePoints`): points for a photo or video on a
// review written through a review request's page, when the store runs loyalty. It follows the
// trust rules of loyalty's own review points (loyalty/review-points.ts):
// - only a photo or video that is shown counts: a review held by moderation earns nothing yet,
//   and rejecting its last shown photo (or unpublishing the review) takes the bonus back;
// - once per customer and product (the ledger's key), and never again once taken back;
// - only for a review that passed review points' rules (a customer, a verified purchase, the daily
//   cap): it earned its review points, or the program pays none for reviews and it passes them;
// - never by rating or sentiment: no rating reaches this code.
// The amount is the request settings' at the time the review is published.

export const PHOTO_BONUS = "request_photo_bonus";
export const PHOTO_BONUS_REFUND = "request_photo_bonus_refund";

type Review = PublishedReview;

/** Whether the review was written through a request's page (the bonus is for those only). */
async function cameFromRequest(tx: Tx, reviewId: string): Promise<boolean> {
  const row = await tx
    .selectFrom("review_request_reviews")
    .select("request_id")
    .where("review_id", "=", reviewId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Why this review earns no photo bonus from review points' own rules, or null when it may. */
async function trustRefusal(tx: Tx, review: Review, at: string): Promise<string | null> {
  const program = await loadProgram(tx, review.storeId);
  if (!program) return "the store runs no loyalty program";
  if ((await ledgerDelta(tx, review, "review_refund")) !== undefined) return "review points were taken back";
  if ((await ledgerDelta(tx, review, "review")) !== undefined) return null;
  // No review points: the rules that refused them refuse the bonus too, unless the program simply
  // pays nothing for reviews; then they are judged here (the daily cap counts bonuses).
  if (pointsFor(program, "review") > 0) return "the review earned no review points";
  if (!review.verified) return "no verified purchase";
  if (await dailyCapReached(tx, program, review, PHOTO_BONUS, at)) return "daily review cap reached";
  return null;
}

/** A review that is published and shows `mediaCount` photos or videos: pays the bonus when due. */
export async function awardPhotoBonus(tx: Tx, review: Review, at: string): Promise<void> {
  if (!review.customerId || review.mediaCount <= 0) return;
  if (!(await cameFromRequest(tx, review.reviewId))) return;
  const settings = await loadSettings(tx, review.storeId);
  const points = settings?.photoIncentivePoints ?? 0;
  if (points <= 0) return;
  if ((await ledgerDelta(tx, review, PHOTO_BONUS_REFUND)) !== undefined) return;
  if ((await trustRefusal(tx, review, at)) !== null) return;
  await postEntry(tx, {
    storeId: review.storeId,
    customerId: review.customerId,
    delta: points,
    action: PHOTO_BONUS,
    reference: review.productId,
    reason: `Photo or video in your requested review of ${review.productId}`,
    at,
  });
}

/**
 * The review stopped being published, or shows no photo or video any more: the bonus goes back
 * (as far as the balance allows), unless another published request review of the same product by
 * the same customer still shows one (the bonus is per product, like review points).
 */
export async function takeBackPhotoBonus(
  tx: Tx,
  review: Review,
  at: string,
  postgres: boolean,
): Promise<void> {
  if (!review.customerId) return;
  if ((await ledgerDelta(tx, review, PHOTO_BONUS)) === undefined) return;
  const other = await tx
    .selectFrom("reviews")
    .innerJoin("review_request_reviews", "review_request_reviews.review_id", "reviews.id")
    .select("reviews.id")
    .where("reviews.store_id", "=", review.storeId)
    .where("reviews.customer_id", "=", review.customerId)
    .where("reviews.product_id", "=", review.productId)
    .where("reviews.status", "=", "published")
    .where("reviews.media_count", ">", 0)
    .where("reviews.id", "!=", review.reviewId)
    .limit(1)
    .executeTakeFirst();
  if (other) return;
  await takeBack(tx, review, PHOTO_BONUS, PHOTO_BONUS_REFUND, at, postgres);
}

/** What the page offers for a photo: the bonus and the program's name for points, when there is one. */
export async function photoBonusOffer(
  ctx: Pick<AppContext, "db">,
  storeId: string,
  settings: RequestSettings | undefined,
  locale: PlauditLocale,
): Promise<{ points: number; pointsName: string } | undefined> {
  const points = settings?.photoIncentivePoints ?? 0;
  if (points <= 0) return undefined;
  const program = await loadProgram(ctx.db, storeId);
  return program ? { points, pointsName: pointsNameIn(program, locale) } : undefined;
}
