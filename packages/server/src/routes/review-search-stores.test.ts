import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore } from "../../testing/fixtures.ts";
import {
  expectProbeAsWalk,
  insertReviewRows,
  ON_POSTGRES_ONLY,
  ON_SQLITE_ONLY,
  reviewRow,
} from "../../testing/search-kit.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { countReviews, listReviews, reviewListQuery } from "../reviews/review-list.ts";
import { createReviewSearch, SEARCH_PROBE } from "../reviews/review-search.ts";

// Search is scoped to one store in its index too (migration 0051): a term common in another store
// must not push this store's search off the trigram probe onto the slow walk, nor change its results.

describe.each(databasesUnderTest())("search index scoped by store on %s", (kind) => {
  let server: TestServer;
  let storeA: string;
  let storeB: string;
  let adminA: Record<string, string>;
  const inA = 3;
  const inB = SEARCH_PROBE + 50;

  const review = (storeId: string, i: number, body: string) =>
    reviewRow({
      id: `${storeId}-r${String(i).padStart(4, "0")}`,
      storeId,
      productId: "p",
      rating: (i % 5) + 1,
      body,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    });

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    const a = await makeStore(server.db);
    storeA = a.storeId;
    adminA = { authorization: `Bearer ${a.secretKey}` };
    ({ storeId: storeB } = await makeStore(server.db));
    // Store A: a few reviews with the term among many without; store B: the term everywhere.
    const rowsA = Array.from({ length: 40 }, (_, i) =>
      review(storeA, i, i < inA * 10 && i % 10 === 0 ? `Soft VELVET lining, ${i}` : `Plain cotton, ${i}`),
    );
    const rowsB = Array.from({ length: inB }, (_, i) => review(storeB, i, `Velvet again and again, ${i}`));
    await insertReviewRows(server.db, [...rowsA, ...rowsB]);
  });
  afterAll(() => server.close());

  it("answers a term rare in this store but common in another with this store's reviews only", async () => {
    const expected = await listReviews(server.db, {
      storeId: storeA,
      productId: "p",
      status: "published",
      filters: { search: "velvet" },
      sort: "newest",
      limit: 100,
    });
    expect(expected.rows.map((r) => r.id)).toEqual([`${storeA}-r0020`, `${storeA}-r0010`, `${storeA}-r0000`]);
    const res = await getJson(`${server.url}/v1/stores/${storeA}/products/p/reviews?q=velvet`);
    expect(res.status).toBe(200);
    expect(res.json.items.map((r: { id: string }) => r.id)).toEqual(expected.rows.map((r) => r.id));
    expect(res.json.total).toBe(inA);
    const other = await getJson(`${server.url}/v1/stores/${storeB}/products/p/reviews?q=velvet&limit=1`);
    expect(other.json.total).toBe(inB);
  });

  it("never matches nor counts another store's reviews in the moderator's search and the SQL count", async () => {
    const idsA = [`${storeA}-r0020`, `${storeA}-r0010`, `${storeA}-r0000`];
    for (const q of ["velvet", "VELVET", "vel", "ve"]) {
      const res = await getJson(`${server.url}/v1/admin/reviews?q=${q}&limit=100`, adminA);
      expect(res.status, q).toBe(200);
      expect(
        res.json.items.map((r: { id: string }) => r.id),
        q,
      ).toEqual(idsA);
      expect(
        await countReviews(server.db, { storeId: storeA, productId: "p", filters: { search: q } }),
        q,
      ).toBe(inA);
    }
    // Words only store B's reviews have: nothing on store A.
    for (const q of ["again", "again and", "ag"]) {
      const res = await getJson(`${server.url}/v1/admin/reviews?q=${encodeURIComponent(q)}`, adminA);
      expect(res.json.items, q).toEqual([]);
      expect(
        await countReviews(server.db, { storeId: storeA, productId: "p", filters: { search: q } }),
        q,
      ).toBe(0);
    }
  });

  it("looks up only this store's rows in the trigram index for the SQL search (the list's plan; the count builds the same condition)", async (ctx) => {
    ctx.skip(kind === "postgres", ON_SQLITE_ONLY);
    const { sql: text, parameters } = reviewListQuery(server.db, {
      storeId: storeA,
      status: "published",
      filters: { search: "velvet" },
      sort: "newest",
      limit: 50,
    }).compile();
    const plan = await server.db.kysely.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${text}`, [...parameters]),
    );
    // FTS5's plan names its constraint: M (a MATCH, here on the store's scope and the term), not
    // L (a LIKE over the whole index, every store's rows).
    const index = plan.rows.map((r) => r.detail).find((d) => d.includes("reviews_search"));
    expect(index).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    expect(parameters.filter((p) => String(p).includes(`scope : "<${storeA}>"`))).toHaveLength(1);
  });

  it("answers it from the trigram probe, not the walk; the other store walks", async (ctx) => {
    ctx.skip(kind === "postgres", ON_SQLITE_ONLY);
    const search = createReviewSearch();
    const args = (storeId: string) => ({
      storeId,
      productId: "p",
      filters: { search: "velvet" },
      sort: "newest" as const,
      limit: 50,
    });
    const probed = await search.page(server.db, args(storeA));
    expect(search.stats).toEqual({ probes: 1, probeAnswers: 1, walks: 0 });
    const walked = await createReviewSearch({ probe: 0 }).page(server.db, args(storeA));
    expect(probed.rows.map((r) => r.id)).toEqual(walked.rows.map((r) => r.id));
    expect(probed.total).toBe(inA);
    // Store B has more candidates than the probe takes: it is walked, with every match.
    const common = await search.page(server.db, args(storeB));
    expect(search.stats).toEqual({ probes: 2, probeAnswers: 1, walks: 1 });
    expect(common.total).toBe(inB);
  });

  it("finds what the walk finds for terms with FTS5 syntax in them", async (ctx) => {
    ctx.skip(kind === "postgres", ON_SQLITE_ONLY);
    for (const term of [
      '"soft',
      'velvet "',
      "lining,",
      "t, 2",
      "^sof",
      "soft*",
      "vel AND vet",
      "scope:",
      "cotton",
    ]) {
      const args = {
        storeId: storeA,
        productId: "p",
        filters: { search: term },
        sort: "oldest" as const,
        limit: 50,
      };
      await expectProbeAsWalk(server.db, args, term);
    }
  });

  it("keeps a trigram index whose first column is the store", async (ctx) => {
    ctx.skip(kind === "sqlite", ON_POSTGRES_ONLY);
    const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes
      where indexname = 'reviews_search_store_trgm' and schemaname = current_schema()`.execute(
      server.db.kysely,
    );
    expect(rows[0]?.indexdef).toMatch(/USING gin \(store_id, search_text \S*gin_trgm_ops\)/);
  });
});
