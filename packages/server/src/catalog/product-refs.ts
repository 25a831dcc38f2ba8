import type { ProductRef } from "@plaudit/contract";
import type { Database } from "../db/database.ts";

/**
 * How the admin names the products of one answer (a page of reviews or photos): the catalog's name
 * and page for each id, in one query for the whole page; an id the catalog does not know keeps
 * null name and url, so the app shows the id.
 */
export async function productRefs(
  db: Database,
  storeId: string,
  productIds: readonly string[],
): Promise<(productId: string) => ProductRef> {
  const ids = [...new Set(productIds)];
  const rows =
    ids.length === 0
      ? []
      : await db.kysely
          .selectFrom("products")
          .select(["product_id", "name", "url"])
          .where("store_id", "=", storeId)
          .where("product_id", "in", ids)
          .execute();
  const known = new Map(rows.map((row) => [row.product_id, row]));
  return (id) => ({ id, name: known.get(id)?.name ?? null, url: known.get(id)?.url ?? null });
}
