import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";

/**
 * Marks an order fulfilled (it reached the shopper, or shipped) the first time only: a repeat
 * answers the first time and changes nothing (no audit row either), so a retried webhook schedules
 * no second request.
 */
export async function fulfillOrder(
  ctx: AppContext,
  args: { storeId: string; orderId: string; fulfilledAt?: string },
  audit: AuditEvent,
): Promise<{ orderId: string; fulfilledAt: string; created: boolean }> {
  const fulfilledAt = args.fulfilledAt ? new Date(args.fulfilledAt).toISOString() : ctx.clock().toISOString();
  return transaction(ctx.db, async (tx) => {
    const marked = await tx
      .updateTable("orders")
      .set({ fulfilled_at: fulfilledAt })
      .where("store_id", "=", args.storeId)
      .where("order_id", "=", args.orderId)
      .where("fulfilled_at", "is", null)
      .returning("order_id")
      .executeTakeFirst();
    if (!marked) {
      const order = await tx
        .selectFrom("orders")
        .select("fulfilled_at")
        .where("store_id", "=", args.storeId)
        .where("order_id", "=", args.orderId)
        .executeTakeFirst();
      if (!order) throw new ApiError(404, "order_not_found", "no order with this id in this store");
      return { orderId: args.orderId, fulfilledAt: order.fulfilled_at ?? fulfilledAt, created: false };
    }
    const fulfilled = { storeId: args.storeId, orderId: args.orderId, fulfilledAt };
    for (const hook of ctx.hooks.orderFulfilled) await hook(tx, fulfilled);
    await appendAudit(tx, audit);
    return { orderId: args.orderId, fulfilledAt, created: true };
  });
}
