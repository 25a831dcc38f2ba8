import { pointsFor, reviewAwards } from "@plaudit/contract";
import type { Tx } from "../db/transaction.ts";
import type { PublishedReview } from "../hooks.ts";
import { type LedgerAction, lockBalance, postEntry } from "./ledger.ts";
import { loadProgram, type StoredProgram } from "./program.ts";

// Review points need a reason (issue 19): a verified purchase of the product (program setting,
// on by default; the rule itself is the contract's reviewAwards), once per product, at most `reviewPointsPerDay` reviews a day, the media bonus only
// while a photo or video of the review is shown, and both taken back when moderation unpublishes
// the review. Nothing here sees the rating (16 CFR 465: incentives must not depend on it).

const DAY_MS = 86_400_000;

type Review = PublishedReview;

/** Why this published review earns no review points, or null when it earns them. */
export async function reviewPointsRefusal(
  tx: Tx,
  program: StoredProgram,
  review: Review,
  at: string,
): Promise<string | null> {
  if (!review.customerId) return "no customer token";
  if (reviewAwards(program, { withMedia: false, verified: review.verified }).length === 0) {
    return "no verified purchase (or the program pays nothing for reviews)";
  }
  if (await dailyCapReached(tx, program, review, "review", at)) return "daily review cap reached";
  return null;
}

/** Whether the customer already has `reviewPointsPerDay` `action` rows in the day before `at`. */
export async function dailyCapReached(
  tx: Tx,
  program: StoredProgram,
  review: Review,
  action: LedgerAction,
  at: string,
): Promise<boolean> {
  const since = new Date(Date.parse(at) - DAY_MS).toISOString();
  const today = await tx
    .selectFrom("loyalty_ledger")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("store_id", "=", review.storeId)
    .where("customer_id", "=", review.customerId)
    .where("action", "=", action)
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(today.n) >= program.settings.reviewPointsPerDay;
}

/** review and review_with_media for a review that became published. */
export async function awardReview(tx: Tx, review: Review, at: string): Promise<void> {
  const customerId = review.customerId;
  if (!customerId) return;
  const program = await loadProgram(tx, review.storeId);
  if (!program) return;
  const points = pointsFor(program, "review");
  const earnedBefore = await ledgerDelta(tx, review, "review");
  if (earnedBefore === undefined) {
    if (points <= 0 || (await reviewPointsRefusal(tx, program, review, at)) !== null) return;
    const posted = await postEntry(tx, {
      storeId: review.storeId,
      customerId,
      delta: points,
      action: "review",
      reference: review.productId,
      reason: `Review of ${review.productId}`,
      at,
    });
    if (!posted.posted) return;
  } else if ((await ledgerDelta(tx, review, "review_refund")) !== undefined) {
    // Taken back once already: a review published again earns nothing more (once per product).
    return;
  }
  if (review.mediaCount > 0) await awardMediaBonus(tx, program, review, at);
}

/** The photo bonus, for a published review that earned review points and shows a photo or video. */
async function awardMediaBonus(tx: Tx, program: StoredProgram, review: Review, at: string): Promise<void> {
  const points = pointsFor(program, "review_with_media");
  if (!review.customerId || points <= 0) return;
  if ((await ledgerDelta(tx, review, "review")) === undefined) return;
  if ((await ledgerDelta(tx, review, "review_with_media_refund")) !== undefined) return;
  await postEntry(tx, {
    storeId: review.storeId,
    customerId: review.customerId,
    delta: points,
    action: "review_with_media",
    reference: review.productId,
    reason: `Photo or video in your review of ${review.productId}`,
    at,
  });
}

/** Moderation unpublished the review: its points (and bonus) go back, as far as the balance allows. */
export async function takeBackReview(tx: Tx, review: Review, at: string, postgres: boolean): Promise<void> {
  if (!review.customerId || (await stillPublished(tx, review, false))) return;
  await takeBack(tx, review, "review", "review_refund", at, postgres);
  await takeBack(tx, review, "review_with_media", "review_with_media_refund", at, postgres);
}

/** Moderation changed which media of the review are shown: the bonus follows. */
export async function reviewMediaChanged(
  tx: Tx,
  review: Review & { published: boolean },
  at: string,
  postgres: boolean,
): Promise<void> {
  if (!review.customerId || !review.published) return;
  if (review.mediaCount > 0) {
    const program = await loadProgram(tx, review.storeId);
    if (program) await awardMediaBonus(tx, program, review, at);
    return;
  }
  if (await stillPublished(tx, review, true)) return;
  await takeBack(tx, review, "review_with_media", "review_with_media_refund", at, postgres);
}

/**
 * Whether another published review by the same customer of the same product (with shown media,
 * when `withMedia`) still stands behind the points: they are per product, not per review.
 */
async function stillPublished(tx: Tx, review: Review, withMedia: boolean): Promise<boolean> {
  let query = tx
    .selectFrom("reviews")
    .select("id")
    .where("store_id", "=", review.storeId)
    .where("customer_id", "=", review.customerId)
    .where("product_id", "=", review.productId)
    .where("status", "=", "published")
    .where("id", "!=", review.reviewId);
  if (withMedia) query = query.where("media_count", ">", 0);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** Takes back `earnedAction`'s points as `action`, once, as far as the balance allows. */
export async function takeBack(
  tx: Tx,
  review: Review,
  earnedAction: LedgerAction,
  action: LedgerAction,
  at: string,
  postgres: boolean,
): Promise<void> {
  const customerId = review.customerId;
  if (!customerId) return;
  const earned = await ledgerDelta(tx, review, earnedAction);
  if (!earned || earned <= 0) return;
  const balance = Number((await lockBalance(tx, review.storeId, customerId, postgres))?.balance ?? 0);
  const back = Math.min(earned, balance);
  await postEntry(
    tx,
    {
      storeId: review.storeId,
      customerId,
      delta: -back,
      action,
      reference: review.productId,
      reason:
        back < earned
          ? `Review of ${review.productId} unpublished (${earned - back} points were already spent)`
          : `Review of ${review.productId} unpublished`,
      at,
    },
    { activity: false },
  );
}

/** What the ledger holds for this customer, product and action (undefined: no such row). */
export async function ledgerDelta(tx: Tx, review: Review, action: LedgerAction): Promise<number | undefined> {
  if (!review.customerId) return undefined;
  const row = await tx
    .selectFrom("loyalty_ledger")
    .select("delta")
    .where("store_id", "=", review.storeId)
    .where("customer_id", "=", review.customerId)
    .where("action", "=", action)
    .where("reference", "=", review.productId)
    .executeTakeFirst();
  return row ? Number(row.delta) : undefined;
}
