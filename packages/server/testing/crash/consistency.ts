import { sql } from "kysely";
import type { Database } from "../../src/db/database.ts";
import type { Acknowledged } from "./review-load.ts";

export interface ConsistencyReport {
  /** Acknowledged reviews not found in the database (must be empty). */
  lost: string[];
  /** Products whose rating_summaries row disagrees with their published rows (must be empty). */
  summaryMismatches: Array<{ productId: string; rows: number[]; summary: number[] }>;
}

/** Compares what the server promised (201s) and its summaries against the rows themselves. */
export async function checkConsistency(
  db: Database,
  storeId: string,
  acknowledged: Acknowledged[],
): Promise<ConsistencyReport> {
  const ids = new Set<string>();
  const stored = await db.kysely.selectFrom("reviews").select("id").where("store_id", "=", storeId).execute();
  for (const row of stored) ids.add(row.id);
  const lost = acknowledged.filter((a) => !ids.has(a.id)).map((a) => a.id);

  const fromRows = await db.kysely
    .selectFrom("reviews")
    .select(["product_id", "rating", sql<number | string>`count(*)`.as("n")])
    .where("store_id", "=", storeId)
    .where("status", "=", "published")
    .groupBy(["product_id", "rating"])
    .execute();
  const histograms = new Map<string, number[]>();
  for (const row of fromRows) {
    const h = histograms.get(row.product_id) ?? [0, 0, 0, 0, 0, 0];
    h[row.rating - 1] = Number(row.n);
    histograms.set(row.product_id, h);
  }
  for (const [, h] of histograms) h[5] = h.slice(0, 5).reduce((a, b) => a + b, 0);

  const summaries = await db.kysely
    .selectFrom("rating_summaries")
    .selectAll()
    .where("store_id", "=", storeId)
    .execute();
  const summaryMismatches: ConsistencyReport["summaryMismatches"] = [];
  const seen = new Set<string>();
  for (const s of summaries) {
    seen.add(s.product_id);
    const summary = [s.h1, s.h2, s.h3, s.h4, s.h5, s.count].map(Number);
    const rows = histograms.get(s.product_id) ?? [0, 0, 0, 0, 0, 0];
    const ratingSum = rows.slice(0, 5).reduce((total, n, i) => total + n * (i + 1), 0);
    if (summary.join() !== rows.join() || Number(s.rating_sum) !== ratingSum)
      summaryMismatches.push({ productId: s.product_id, rows, summary });
  }
  for (const [productId, rows] of histograms)
    if (!seen.has(productId)) summaryMismatches.push({ productId, rows, summary: [] });
  return { lost, summaryMismatches };
}
