import type { ReviewSort } from "@plaudit/contract";
import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import { encodeCursor, SORT_KEYS, type SortColumn, type SortName } from "./cursor.ts";
import type { ReviewRow } from "./review-json.ts";
import type { ReviewFilters } from "./review-list.ts";

// Text search on SQLite without stalling the server (issue 19). better-sqlite3 is synchronous: a
// query holds the whole process for as long as it runs, and a LIKE over 100,000 reviews (a term of
// one or two characters, one with `%`, or a common one the trigram index matches everywhere) held
// it for hundreds of milliseconds. Here a search walks the product's reviews in the list's own
// order, a bounded chunk per query, matching in JavaScript and yielding to other requests between
// chunks; every term takes this one bounded path. Each chunk starts where the last one ended by an
// index range (a row-value comparison on the sort's index), so it costs the same at the end of the
// walk as at its start. A term stops at its first SEARCH_MATCH_CAP matches in the list's order (a
// one-letter term matches nearly everything: no shopper pages through a thousand of them); the
// answer then says `totalCapped`. The ordered match list of a term is kept for a short while, so
// its next pages, its total and the same term from other shoppers cost one small read.
// (PostgreSQL runs queries off the event loop and keeps its SQL search.)

/** Rows read per query: about a millisecond of work on an idle core, whatever the term. */
export const SEARCH_CHUNK = 200;

/**
 * A term of 3+ characters without `%`, `_` or `\` first asks the trigram index (migrations 0004,
 * 0051) for up to this many of the store's reviews containing it, in one bounded query: a rare term (most random
 * strings) is answered from those few rows without walking the product; a common one, with more
 * candidates than this, is walked.
 */
export const SEARCH_PROBE = 200;

/** Matches a term collects at most, in the list's order (its total is then "at least this many"). */
export const SEARCH_MATCH_CAP = 1000;

type Match = Pick<ReviewRow, "id" | "created_at" | "rating" | "helpful_score" | "has_media">;

export interface SearchPage {
  rows: ReviewRow[];
  nextCursor: string | null;
  total: number;
  /** The walk stopped at the match cap: there may be more matches than `total`. */
  capped: boolean;
}

export interface ReviewSearch {
  /**
   * What the searches so far did (read by tests): trigram probes asked, probes that answered the
   * term, and walks of a product's reviews.
   */
  readonly stats: { probes: number; probeAnswers: number; walks: number };
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

/**
 * The probe's FTS5 query: the term among this store's reviews only (migration 0051 keeps each
 * review's `<store id>` in the index's `scope` column), so other stores' text neither fills the
 * probe nor costs it anything beyond the index's own lookup. Both are FTS5 strings (`"` doubled);
 * with the trigram tokenizer a string of 3+ characters matches as a substring.
 */
export function probeMatch(storeId: string, term: string): string {
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  return `scope : ${quote(`<${storeId}>`)} AND search_text : ${quote(term)}`;
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

type Segment = ReturnType<typeof segmentsOf>[number];

/**
 * One chunk's query: the segment's reviews after `after` (the last row's key values) in its order.
 * `(a, b, c) < (x, y, z)` lets SQLite start the index range there instead of skipping the rows
 * before it, so every chunk costs the same (review-search.test.ts checks the plan).
 */
export function chunkQuery(
  db: Database,
  args: Pick<Parameters<ReviewSearch["page"]>[1], "storeId" | "productId" | "filters">,
  segment: Segment,
  after: (string | number)[] | undefined,
) {
  const { ratings, withMedia, verifiedOnly } = args.filters;
  let query = db.kysely
    .selectFrom("reviews")
    .select(["id", "created_at", "rating", "helpful_score", "has_media", "search_text"])
    .where("store_id", "=", args.storeId)
    .where("product_id", "=", args.productId)
    .where("status", "=", "published");
  if (segment.fixed !== undefined) query = query.where("rating", "=", segment.fixed);
  else if (ratings && ratings.length > 0) query = query.where("rating", "in", ratings);
  if (withMedia) query = query.where("has_media", "=", 1);
  if (verifiedOnly) query = query.where("verified", "=", 1);
  if (after) {
    const columns = segment.keys.map(([column]) => column) as [SortColumn, SortColumn];
    const direction = segment.keys[0]?.[1] ?? "desc";
    query = query.where((eb) =>
      eb(
        eb.refTuple(...columns),
        direction === "desc" ? "<" : ">",
        eb.tuple(...(after as [string | number, string | number])),
      ),
    );
  }
  for (const [column, direction] of segment.keys) query = query.orderBy(column, direction);
  return query;
}

const matchOf = (row: Match): Match => ({
  id: row.id,
  created_at: row.created_at,
  rating: Number(row.rating),
  helpful_score: Number(row.helpful_score),
  has_media: Number(row.has_media),
});

interface Walked {
  matches: Match[];
  capped: boolean;
}

/**
 * The segments a sort is walked in, each in one direction over the rest of its keys: a sort whose
 * keys all go one way is one segment; "lowest" (rating up, then newest first) is one per rating.
 */
export function segmentsOf(sort: SortName, ratings: number[] | undefined) {
  const keys = SORT_KEYS[sort];
  const [first, ...rest] = keys;
  if (first && rest.every(([, direction]) => direction === first[1]))
    return [{ fixed: undefined, keys: keys as readonly (readonly [SortColumn, "asc" | "desc"])[] }];
  // Mixed directions: the first key is the rating (1–5); walk each rating's reviews in turn.
  const order = first?.[1] === "asc" ? [1, 2, 3, 4, 5] : [5, 4, 3, 2, 1];
  return order
    .filter((r) => !ratings || ratings.length === 0 || ratings.includes(r))
    .map((r) => ({ fixed: r, keys: rest }));
}

/**
 * A per-process search with its own cache: `ttlMs` how long a term's matches are reused (new
 * reviews show up in searches after at most that long), `maxMatches` how many matches all cached
 * terms may hold together (least recently used terms go first), `matchCap` how many matches one
 * term collects at most, `chunk` the rows read per query, `probe` the trigram index's candidates
 * a term may have to be answered from them (0: always walk).
 */
export function createReviewSearch(
  options: { ttlMs?: number; maxMatches?: number; matchCap?: number; chunk?: number; probe?: number } = {},
): ReviewSearch {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxMatches = options.maxMatches ?? 200_000;
  const matchCap = options.matchCap ?? SEARCH_MATCH_CAP;
  const chunkRows = options.chunk ?? SEARCH_CHUNK;
  const probeLimit = options.probe ?? SEARCH_PROBE;
  const stats = { probes: 0, probeAnswers: 0, walks: 0 };
  const cache = new Map<string, Walked & { until: number }>();
  const walking = new Map<string, Promise<Walked>>();
  let held = 0;

  function remember(key: string, walked: Walked) {
    const old = cache.get(key);
    if (old) held -= old.matches.length;
    cache.delete(key);
    cache.set(key, { ...walked, until: Date.now() + ttlMs });
    held += walked.matches.length;
    for (const [oldest, entry] of cache) {
      if (held <= maxMatches || oldest === key) break;
      cache.delete(oldest);
      held -= entry.matches.length;
    }
  }

  /** The term's matches from the trigram index when it has at most SEARCH_PROBE candidates. */
  async function probe(db: Database, args: Parameters<ReviewSearch["page"]>[1]): Promise<Walked | undefined> {
    const term = args.filters.search.toLowerCase();
    if ([...term].length < 3 || /[\\%_]/.test(term)) return undefined;
    stats.probes++;
    const found = await sql<{ review_id: string }>`select review_id from reviews_search
      where reviews_search match ${probeMatch(args.storeId, term)} limit ${probeLimit + 1}`.execute(
      db.kysely,
    );
    if (found.rows.length > probeLimit) return undefined;
    stats.probeAnswers++;
    const ids = found.rows.map((r) => r.review_id);
    if (ids.length === 0) return { matches: [], capped: false };
    // The candidates in the list's order, by the walk's own filters (one query of ≤ 200 ids), and
    // containing the term as the walk matches it (the index folds case its own way).
    const whole = { fixed: undefined, keys: SORT_KEYS[args.sort as SortName] };
    const rows = await chunkQuery(db, args, whole, undefined)
      .where("id", "in", ids)
      .limit(matchCap)
      .execute();
    return { matches: rows.filter((row) => row.search_text.includes(term)).map(matchOf), capped: false };
  }

  async function walk(db: Database, args: Parameters<ReviewSearch["page"]>[1]): Promise<Walked> {
    if (db.kind === "sqlite") {
      const probed = await probe(db, args);
      if (probed) return probed;
      await yieldToOthers();
    }
    stats.walks++;
    const term = args.filters.search.toLowerCase();
    const matches: Match[] = [];
    for (const segment of segmentsOf(args.sort as SortName, args.filters.ratings)) {
      const columns = segment.keys.map(([column]) => column);
      let after: (string | number)[] | undefined;
      for (;;) {
        const chunk = await chunkQuery(db, args, segment, after).limit(chunkRows).execute();
        for (const row of chunk) {
          if (!row.search_text.includes(term)) continue;
          matches.push(matchOf(row));
          if (matches.length >= matchCap) return { matches, capped: true };
        }
        const last = chunk.at(-1);
        await yieldToOthers();
        if (chunk.length < chunkRows || !last) break;
        after = columns.map((column) => last[column] as string | number);
      }
    }
    return { matches, capped: false };
  }

  async function matchesFor(db: Database, args: Parameters<ReviewSearch["page"]>[1]): Promise<Walked> {
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
    if (hit && hit.until > Date.now()) return hit;
    // Shoppers asking the same term at once share one walk.
    let running = walking.get(key);
    if (!running) {
      running = walk(db, args)
        .then((walked) => {
          remember(key, walked);
          return walked;
        })
        .finally(() => walking.delete(key));
      walking.set(key, running);
    }
    return running;
  }

  return {
    stats,
    async page(db, args) {
      const sort = args.sort as SortName;
      const { matches, capped } = await matchesFor(db, args);
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
        capped,
      };
    },
  };
}
