import type { Kysely } from "kysely";
import { productsByIds } from "../catalog/catalog.ts";
import type { Database } from "../db/database.ts";
import type { Schema } from "../db/schema.ts";
import { findStore, type StoreRecord } from "../stores/store-repo.ts";
import type { ReviewRequestsTable } from "./request-tables.ts";

export interface RequestProduct {
  productId: string;
  /** The catalog's name, or the product id when the catalog has none. */
  name: string;
  imageUrl: string | null;
  url: string | null;
}

/** A request with what its email and page show: the store, the order's shopper and products. */
export interface RequestView {
  request: ReviewRequestsTable;
  store: StoreRecord;
  customerId: string;
  customerName: string | null;
  locale: string | null;
  products: RequestProduct[];
}

export async function loadRequest(db: Kysely<Schema>, requestId: string) {
  const row = await db
    .selectFrom("review_requests")
    .selectAll()
    .where("id", "=", requestId)
    .executeTakeFirst();
  return row ? { ...row, attempts: Number(row.attempts) } : undefined;
}

export async function loadRequestView(db: Database, requestId: string): Promise<RequestView | undefined> {
  const request = await loadRequest(db.kysely, requestId);
  if (!request) return undefined;
  const store = await findStore(db, request.store_id);
  const order = await db.kysely
    .selectFrom("orders")
    .select(["customer_id", "customer_name", "locale"])
    .where("store_id", "=", request.store_id)
    .where("order_id", "=", request.order_id)
    .executeTakeFirst();
  if (!store || !order) return undefined;
  const items = await db.kysely
    .selectFrom("order_items")
    .select("product_id")
    .where("store_id", "=", request.store_id)
    .where("order_id", "=", request.order_id)
    .execute();
  // An order may list a product twice (two sizes): it is reviewed once.
  const ids = [...new Set(items.map((item) => item.product_id))];
  const catalog = await productsByIds(db.kysely, request.store_id, ids);
  return {
    request,
    store,
    customerId: order.customer_id,
    customerName: order.customer_name,
    locale: order.locale,
    products: ids.map((productId) => {
      const product = catalog.get(productId);
      return {
        productId,
        name: product?.name ?? productId,
        imageUrl: product?.imageUrl ?? null,
        url: product?.url ?? null,
      };
    }),
  };
}
