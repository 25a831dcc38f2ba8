// The moderation queue's "Load more" on a queue of BENCH_REVIEWS (default 10,000) pending reviews:
// what a next page costs now that only the first page counts the queue (`total`), against the
// same page with the count every page made before, in the same run over the same database.
//
//   npm run bench:admin-queue [-- --db sqlite|postgres --reviews 10000 --pages 40]
//
// "before" replays the old handler's queries in this process (the page, then the count); "after"
// is the page alone, and "HTTP next page" the real route through the server. Adds a section to
// bench/RESULTS.md.
import { parseArgs } from "node:util";
// biome-ignore lint/style/noRestrictedImports: "before" replays the queue route's internal queries, which no public entry point offers
import { countReviews, listReviews } from "../packages/server/src/reviews/review-list.ts";
// biome-ignore lint/style/noRestrictedImports: the cursor the route decodes, decoded the same way
import { cursorValuesOf } from "../packages/server/src/routes/review-query.ts";
import { makeStore } from "../packages/server/testing/fixtures.ts";
import { startTestServer } from "../packages/server/testing/test-server.ts";
import { addSection, machine, median, table, today } from "./results-file.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    reviews: { type: "string", default: "10000" },
    pages: { type: "string", default: "40" },
  },
});
const kind = values.db === "postgres" ? "postgres" : "sqlite";
const REVIEWS = Number(values.reviews);
const PAGES = Number(values.pages);
const LIMIT = 50;

const server = await startTestServer({ db: kind });
const { storeId, secretKey } = await makeStore(server.db, { name: "Bench shop" });
const headers = { authorization: `Bearer ${secretKey}` };

const started = Date.parse("2026-01-01T00:00:00.000Z");
const rows = Array.from({ length: REVIEWS }, (_, i) => {
  const text = `Review number ${i} of a product, with some words a shopper would write.`;
  return {
    id: `r${String(i).padStart(6, "0")}`,
    store_id: storeId,
    product_id: `p${i % 200}`,
    rating: (i % 5) + 1,
    title: `Title ${i}`,
    body: text,
    search_text: `title ${i} ${text.toLowerCase()}`,
    author_name: `Shopper ${i}`,
    author_email: `shopper${i}@example.com`,
    customer_id: null,
    verified: i % 3 === 0 ? 1 : 0,
    status: "pending" as const,
    created_at: new Date(started + i * 60_000).toISOString(),
  };
});
for (let i = 0; i < rows.length; i += 500)
  await server.db.kysely
    .insertInto("reviews")
    .values(rows.slice(i, i + 500))
    .execute();

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
};

const results: Array<Array<string | number>> = [];
try {
  const queues: [string, { ratings?: number[] }][] = [
    ["pending", {}],
    ["pending, rating 1–2", { ratings: [1, 2] }],
  ];
  for (const [label, filters] of queues) {
    const query = `status=pending&limit=${LIMIT}${"ratings" in filters ? "&rating=1,2" : ""}`;
    // The cursors of the first PAGES pages, walked once through the route.
    const cursors: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await fetch(`${server.url}/v1/admin/reviews?${query}${cursor ? `&cursor=${cursor}` : ""}`, {
        headers,
      });
      const json = (await res.json()) as { nextCursor: string | null };
      cursor = json.nextCursor;
      if (cursor) cursors.push(cursor);
    } while (cursor && cursors.length < PAGES);

    const before: number[] = [];
    const after: number[] = [];
    const http: number[] = [];
    const page = (c: string) =>
      listReviews(server.db, {
        storeId,
        status: "pending",
        filters,
        sort: "newest",
        limit: LIMIT,
        cursorValues: cursorValuesOf("newest", c) ?? [],
      });
    for (const c of cursors) {
      // Alternating, so a slow moment of the shared machine falls on both.
      before.push(
        await timed(async () => {
          await page(c);
          await countReviews(server.db, { storeId, status: "pending", filters });
        }),
      );
      after.push(await timed(() => page(c)));
      http.push(
        await timed(async () => {
          const res = await fetch(`${server.url}/v1/admin/reviews?${query}&cursor=${c}`, { headers });
          const json = (await res.json()) as { total?: number };
          if (json.total !== undefined) throw new Error("a next page counted the queue");
        }),
      );
    }
    const b = median(before);
    const a = median(after);
    results.push([
      label,
      cursors.length,
      b.toFixed(2),
      a.toFixed(2),
      `${(b / a).toFixed(1)}×`,
      median(http).toFixed(2),
    ]);
  }
} finally {
  await server.close();
}

const section = `## Moderation queue "Load more" (${kind}, ${REVIEWS} pending reviews) — ${today()}

${machine()}. Median ms per next page (${LIMIT} reviews): "before" = the page's query and the
count of the whole queue the route made on every page; "after" = the page's query alone (the
count now runs on the first page only); both in-process, alternating, same database.

${table(["queue", "pages", "before ms", "after ms", "before ÷ after", "HTTP next page ms"], results)}
`;
console.log(section);
if (process.env.BENCH_NO_RESULTS !== "1") addSection(section);
