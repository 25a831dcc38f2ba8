import type { CatalogProduct, ProductInput } from "@plaudit/contract";
import type { Kysely } from "kysely";
import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { Database } from "../db/database.ts";
import type { ProductsTable, Schema } from "../db/schema.ts";
import { transaction } from "../db/transaction.ts";

export type { CatalogProduct };

export function toCatalogProduct(row: ProductsTable): CatalogProduct {
  return {
    productId: row.product_id,
    name: row.name,
    url: row.url,
    imageUrl: row.image_url,
    brand: row.brand,
    gtin: row.gtin,
    mpn: row.mpn,
    sku: row.sku,
    groupId: row.group_id,
    updatedAt: row.updated_at,
  };
}

/** Creates or replaces a product's facts (a review may have made its row already, nameless). */
export async function putProduct(
  db: Database,
  args: { storeId: string; productId: string; input: ProductInput; at: string; audit: AuditEvent },
): Promise<CatalogProduct> {
  const facts = {
    name: args.input.name,
    url: args.input.url,
    image_url: args.input.imageUrl,
    brand: args.input.brand,
    gtin: args.input.gtin,
    mpn: args.input.mpn,
    sku: args.input.sku,
    group_id: args.input.groupId,
    updated_at: args.at,
  };
  return transaction(db, async (tx) => {
    const row = await tx
      .insertInto("products")
      .values({ store_id: args.storeId, product_id: args.productId, ...facts })
      .onConflict((oc) => oc.columns(["store_id", "product_id"]).doUpdateSet(facts))
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, args.audit);
    return toCatalogProduct(row);
  });
}

export const PRODUCT_PAGE = 50;

/** Products by id, 50 a page, after the cursor's id. */
export async function listProducts(
  db: Database,
  args: { storeId: string; after?: string },
): Promise<{ items: CatalogProduct[]; nextCursor: string | null }> {
  let query = db.kysely
    .selectFrom("products")
    .selectAll()
    .where("store_id", "=", args.storeId)
    .orderBy("product_id")
    .limit(PRODUCT_PAGE + 1);
  if (args.after !== undefined) query = query.where("product_id", ">", args.after);
  const rows = await query.execute();
  const page = rows.slice(0, PRODUCT_PAGE);
  const last = page.at(-1);
  return {
    items: page.map(toCatalogProduct),
    nextCursor:
      rows.length > PRODUCT_PAGE && last ? Buffer.from(last.product_id).toString("base64url") : null,
  };
}

/** The products of a list of ids (missing ones are simply absent). */
export async function productsByIds(
  db: Kysely<Schema>,
  storeId: string,
  productIds: readonly string[],
): Promise<Map<string, CatalogProduct>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("products")
    .selectAll()
    .where("store_id", "=", storeId)
    .where("product_id", "in", [...productIds])
    .execute();
  return new Map(rows.map((row) => [row.product_id, toCatalogProduct(row)]));
}
