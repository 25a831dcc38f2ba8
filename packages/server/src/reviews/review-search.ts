import type { ReviewSort } from "@plaudit/contract";
import type { Database } from "../db/database.ts";
import { encodeCursor, SORT_KEYS, type SortColumn, type SortName } from "./cursor.ts";
import type { ReviewRow } from "./review-json.ts";
import type { ReviewFilters } from "./review-list.ts";

// Text search on SQLite without stalling the server (issue 19). better-sqlite3 is synchronous: a
// query holds the whole process for as long as it runs, and a LIKE over 100,000 reviews (a term of
// one or two characters, one with `%`, or a common one the trigram index matches everywhere) held
// it for hundreds of milliseconds. Here a search walks the product's reviews in the list's own
// order, a bounded chunk per query, matching in JavaScript and yielding to other requests between
// chunks; every term takes this one bounded path. The whole ordered match list of a term is then
// kept for a short while, so its next pages, its total and the same term from other shoppers cost
// one small read. (PostgreSQL runs queries off the event loop and keeps its SQL search.)

/** Rows read per query: a few milliseconds of work, whatever the term. */
export const SEARCH_CHUNK = 500;

type Match = Pick<ReviewRow, "id" | "created_at" | "rating" | "helpful_score" | "has_media">;

export interface SearchPage {
  rows: ReviewRow[];
  nextCursor: string | null;
  total: number;
}

export interface ReviewSearch {
  page(
    db: Database,
    args: {
      storeId: string;
      productId: string;
      filters: ReviewFilters & { search: string };
      sort: ReviewSort;
      limit: number;
      cursorValues?: (string | number)[];
    },
  ): Promise<SearchPage>;
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether `row` comes after the cursor's key values in the sort's order. */
function isAfter(sort: SortName, row: Match, values: (string | number)[]): boolean {
  for (const [i, [column, direction]] of SORT_KEYS[sort].entries()) {
    const a = row[column as SortColumn];
    const b = values[i] as string | number;
    if (a === b) continue;
    return direction === "desc" ? a < b : a > b;
  }
  return false;
}

/**
 * A per-process search with its own cache: `ttlMs` how long a term's matches are reused (new
 * reviews show up in searches after at most that long), `maxMatches` how many matches all cached
 * terms may hold together (least recently used terms go first).
 */
export function createReviewSearch(options: { ttlMs?: number; maxMatches?: number } = {}): ReviewSearch {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxMatches = options.maxMatches ?? 200_000;
  const cache = new Map<string, { matches: Match[]; until: number }>();
  const walking = new Map<string, Promise<Match[]>>();
  let held = 0;

  function remember(key: string, matches: Match[]) {
    const old = cache.get(key);
    if (old) held -= old.matches.length;
    cache.delete(key);
    cache.set(key, { matches, until: Date.now() + ttlMs });
    held += matches.length;
    for (const [oldest, entry] of cache) {
      if (held <= maxMatches || oldest === key) break;
      cache.delete(oldest);
      held -= entry.matches.length;
    }
  }

  async function walk(db: Database, args: Parameters<ReviewSearch["page"]>[1]): Promise<Match[]> {
    const sort = args.sort as SortName;
    const term = args.filters.search.toLowerCase();
    const { ratings, withMedia, verifiedOnly } = args.filters;
    const matches: Match[] = [];
    let after: (string | number)[] | undefined;
    for (;;) {
      let query = db.kysely
        .selectFrom("reviews")
        .select(["id", "created_at", "rating", "helpful_score", "has_media", "search_text"])
        .where("store_id", "=", args.storeId)
        .where("product_id", "=", args.productId)
        .where("status", "=", "published");
      if (ratings && ratings.length > 0) query = query.where("rating", "in", ratings);
      if (withMedia) query = query.where("has_media", "=", 1);
      if (verifiedOnly) query = query.where("verified", "=", 1);
      const from = after;
      if (from) {
        const keys = SORT_KEYS[sort];
        query = query.where((eb) =>
          eb.or(
            keys.map(([column, direction], i) =>
              eb.and([
                ...keys.slice(0, i).map(([earlier], j) => eb(earlier, "=", from[j] as string | number)),
                eb(column, direction === "desc" ? "<" : ">", from[i] as string | number),
              ]),
            ),
          ),
        );
      }
      for (const [column, direction] of SORT_KEYS[sort]) query = query.orderBy(column, direction);
      const chunk = await query.limit(SEARCH_CHUNK).execute();
      for (const row of chunk) {
        if (row.search_text.includes(term)) {
          matches.push({
            id: row.id,
            created_at: row.created_at,
            rating: Number(row.rating),
            helpful_score: Number(row.helpful_score),
            has_media: Number(row.has_media),
          });
        }
      }
      const last = chunk.at(-1);
      if (chunk.length < SEARCH_CHUNK || !last) return matches;
      after = SORT_KEYS[sort].map(([column]) => last[column] as string | number);
      await yieldToOthers();
    }
  }

  async function matchesFor(db: Database, args: Parameters<ReviewSearch["page"]>[1]): Promise<Match[]> {
    const { ratings, withMedia, verifiedOnly, search } = args.filters;
    const key = JSON.stringify([
      args.storeId,
      args.productId,
      args.sort,
      search.toLowerCase(),
      ratings ?? [],
      Boolean(withMedia),
      Boolean(verifiedOnly),
    ]);
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.matches;
    // Shoppers asking the same term at once share one walk.
    let running = walking.get(key);
    if (!running) {
      running = walk(db, args)
        .then((matches) => {
          remember(key, matches);
          return matches;
        })
        .finally(() => walking.delete(key));
      walking.set(key, running);
    }
    return running;
  }

  return {
    async page(db, args) {
      const sort = args.sort as SortName;
      const matches = await matchesFor(db, args);
      const values = args.cursorValues;
      const start = values ? matches.findIndex((m) => isAfter(sort, m, values)) : 0;
      const slice = start < 0 ? [] : matches.slice(start, start + args.limit + 1);
      const pageIds = slice.slice(0, args.limit).map((m) => m.id);
      const rows =
        pageIds.length === 0
          ? []
          : await db.kysely
              .selectFrom("reviews")
              .selectAll()
              .where("id", "in", pageIds)
              // Unpublished since the walk: left out of this page.
              .where("status", "=", "published")
              .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const page = pageIds.map((id) => byId.get(id)).filter((r): r is ReviewRow => r !== undefined);
      const last = page.at(-1);
      return {
        rows: page,
        nextCursor: slice.length > args.limit && last ? encodeCursor(sort, last) : null,
        total: matches.length,
      };
    },
  };
}
