import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import type { Tx } from "../db/transaction.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import { type LedgerAction, lockBalance, postEntry } from "./ledger.ts";
import { type AwardKey, awardWhere, cancelPending } from "./pending-points.ts";

export interface RefundResult {
  orderId: string;
  customerId: string;
  /** Points taken back (a positive number; the ledger row holds its negative). */
  pointsReversed: number;
  /** Purchase points that could not be taken back because they were already spent. */
  pointsShortfall: number;
  /** Purchase points still pending (inside the return window), canceled before they could be spent. */
  pointsCanceled: number;
  balance: number;
  /** False when this order's refund was recorded before (nothing changed). */
  created: boolean;
}

/**
 * A refunded or cancelled order gives back its purchase points as a new negative ledger row, once
 * per order. The balance never goes below zero: points already spent on a reward stay spent (the
 * shortfall is reported and written in the row's reason, for the merchant to settle if they wish).
 * A referral is paid for a referred customer's first order: when no order of theirs is left
 * unrefunded, it is taken back from both sides (else "refer yourself, buy, refund" mints points).
 * The order row itself is kept.
 */
export async function refundOrder(
  ctx: AppContext,
  storeId: string,
  orderId: string,
  audit: AuditEvent,
): Promise<RefundResult> {
  const at = ctx.clock().toISOString();
  return transaction(ctx.db, async (tx) => {
    const order = await tx
      .selectFrom("orders")
      .select(["customer_id"])
      .where("store_id", "=", storeId)
      .where("order_id", "=", orderId)
      .executeTakeFirst();
    if (!order) throw new ApiError(404, "order_not_found", "no order with this id in this store");
    const customerId = order.customer_id;
    const balanceRow = await lockBalance(tx, storeId, customerId, ctx.db.kind === "postgres");
    const balance = Number(balanceRow?.balance ?? 0);

    const done = await ledgerRow(tx, { storeId, customerId, action: "refund", reference: orderId });
    const purchase = await ledgerRow(tx, { storeId, customerId, action: "purchase", reference: orderId });
    const earned = Number(purchase?.delta ?? 0);
    if (done) {
      const reversed = -Number(done.delta);
      return {
        orderId,
        customerId,
        pointsReversed: reversed,
        pointsShortfall: earned - reversed,
        pointsCanceled: await canceledPoints(tx, {
          storeId,
          customerId,
          action: "purchase",
          reference: orderId,
        }),
        balance,
        created: false,
      };
    }

    // Inside the return window the points were never spendable: canceling them is the whole refund.
    const canceled = await cancelPending(tx, {
      storeId,
      customerId,
      action: "purchase",
      reference: orderId,
      at,
    });

    const reversed = Math.min(earned, balance);
    const shortfall = earned - reversed;
    // Recorded even when it moves nothing: a refund happens once, whatever the balance later is.
    const posted = await postEntry(
      tx,
      {
        storeId,
        customerId,
        delta: -reversed,
        action: "refund",
        reference: orderId,
        reason:
          shortfall > 0
            ? `Refund of order ${orderId} (${shortfall} points were already spent)`
            : canceled > 0
              ? `Refund of order ${orderId} (${canceled} pending points canceled)`
              : `Refund of order ${orderId}`,
        at,
      },
      { activity: false },
    );
    const referral = await reverseReferral(tx, {
      storeId,
      customerId,
      at,
      postgres: ctx.db.kind === "postgres",
    });
    for (const hook of ctx.hooks.orderRefunded) await hook(tx, { storeId, orderId });
    await appendAudit(tx, audit);
    return {
      orderId,
      customerId,
      pointsReversed: reversed,
      pointsShortfall: shortfall,
      pointsCanceled: canceled,
      balance: referral ?? (posted.posted ? posted.balance : balance),
      created: true,
    };
  });
}

/** The one ledger row a (store, customer, action, reference) key can name, if it was posted. */
function ledgerRow(
  tx: Tx,
  key: { storeId: string; customerId: string; action: LedgerAction; reference: string },
) {
  return tx
    .selectFrom("loyalty_ledger")
    .select("delta")
    .where((eb) => eb.and(awardWhere(key)))
    .executeTakeFirst();
}

/**
 * Takes a referral back from the referred customer and their referrer once the referred customer
 * has no order left that was not refunded — as far as each still has points (spent points stay
 * spent, as with a purchase). Once per referral (the ledger's unique key). Answers the referred
 * customer's new balance when it moved.
 */
async function reverseReferral(
  tx: Tx,
  args: { storeId: string; customerId: string; at: string; postgres: boolean },
): Promise<number | undefined> {
  const { storeId, customerId, at } = args;
  const referred = await referralOf(tx, { storeId, customerId, reference: "referred" });
  if (!referred) return undefined;
  const kept = await tx
    .selectFrom("orders as o")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("o.store_id", "=", storeId)
    .where("o.customer_id", "=", customerId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("loyalty_ledger as l")
            .select("l.id")
            .whereRef("l.store_id", "=", "o.store_id")
            .whereRef("l.customer_id", "=", "o.customer_id")
            .where("l.action", "=", "refund")
            .whereRef("l.reference", "=", "o.order_id"),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  if (Number(kept.n) > 0) return undefined;

  const referrer = await referralOf(tx, { storeId, reference: `referred:${customerId}` });
  const candidates = [
    { customerId, reference: "referred" },
    ...(referrer ? [{ customerId: referrer.customer_id, reference: `referred:${customerId}` }] : []),
  ];
  // Still pending: canceled, nothing was spendable. Posted: taken back below.
  const sides: { customerId: string; earned: number; reference: string }[] = [];
  for (const side of candidates) {
    const canceled = await cancelPending(tx, { storeId, action: "referral", at, ...side });
    if (canceled > 0) continue;
    const row = await ledgerRow(tx, { storeId, action: "referral", ...side });
    if (row) sides.push({ ...side, earned: Number(row.delta) });
  }
  // The caller holds the referred customer's balance lock already; the referrer's is taken second.
  // (Two refunds crossing between customers who referred each other could deadlock on PostgreSQL:
  // one fails, its retry succeeds.)
  const balances = new Map<string, number>();
  for (const side of sides) {
    const row = await lockBalance(tx, storeId, side.customerId, args.postgres);
    balances.set(side.customerId, Number(row?.balance ?? 0));
  }
  let referredBalance: number | undefined;
  for (const side of sides) {
    const back = Math.min(side.earned, balances.get(side.customerId) ?? 0);
    const posted = await postEntry(
      tx,
      {
        storeId,
        customerId: side.customerId,
        delta: -back,
        action: "referral_refund",
        reference: side.reference,
        reason:
          back < side.earned
            ? `Referral taken back: the referred order was refunded (${side.earned - back} points were already spent)`
            : "Referral taken back: the referred order was refunded",
        at,
      },
      { activity: false },
    );
    if (side.customerId === customerId && posted.posted) referredBalance = posted.balance;
  }
  return referredBalance;
}

/** A referral award of the store, pending or posted (the referrer's is found by its reference alone). */
async function referralOf(tx: Tx, key: { storeId: string; customerId?: string; reference: string }) {
  let pending = tx
    .selectFrom("loyalty_pending")
    .select("customer_id")
    .where("store_id", "=", key.storeId)
    .where("action", "=", "referral")
    .where("reference", "=", key.reference);
  let posted = tx
    .selectFrom("loyalty_ledger")
    .select("customer_id")
    .where("store_id", "=", key.storeId)
    .where("action", "=", "referral")
    .where("reference", "=", key.reference);
  if (key.customerId !== undefined) {
    pending = pending.where("customer_id", "=", key.customerId);
    posted = posted.where("customer_id", "=", key.customerId);
  }
  return (await posted.executeTakeFirst()) ?? (await pending.executeTakeFirst());
}

/** Points of a pending award that a refund canceled (0 when there was none). */
async function canceledPoints(tx: Tx, key: AwardKey): Promise<number> {
  const row = await tx
    .selectFrom("loyalty_pending")
    .select("points")
    .where((eb) => eb.and(awardWhere(key)))
    .where("status", "=", "canceled")
    .executeTakeFirst();
  return Number(row?.points ?? 0);
}
