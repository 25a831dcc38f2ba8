import type { AppContext } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import { lockBalance, postEntry } from "./ledger.ts";

export interface RefundResult {
  orderId: string;
  customerId: string;
  /** Points taken back (a positive number; the ledger row holds its negative). */
  pointsReversed: number;
  /** Purchase points that could not be taken back because they were already spent. */
  pointsShortfall: number;
  balance: number;
  /** False when this order's refund was recorded before (nothing changed). */
  created: boolean;
}

/**
 * A refunded or cancelled order gives back its purchase points as a new negative ledger row, once
 * per order. The balance never goes below zero: points already spent on a reward stay spent (the
 * shortfall is reported and written in the row's reason, for the merchant to settle if they wish).
 * Referral points stay: the referral happened. The order row itself is kept.
 */
export async function refundOrder(ctx: AppContext, storeId: string, orderId: string): Promise<RefundResult> {
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

    const done = await tx
      .selectFrom("loyalty_ledger")
      .select("delta")
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .where("action", "=", "refund")
      .where("reference", "=", orderId)
      .executeTakeFirst();
    const purchase = await tx
      .selectFrom("loyalty_ledger")
      .select("delta")
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .where("action", "=", "purchase")
      .where("reference", "=", orderId)
      .executeTakeFirst();
    const earned = Number(purchase?.delta ?? 0);
    if (done) {
      const reversed = -Number(done.delta);
      return {
        orderId,
        customerId,
        pointsReversed: reversed,
        pointsShortfall: earned - reversed,
        balance,
        created: false,
      };
    }

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
            : `Refund of order ${orderId}`,
        at,
      },
      { activity: false },
    );
    return {
      orderId,
      customerId,
      pointsReversed: reversed,
      pointsShortfall: shortfall,
      balance: posted.posted ? posted.balance : balance,
      created: true,
    };
  });
}
