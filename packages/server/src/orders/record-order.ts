import type { OrderSubmission } from "@plaudit/contract";
import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import type { RecordedOrder } from "../hooks.ts";

/**
 * Records an order once per (store, orderId): a replay changes nothing and reports created false.
 * The order's rows and every orderRecorded hook (loyalty's purchase and referral points) commit
 * together, so points are awarded exactly once per order; so does its audit row (a replay has none).
 */
export async function recordOrder(
  ctx: AppContext,
  storeId: string,
  input: OrderSubmission,
  audit: AuditEvent,
): Promise<{ created: boolean; order: RecordedOrder }> {
  const order: RecordedOrder = {
    storeId,
    orderId: input.orderId,
    customerId: input.customerId,
    email: input.email ?? null,
    total: input.total,
    currency: input.currency.toUpperCase(),
    referralCode: input.referralCode ?? null,
    createdAt: input.createdAt ? new Date(input.createdAt).toISOString() : ctx.clock().toISOString(),
    fulfilledAt: input.fulfilledAt ? new Date(input.fulfilledAt).toISOString() : null,
    items: input.items,
  };
  return transaction(ctx.db, async (tx) => {
    const inserted = await insertOrder(tx, order, {
      customerName: input.customerName ?? null,
      locale: input.locale ?? null,
    });
    if (!inserted) return { created: false, order };
    for (const hook of ctx.hooks.orderRecorded) await hook(tx, order);
    if (order.fulfilledAt) {
      const fulfilled = { storeId, orderId: order.orderId, fulfilledAt: order.fulfilledAt };
      for (const hook of ctx.hooks.orderFulfilled) await hook(tx, fulfilled);
    }
    await appendAudit(tx, audit);
    return { created: true, order };
  });
}

/**
 * Inserts an order and its items unless the store has one with its id; answers whether it did.
 * Hooks and the audit row are the caller's (recordOrder); the demo seed uses this alone.
 */
export async function insertOrder(
  tx: Tx,
  order: RecordedOrder,
  shopper: { customerName: string | null; locale: string | null } = { customerName: null, locale: null },
): Promise<boolean> {
  const inserted = await tx
    .insertInto("orders")
    .values({
      store_id: order.storeId,
      order_id: order.orderId,
      customer_id: order.customerId,
      email: order.email,
      total: order.total,
      currency: order.currency,
      referral_code: order.referralCode,
      created_at: order.createdAt,
      customer_name: shopper.customerName,
      locale: shopper.locale,
      fulfilled_at: order.fulfilledAt,
    })
    .onConflict((oc) => oc.columns(["store_id", "order_id"]).doNothing())
    .returning("order_id")
    .executeTakeFirst();
  if (!inserted) return false;
  await tx
    .insertInto("order_items")
    .values(
      order.items.map((item) => ({
        store_id: order.storeId,
        order_id: order.orderId,
        product_id: item.productId,
        quantity: item.quantity,
        price: item.price,
      })),
    )
    .execute();
  return true;
}
