import type { ReviewSort } from "@plaudit/contract";
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../db/database.ts";
import type { Schema } from "../db/schema.ts";
import { afterCursor, encodeCursor, SORT_KEYS, type SortName } from "./cursor.ts";
import type { ReviewRow } from "./review-json.ts";
import { probeMatch } from "./review-search.ts";

export interface ReviewFilters {
  ratings?: number[];
  withMedia?: boolean;
  verifiedOnly?: boolean;
  /** Text searched case-insensitively in title + body. */
  search?: string;
}

export interface ReviewListPage {
  rows: ReviewRow[];
  nextCursor: string | null;
}

/** `%`, `_` and `\` match themselves in the LIKE pattern. */
export function likeContains(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

interface ListArgs {
  storeId: string;
  productId?: string;
  status?: ReviewRow["status"];
  filters?: ReviewFilters;
  sort: ReviewSort;
  limit: number;
  cursorValues?: (string | number)[];
}

/** The query behind listReviews (tests read its plan). */
export function reviewListQuery(db: Database, args: ListArgs) {
  const sort = args.sort as SortName;
  let query = db.kysely.selectFrom("reviews").selectAll().where("reviews.store_id", "=", args.storeId);
  if (args.productId !== undefined) query = query.where("reviews.product_id", "=", args.productId);
  if (args.status !== undefined) query = query.where("reviews.status", "=", args.status);
  query = query.where((eb) => filterCondition(eb, db.kind, args.storeId, args.filters) ?? eb.lit(true));
  const cursorValues = args.cursorValues;
  if (cursorValues) query = query.where((eb) => afterCursor(eb, sort, cursorValues));
  for (const [column, direction] of SORT_KEYS[sort]) query = query.orderBy(`reviews.${column}`, direction);
  return query.limit(args.limit + 1);
}

/**
 * One page of reviews of a store (optionally one product and status), in `sort` order, starting
 * after `cursorValues` (already decoded and checked).
 */
export async function listReviews(db: Database, args: ListArgs): Promise<ReviewListPage> {
  const rows = await reviewListQuery(db, args).execute();
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > args.limit && last ? encodeCursor(args.sort as SortName, last) : null,
  };
}

/**
 * How many reviews match the filters: a product's published ones (the public list), or for the
 * moderation queue any product's (`productId` left out) in a status, or in any (`status: "any"`).
 */
export async function countReviews(
  db: Database,
  args: {
    storeId: string;
    productId?: string | undefined;
    status?: ReviewRow["status"] | "any";
    filters?: ReviewFilters;
  },
): Promise<number> {
  let query = db.kysely
    .selectFrom("reviews")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("reviews.store_id", "=", args.storeId);
  if (args.productId !== undefined) query = query.where("reviews.product_id", "=", args.productId);
  const status = args.status ?? "published";
  if (status !== "any") query = query.where("reviews.status", "=", status);
  query = query.where((eb) => filterCondition(eb, db.kind, args.storeId, args.filters) ?? eb.lit(true));
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The filters as one condition, or undefined when there are none. */
function filterCondition(
  eb: ExpressionBuilder<Schema, "reviews">,
  kind: Database["kind"],
  storeId: string,
  filters: ReviewFilters = {},
): Expression<SqlBool> | undefined {
  const conditions: Expression<SqlBool>[] = [];
  if (filters.ratings && filters.ratings.length > 0)
    conditions.push(eb("reviews.rating", "in", filters.ratings));
  if (filters.withMedia) conditions.push(eb("reviews.has_media", "=", 1));
  if (filters.verifiedOnly) conditions.push(eb("reviews.verified", "=", 1));
  if (filters.search) {
    const term = filters.search.toLowerCase();
    // SQLite's LIKE has no escape character unless named; PostgreSQL's default is the same `\`.
    // PostgreSQL answers this from the per-store trigram index (migration 0051: store_id and
    // search_text in one GIN index).
    conditions.push(sql<SqlBool>`reviews.search_text like ${likeContains(filters.search)} escape '\\'`);
    if (kind === "sqlite" && [...term].length >= 3 && !/[\\%_]/.test(term)) {
      // The trigram index (0004) narrows the rows to this store's candidates first (0051: its
      // `scope` column holds the store, so another store's text is neither matched nor read);
      // the LIKE above then decides, the same substring match as without the index.
      conditions.push(
        sql<SqlBool>`reviews.id in (select review_id from reviews_search where reviews_search match ${probeMatch(storeId, term)})`,
      );
    }
  }
  return conditions.length > 0 ? eb.and(conditions) : undefined;
}

export function hasFilters(filters: ReviewFilters): boolean {
  return Boolean(
    (filters.ratings && filters.ratings.length > 0) ||
      filters.withMedia ||
      filters.verifiedOnly ||
      filters.search,
  );
}
