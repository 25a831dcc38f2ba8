import { pointsFor, purchasePoints } from "@plaudit/contract";
import type { AppContext } from "../context.ts";
import type { Tx } from "../db/transaction.ts";
import type { RecordedOrder, ServerHooks } from "../hooks.ts";
import { erasedBefore } from "./erased-before.ts";
import { awardAfterWindow } from "./pending-points.ts";
import { loadProgram } from "./program.ts";
import { awardReview, reviewMediaChanged, takeBackReview } from "./review-points.ts";

// Points earned from other modules' writes, inside their transactions (hooks.ts): an order and its
// points, a published review and its points, commit or roll back together. Each award's ledger key
// makes it happen once however often the hook runs.

/**
 * purchase: per currency unit of the total; referral: both sides, on the referred customer's first
 * order of at least the program's minimum, never to the same customer or email. Both wait out the
 * return window (pending-points.ts).
 */
export async function awardOrder(tx: Tx, order: RecordedOrder, at: string): Promise<void> {
  const program = await loadProgram(tx, order.storeId);
  if (!program) return;
  const points = purchasePoints(program, order.total);
  if (points > 0) {
    await awardAfterWindow(
      tx,
      program,
      {
        storeId: order.storeId,
        customerId: order.customerId,
        delta: points,
        action: "purchase",
        reference: order.orderId,
        reason: `Purchase (order ${order.orderId})`,
        at,
      },
      order.createdAt,
    );
  }

  const code = order.referralCode?.trim().toUpperCase();
  const referralPoints = pointsFor(program, "referral");
  if (!code || referralPoints <= 0) return;
  if (order.total < program.settings.referralMinimumOrderTotal) return;
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
  if (order.email && (await referrerUsedEmail(tx, order.storeId, referrer.customer_id, order.email))) return;
  // A person the store erased is not a new friend: their "first" order is a returning one.
  if (await erasedBefore(tx, order.storeId, order.customerId, order.email ? [order.email] : [], at)) return;
  // The friend's award first: its key is one per friend, so when two first orders of theirs arrive
  // at once with different codes, the second finds it taken and pays no second referrer (the order
  // count above cannot tell: neither transaction sees the other's order).
  const welcomed = await awardAfterWindow(
    tx,
    program,
    {
      storeId: order.storeId,
      customerId: order.customerId,
      delta: referralPoints,
      action: "referral",
      reference: "referred",
      reason: "Welcome: you were referred by a friend",
      at,
    },
    order.createdAt,
  );
  if (!welcomed) return;
  await awardAfterWindow(
    tx,
    program,
    {
      storeId: order.storeId,
      customerId: referrer.customer_id,
      delta: referralPoints,
      action: "referral",
      reference: `referred:${order.customerId}`,
      reason: "A friend you referred placed their first order",
      at,
    },
    order.createdAt,
  );
}

/** A second account of the referrer: their own orders carried this email (case-insensitive). */
async function referrerUsedEmail(tx: Tx, storeId: string, referrerId: string, email: string) {
  const row = await tx
    .selectFrom("orders")
    .select("order_id")
    .where("store_id", "=", storeId)
    .where("customer_id", "=", referrerId)
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.trim().toLowerCase()))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The app's hooks with loyalty's added (a new object: the caller's arrays are left alone). */
export function withLoyaltyHooks(hooks: ServerHooks, ctx: Pick<AppContext, "clock" | "db">): ServerHooks {
  const now = () => ctx.clock().toISOString();
  const postgres = ctx.db.kind === "postgres";
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
    reviewUnpublished: [
      ...hooks.reviewUnpublished,
      (tx, review) => takeBackReview(tx, review, now(), postgres),
    ],
    reviewMediaChanged: [
      ...hooks.reviewMediaChanged,
      (tx, review) => reviewMediaChanged(tx, review, now(), postgres),
    ],
  };
}
