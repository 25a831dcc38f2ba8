import { pointsFor, purchasePoints, reviewAwards } from "@plaudit/contract";
import type { AppContext } from "../context.ts";
import type { Tx } from "../db/transaction.ts";
import type { PublishedReview, RecordedOrder, ServerHooks } from "../hooks.ts";
import { postEntry } from "./ledger.ts";
import { loadProgram } from "./program.ts";

// Points earned from other modules' writes, inside their transactions (hooks.ts): an order and its
// points, a published review and its points, commit or roll back together. Each award's ledger key
// makes it happen once however often the hook runs.

/** purchase: per currency unit of the total; referral: both sides, on the referred customer's first order. */
export async function awardOrder(tx: Tx, order: RecordedOrder, at: string): Promise<void> {
  const program = await loadProgram(tx, order.storeId);
  if (!program) return;
  const points = purchasePoints(program, order.total);
  if (points > 0) {
    await postEntry(tx, {
      storeId: order.storeId,
      customerId: order.customerId,
      delta: points,
      action: "purchase",
      reference: order.orderId,
      reason: `Purchase (order ${order.orderId})`,
      at,
    });
  }

  const code = order.referralCode?.trim().toUpperCase();
  const referralPoints = pointsFor(program, "referral");
  if (!code || referralPoints <= 0) return;
  const orders = await tx
    .selectFrom("orders")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("store_id", "=", order.storeId)
    .where("customer_id", "=", order.customerId)
    .executeTakeFirstOrThrow();
  // This order is already stored: a first order makes the count 1.
  if (Number(orders.n) !== 1) return;
  const referrer = await tx
    .selectFrom("loyalty_balances")
    .select("customer_id")
    .where("store_id", "=", order.storeId)
    .where("referral_code", "=", code)
    .executeTakeFirst();
  // Unknown codes and self-referral earn nothing; the order itself is recorded either way.
  if (!referrer || referrer.customer_id === order.customerId) return;
  await postEntry(tx, {
    storeId: order.storeId,
    customerId: referrer.customer_id,
    delta: referralPoints,
    action: "referral",
    reference: `referred:${order.customerId}`,
    reason: "A friend you referred placed their first order",
    at,
  });
  await postEntry(tx, {
    storeId: order.storeId,
    customerId: order.customerId,
    delta: referralPoints,
    action: "referral",
    reference: "referred",
    reason: "Welcome: you were referred by a friend",
    at,
  });
}

/**
 * review and review_with_media: once per product per customer, when the review is published. The
 * review's rating is not even passed in (16 CFR 465: incentives must not depend on it).
 */
export async function awardReview(tx: Tx, review: PublishedReview, at: string): Promise<void> {
  if (!review.customerId) return;
  const program = await loadProgram(tx, review.storeId);
  if (!program) return;
  for (const award of reviewAwards(program, { withMedia: review.mediaCount > 0 })) {
    await postEntry(tx, {
      storeId: review.storeId,
      customerId: review.customerId,
      delta: award.points,
      action: award.action,
      reference: review.productId,
      reason:
        award.action === "review"
          ? `Review of ${review.productId}`
          : `Photo or video in your review of ${review.productId}`,
      at,
    });
  }
}

/** The app's hooks with loyalty's added (a new object: the caller's arrays are left alone). */
export function withLoyaltyHooks(hooks: ServerHooks, ctx: Pick<AppContext, "clock">): ServerHooks {
  const now = () => ctx.clock().toISOString();
  return {
    ...hooks,
    orderRecorded: [...hooks.orderRecorded, (tx, order) => awardOrder(tx, order, now())],
    reviewSubmitted: [
      ...hooks.reviewSubmitted,
      async (tx, review) => {
        if (review.status === "published") await awardReview(tx, review, now());
      },
    ],
    reviewPublished: [...hooks.reviewPublished, (tx, review) => awardReview(tx, review, now())],
  };
}
