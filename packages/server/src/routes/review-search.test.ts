import { CompiledQuery } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, testClock } from "../../testing/fixtures.ts";
import { expectProbeAsWalk, insertReviewRows, ON_SQLITE_ONLY, reviewRow } from "../../testing/search-kit.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { createMemoryRateLimiter } from "../rate-limit.ts";
import { listReviews } from "../reviews/review-list.ts";
import { chunkQuery, createReviewSearch, SEARCH_CHUNK, segmentsOf } from "../reviews/review-search.ts";

// Search on SQLite walks a product's reviews in bounded chunks (reviews/review-search.ts); it must
// find exactly what the SQL search finds, page for page, across chunk boundaries, for any term.

const WORDS = ["wool", "zipper", "50% off", "snake_case", "a", "ß", "cosy", "tight", "Groß", "back\\slash"];

describe.each(databasesUnderTest())("review search on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  const count = SEARCH_CHUNK * 2 + 37;

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ storeId } = await makeStore(server.db));
    const rows = Array.from({ length: count }, (_, i) =>
      reviewRow({
        id: `r${String(i).padStart(5, "0")}`,
        storeId,
        productId: "many",
        rating: (i % 5) + 1,
        body: `Review ${i}: ${WORDS[i % WORDS.length]} and ${WORDS[(i * 7) % WORDS.length]}.`,
        verified: i % 3 === 0,
        status: i % 11 === 0 ? "pending" : "published",
        // Many reviews share a second: the id breaks ties, across chunk edges too.
        createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 4) * 1000).toISOString(),
        helpfulUp: i % 13,
        helpfulDown: i % 5,
      }),
    );
    await insertReviewRows(server.db, rows);
  });
  afterAll(() => server.close());

  const allPages = async (query: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const url: string = `${server.url}/v1/stores/${storeId}/products/many/reviews?limit=50&${query}${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await getJson(url);
      expect(res.status).toBe(200);
      ids.push(...res.json.items.map((r: { id: string }) => r.id));
      cursor = res.json.nextCursor;
      total = res.json.total;
    } while (cursor);
    return { ids, total };
  };

  it.each([
    ["a", "newest"],
    ["%", "newest"],
    ["_", "helpful"],
    ["50%", "oldest"],
    ["ß", "lowest"],
    ["groß", "highest"],
    ["\\", "newest"],
    ["zipper", "helpful"],
    ["nothing-like-this", "newest"],
  ])("finds what the SQL search finds for %j in %s order, page by page", async (term, sort) => {
    const expected = await listReviews(server.db, {
      storeId,
      productId: "many",
      status: "published",
      filters: { search: term },
      sort: sort as "newest",
      limit: count,
    });
    const found = await allPages(`q=${encodeURIComponent(term)}&sort=${sort}`);
    expect(found.ids).toEqual(expected.rows.map((r) => r.id));
    expect(found.total).toBe(expected.rows.length);
  });

  it("answers a search under the cap with its exact total and no totalCapped", async () => {
    const res = await getJson(`${server.url}/v1/stores/${storeId}/products/many/reviews?q=wool`);
    expect(res.json.total).toBeGreaterThan(0);
    expect(res.json.totalCapped).toBeUndefined();
  });

  it("stops a term at the match cap: the first matches in the list's order, total a floor, said so", async (ctx) => {
    ctx.skip(kind === "postgres", ON_SQLITE_ONLY);
    for (const sort of ["newest", "lowest", "helpful"] as const) {
      const expected = await listReviews(server.db, {
        storeId,
        productId: "many",
        status: "published",
        filters: { search: "a" },
        sort,
        limit: 25,
      });
      // Chunks of 7 rows: the cap falls inside a chunk and the walk crosses many chunk edges.
      const search = createReviewSearch({ matchCap: 25, chunk: 7 });
      const args = { storeId, productId: "many", filters: { search: "a" }, sort, limit: 10 };
      const first = await search.page(server.db, args);
      expect(first).toMatchObject({ total: 25, capped: true });
      const ids = first.rows.map((r) => r.id);
      let cursor = first.nextCursor;
      while (cursor) {
        const values = JSON.parse(Buffer.from(cursor, "base64url").toString()).v;
        const next = await search.page(server.db, { ...args, cursorValues: values });
        ids.push(...next.rows.map((r) => r.id));
        cursor = next.nextCursor;
      }
      expect(ids, sort).toEqual(expected.rows.map((r) => r.id));
    }
    // Through the route: a term matching more reviews than the cap says so.
    const capped = createReviewSearch({ matchCap: 5 });
    const few = await capped.page(server.db, {
      storeId,
      productId: "many",
      filters: { search: "review" },
      sort: "newest",
      limit: 10,
    });
    expect(few).toMatchObject({ total: 5, capped: true });
    expect(few.rows).toHaveLength(5);
  });

  it("answers a rare term from the trigram index and a common one by walking, with the same results as a walk", async (ctx) => {
    ctx.skip(kind === "postgres", ON_SQLITE_ONLY);
    for (const [term, sort] of [
      ["zipper", "helpful"],
      ["groß", "lowest"],
      ["review", "newest"],
      ["nothing-like-this", "oldest"],
    ] as const) {
      const args = { storeId, productId: "many", filters: { search: term }, sort, limit: 50 };
      await expectProbeAsWalk(server.db, args, term);
    }
  });

  it("starts every chunk by an index range, never by skipping the rows before it (each sort)", async (ctx) => {
    ctx.skip(kind === "postgres", ON_SQLITE_ONLY);
    for (const sort of ["newest", "oldest", "highest", "lowest", "helpful", "media"] as const) {
      for (const segment of segmentsOf(sort, undefined)) {
        const after = segment.keys.map(([column]) => (column === "id" || column === "created_at" ? "x" : 1));
        const { sql, parameters } = chunkQuery(
          server.db,
          { storeId, productId: "many", filters: { search: "a" } },
          segment,
          after,
        )
          .limit(SEARCH_CHUNK)
          .compile();
        const plan = await server.db.kysely.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
        );
        const detail = plan.rows.map((r) => r.detail).join(" | ");
        expect(detail, sort).toMatch(
          /USING (COVERING )?INDEX reviews_\w+ \(.* AND \([a-z_,]+\)[<>]\(\?(,\?)*\)\)$/,
        );
        expect(detail, sort).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it("combines search with the rating and verified filters", async () => {
    const expected = await listReviews(server.db, {
      storeId,
      productId: "many",
      status: "published",
      filters: { search: "cosy", ratings: [2, 4], verifiedOnly: true },
      sort: "newest",
      limit: count,
    });
    expect(expected.rows.length).toBeGreaterThan(0);
    const found = await allPages("q=cosy&rating=2,4&verified=1");
    expect(found.ids).toEqual(expected.rows.map((r) => r.id));
  });
});

describe.each(databasesUnderTest())("search rate limit on %s", (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      db: kind,
      rateLimiter: createMemoryRateLimiter(),
      clock: testClock().clock,
    });
  });
  afterAll(() => server.close());

  it("answers 429 with Retry-After past an address's search burst, and lists without a term still answer", async () => {
    const { storeId } = await makeStore(server.db);
    const url = (q: string) => `${server.url}/v1/stores/${storeId}/products/p/reviews${q}`;
    const statuses = [];
    for (let i = 0; i < 25; i++) statuses.push((await getJson(url(`?q=t${i}`))).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    const refused = await getJson(url("?q=again"));
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await getJson(url(""))).status).toBe(200);
  });
});
