// Review search suites: many reviews written straight into the table (no spam rules, which would
// hold look-alike texts, and no summaries), and the trigram probe held to the walk.
import type { Insertable } from "kysely";
import { expect } from "vitest";
import type { Database } from "../src/db/database.ts";
import type { ReviewsTable } from "../src/db/schema.ts";
import { createReviewSearch, type ReviewSearch } from "../src/reviews/review-search.ts";
import { searchText } from "../src/reviews/search-text.ts";

/**
 * Why a search case is skipped on one database (the note Vitest reports): the chunked walk, its
 * match cap and its FTS5 trigram probe are SQLite's alone (reviews/review-search.ts: better-sqlite3
 * would stall the process on a long LIKE); PostgreSQL runs queries off the event loop and keeps its
 * SQL search, held to the same answers by the cases both databases run.
 */
export const ON_SQLITE_ONLY =
  "SQLite's walk and FTS5 probe: PostgreSQL keeps its SQL search (reviews/review-search.ts)";
/** …and PostgreSQL's own index, pg_trgm GIN per store (migration 0051): SQLite's is FTS5's. */
export const ON_POSTGRES_ONLY = "PostgreSQL's pg_trgm index (migration 0051): SQLite searches FTS5";

/**
 * A review row as the table holds it, its search text made as the server makes it. Left out: a
 * published, unverified review without title, votes, reply or media, by "A" <a@example.com>.
 */
export function reviewRow(review: {
  id: string;
  storeId: string;
  productId: string;
  body: string;
  createdAt: string;
  title?: string;
  rating?: number;
  verified?: boolean;
  status?: "published" | "pending";
  helpfulUp?: number;
  helpfulDown?: number;
  /** Default helpfulUp − helpfulDown. */
  helpfulScore?: number;
  author?: { name: string; email: string };
}): Insertable<ReviewsTable> {
  const title = review.title ?? "";
  const up = review.helpfulUp ?? 0;
  const down = review.helpfulDown ?? 0;
  return {
    id: review.id,
    store_id: review.storeId,
    product_id: review.productId,
    rating: review.rating ?? 5,
    title,
    body: review.body,
    search_text: searchText(title, review.body),
    author_name: review.author?.name ?? "A",
    author_email: review.author?.email ?? "a@example.com",
    customer_id: null,
    verified: review.verified ? 1 : 0,
    status: review.status ?? "published",
    created_at: review.createdAt,
    helpful_up: up,
    helpful_down: down,
    helpful_score: review.helpfulScore ?? up - down,
    reply_body: null,
    reply_at: null,
    media_count: 0,
    has_media: 0,
  };
}

/** Writes `rows` (and their products, unnamed) `batch` rows to an insert. */
export async function insertReviewRows(
  db: Database,
  rows: Insertable<ReviewsTable>[],
  batch = 200,
): Promise<void> {
  const products = new Map(rows.map((r) => [`${r.store_id}\n${r.product_id}`, r]));
  for (const r of products.values())
    await db.kysely
      .insertInto("products")
      .values({ store_id: r.store_id, product_id: r.product_id, name: null })
      .onConflict((oc) => oc.doNothing())
      .execute();
  for (let i = 0; i < rows.length; i += batch)
    await db.kysely
      .insertInto("reviews")
      .values(rows.slice(i, i + batch))
      .execute();
}

/**
 * Expects the trigram probe to answer `args` exactly as the walk does (the same rows in the same
 * order, the same total); `label` names the case in a failure.
 */
export async function expectProbeAsWalk(
  db: Database,
  args: Parameters<ReviewSearch["page"]>[1],
  label: string,
): Promise<void> {
  const probed = await createReviewSearch().page(db, args);
  const walked = await createReviewSearch({ probe: 0 }).page(db, args);
  expect(
    probed.rows.map((r) => r.id),
    label,
  ).toEqual(walked.rows.map((r) => r.id));
  expect(probed.total, label).toBe(walked.total);
}
