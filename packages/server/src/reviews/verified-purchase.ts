import type { Tx } from "../db/transaction.ts";

/** Whether the customer has an order at this store that contains the product. */
export async function hasPurchased(
  tx: Tx,
  args: { storeId: string; customerId: string; productId: string },
): Promise<boolean> {
  const row = await tx
    .selectFrom("orders")
    .innerJoin("order_items", (join) =>
      join
        .onRef("order_items.store_id", "=", "orders.store_id")
        .onRef("order_items.order_id", "=", "orders.order_id"),
    )
    .select("orders.order_id")
    .where("orders.store_id", "=", args.storeId)
    .where("orders.customer_id", "=", args.customerId)
    .where("order_items.product_id", "=", args.productId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
