import type { Summary } from "@plaudit/contract";
import type { Database } from "../db/database.ts";
import type { Tx } from "../db/transaction.ts";

/** A change to one product's rating summary: +1/−1 review of a rating, with or without media. */
export interface SummaryChange {
  storeId: string;
  productId: string;
  count: number;
  ratingSum: number;
  /** Change per star, index 0 = 1 star. */
  histogram: [number, number, number, number, number];
  mediaCount: number;
}

/** The change that adding (sign 1) or removing (sign −1) one published review makes. */
export function reviewSummaryChange(
  review: { storeId: string; productId: string; rating: number; mediaCount: number },
  sign: 1 | -1,
): SummaryChange {
  const histogram: SummaryChange["histogram"] = [0, 0, 0, 0, 0];
  histogram[review.rating - 1] = sign;
  return {
    storeId: review.storeId,
    productId: review.productId,
    count: sign,
    ratingSum: sign * review.rating,
    histogram,
    mediaCount: sign * review.mediaCount,
  };
}

/**
 * Applies a change in the caller's transaction with one atomic upsert, so concurrent reviews of
 * one product each add their own increment (the row lock orders them on PostgreSQL).
 */
export async function applySummaryChange(tx: Tx, change: SummaryChange): Promise<void> {
  const [h1, h2, h3, h4, h5] = change.histogram;
  await tx
    .insertInto("rating_summaries")
    .values({
      store_id: change.storeId,
      product_id: change.productId,
      count: change.count,
      rating_sum: change.ratingSum,
      h1,
      h2,
      h3,
      h4,
      h5,
      media_count: change.mediaCount,
    })
    .onConflict((oc) =>
      oc.columns(["store_id", "product_id"]).doUpdateSet((eb) => ({
        count: eb("rating_summaries.count", "+", eb.ref("excluded.count")),
        rating_sum: eb("rating_summaries.rating_sum", "+", eb.ref("excluded.rating_sum")),
        h1: eb("rating_summaries.h1", "+", eb.ref("excluded.h1")),
        h2: eb("rating_summaries.h2", "+", eb.ref("excluded.h2")),
        h3: eb("rating_summaries.h3", "+", eb.ref("excluded.h3")),
        h4: eb("rating_summaries.h4", "+", eb.ref("excluded.h4")),
        h5: eb("rating_summaries.h5", "+", eb.ref("excluded.h5")),
        media_count: eb("rating_summaries.media_count", "+", eb.ref("excluded.media_count")),
      })),
    )
    .execute();
}

export function emptySummary(productId: string): Summary {
  return { productId, count: 0, average: 0, histogram: [0, 0, 0, 0, 0], mediaCount: 0 };
}

/** Summaries for `productIds` in the order asked; unknown products get a zero summary. */
export async function getSummaries(db: Database, storeId: string, productIds: string[]): Promise<Summary[]> {
  if (productIds.length === 0) return [];
  const rows = await db.kysely
    .selectFrom("rating_summaries")
    .selectAll()
    .where("store_id", "=", storeId)
    .where("product_id", "in", [...new Set(productIds)])
    .execute();
  const byId = new Map(rows.map((r) => [r.product_id, r]));
  return productIds.map((productId) => {
    const row = byId.get(productId);
    if (!row || Number(row.count) <= 0) return emptySummary(productId);
    const count = Number(row.count);
    return {
      productId,
      count,
      average: Math.round((Number(row.rating_sum) / count) * 100) / 100,
      histogram: [Number(row.h1), Number(row.h2), Number(row.h3), Number(row.h4), Number(row.h5)],
      mediaCount: Number(row.media_count),
    };
  });
}
