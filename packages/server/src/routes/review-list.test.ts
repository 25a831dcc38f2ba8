import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeMediaSource } from "../../testing/fake-media.ts";
import { getJson, makeStore, postJson, reviewBody, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { signCustomerToken } from "../customer-token.ts";

describe.each(databasesUnderTest())("review list on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let secretKey: string;
  let signingSecret: string;
  const time = testClock();
  const base = () => `${server.url}/v1/stores/${storeId}`;

  /** Submits reviews one minute apart; returns their ids in submission order. */
  async function submit(productId: string, reviews: Record<string, unknown>[]): Promise<string[]> {
    const ids: string[] = [];
    for (const review of reviews) {
      time.advance(60_000);
      const res = await postJson(
        `${base()}/products/${encodeURIComponent(productId)}/reviews`,
        reviewBody(review),
      );
      expect(res.status).toBe(201);
      ids.push(res.json.review.id);
    }
    return ids;
  }

  async function listIds(productId: string, query: string): Promise<string[]> {
    const res = await getJson(`${base()}/products/${encodeURIComponent(productId)}/reviews?${query}`);
    expect(res.status).toBe(200);
    return res.json.items.map((r: { id: string }) => r.id);
  }

  /** Every id of a list, following nextCursor; `between` runs after each page. */
  async function allPages(
    productId: string,
    query: string,
    between?: () => Promise<void>,
  ): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const q = `${query}${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await getJson(`${base()}/products/${encodeURIComponent(productId)}/reviews?${q}`);
      expect(res.status).toBe(200);
      ids.push(...res.json.items.map((r: { id: string }) => r.id));
      cursor = res.json.nextCursor;
      if (between) await between();
    } while (cursor);
    return ids;
  }

  beforeAll(async () => {
    server = await startTestServer({ db: kind, clock: time.clock, media: fakeMediaSource() });
    ({ storeId, secretKey, signingSecret } = await makeStore(server.db));
  });
  afterAll(() => server.close());

  it("sorts newest, oldest, highest and lowest with ties broken newest first", async () => {
    const ratings = [5, 1, 3, 5, 2, 4];
    const ids = await submit(
      "sorts",
      ratings.map((rating) => ({ rating })),
    );
    const byAge = [...ids].reverse();
    expect(await listIds("sorts", "")).toEqual(byAge);
    expect(await listIds("sorts", "sort=newest")).toEqual(byAge);
    expect(await listIds("sorts", "sort=oldest")).toEqual(ids);
    // ratings by index: 0:5 1:1 2:3 3:5 4:2 5:4
    expect(await listIds("sorts", "sort=highest")).toEqual([ids[3], ids[0], ids[5], ids[2], ids[4], ids[1]]);
    expect(await listIds("sorts", "sort=lowest")).toEqual([ids[1], ids[4], ids[2], ids[5], ids[3], ids[0]]);
  });

  it("sorts by net helpful votes and puts reviews with media first", async () => {
    const ids = await submit("helpful", [{}, {}, { mediaIds: ["m-1"] }, {}]);
    // One vote per customer (or per address without a token): each voter signs in.
    const vote = (id: string | undefined, voter: string, value: "up" | "down") =>
      postJson(
        `${base()}/reviews/${id}/votes`,
        { voter, value },
        { "x-plaudit-customer": signCustomerToken(signingSecret, voter, time.clock()) },
      );
    await vote(ids[0], "a", "up");
    await vote(ids[0], "b", "up");
    await vote(ids[1], "a", "up");
    await vote(ids[3], "a", "down");
    expect(await listIds("helpful", "sort=helpful")).toEqual([ids[0], ids[1], ids[2], ids[3]]);
    expect(await listIds("helpful", "sort=media")).toEqual([ids[2], ids[3], ids[1], ids[0]]);
  });

  it("filters by ratings, media, verified and text, and counts the matches in total", async () => {
    const ids = await submit("filters", [
      { rating: 1, title: "Zipper broke", body: "The ZIPPER broke after a week." },
      { rating: 2, body: "Runs small, 100% cotton though" },
      { rating: 5, body: "Sehr schön und GROẞ", mediaIds: ["m-2", "m-3"] },
      { rating: 4, body: "Fine shirt" },
    ]);
    const list = (q: string) => getJson(`${base()}/products/filters/reviews?${q}`).then((r) => r.json);
    expect((await list("rating=1,2")).items.map((r: { id: string }) => r.id)).toEqual([ids[1], ids[0]]);
    expect((await list("rating=1,2")).total).toBe(2);
    expect((await list("media=1")).items.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
    expect((await list("media=1")).items[0].media).toHaveLength(2);
    expect((await list("verified=1")).total).toBe(0);
    expect((await list("q=zipper")).items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect((await list(`q=${encodeURIComponent("groß")}`)).total).toBe(1);
    // LIKE wildcards in the search match themselves only.
    expect((await list(`q=${encodeURIComponent("100%")}`)).items.map((r: { id: string }) => r.id)).toEqual([
      ids[1],
    ]);
    expect((await list(`q=${encodeURIComponent("%")}`)).total).toBe(1);
    expect((await list("q=_")).total).toBe(0);
    expect((await list("")).total).toBe(4);
  });

  it("searches substrings through the index the same as a scan would", async () => {
    const ids = await submit("search", [
      { title: "Kettle", body: "Boils fast; the abc lid and the xbcd handle" },
      { title: "שמלה יפה", body: "אהבתי מאוד את הבד" },
      { title: "Second kettle", body: "Quiet boil, BOILS quickly" },
    ]);
    const found = (q: string) =>
      getJson(`${base()}/products/search/reviews?q=${encodeURIComponent(q)}`).then((r) =>
        r.json.items.map((item: { id: string }) => item.id).sort(),
      );
    expect(await found("boils")).toEqual([ids[0], ids[2]].sort());
    expect(await found("ILS QUI")).toEqual([ids[2]]);
    // Both trigrams of "abcd" are in the first review, but not side by side: no match.
    expect(await found("abcd")).toEqual([]);
    expect(await found("הבד")).toEqual([ids[1]]);
    // Hidden by moderation: the index still holds it, the list does not show it.
    const hidden = await fetch(`${server.url}/v1/admin/reviews/${ids[0]}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "rejected" }),
    });
    expect(hidden.status).toBe(200);
    expect(await found("boils")).toEqual([ids[2]]);
  });

  it("pages by cursor with no duplicates or gaps while new reviews arrive", async () => {
    const original = await submit(
      "paging",
      Array.from({ length: 23 }, (_, i) => ({ rating: (i % 5) + 1 })),
    );
    for (const sort of ["newest", "oldest", "highest", "lowest", "helpful"]) {
      const arrived: string[] = [];
      const seen = await allPages("paging", `sort=${sort}&limit=4`, async () => {
        arrived.push(...(await submit("paging", [{ rating: 3 }])));
      });
      expect(new Set(seen).size, `${sort}: no duplicates`).toBe(seen.length);
      for (const id of original) expect(seen, `${sort}: no gaps`).toContain(id);
      original.push(...arrived);
    }
  });

  it("pages by cursor with filters applied", async () => {
    await submit(
      "paging-filtered",
      Array.from({ length: 20 }, (_, i) => ({ rating: (i % 5) + 1 })),
    );
    const all = await allPages("paging-filtered", "rating=3,4&limit=3");
    expect(all).toHaveLength(8);
    const res = await getJson(`${base()}/products/paging-filtered/reviews?rating=3,4&limit=50`);
    expect(all).toEqual(res.json.items.map((r: { id: string }) => r.id));
    expect(res.json.total).toBe(all.length);
  });

  it("keeps the page size between 1 and 50 and refuses bad parameters with per-field messages", async () => {
    await submit(
      "limits",
      Array.from({ length: 12 }, () => ({})),
    );
    expect(await listIds("limits", "")).toHaveLength(10);
    expect(await listIds("limits", "limit=1")).toHaveLength(1);
    const bad = await getJson(
      `${base()}/products/limits/reviews?limit=51&sort=best&rating=6&media=yes&cursor=xyz`,
    );
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe("validation_failed");
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["limit", "media", "rating", "sort"]);
    const badCursor = await getJson(`${base()}/products/limits/reviews?cursor=xyz`);
    expect(badCursor.status).toBe(422);
    expect(badCursor.json.error.fields.cursor).toBeTruthy();
    const otherSortsCursor = (await getJson(`${base()}/products/limits/reviews?limit=2&sort=oldest`)).json
      .nextCursor;
    expect((await getJson(`${base()}/products/limits/reviews?cursor=${otherSortsCursor}`)).status).toBe(422);
  });

  it("lists only published reviews", async () => {
    const { storeId: heldStore } = await makeStore(server.db, { moderation: "hold" });
    const res = await postJson(`${server.url}/v1/stores/${heldStore}/products/p/reviews`, reviewBody());
    expect(res.json.status).toBe("pending");
    const list = await getJson(`${server.url}/v1/stores/${heldStore}/products/p/reviews`);
    expect(list.json).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it("accepts product ids with spaces, slashes and unicode, percent-encoded", async () => {
    const productId = "Größe M / blau #1";
    await submit(productId, [{ rating: 4 }]);
    expect(await listIds(productId, "")).toHaveLength(1);
    const summary = await getJson(`${base()}/products/${encodeURIComponent(productId)}/summary`);
    expect(summary.json).toMatchObject({ productId, count: 1, average: 4 });
  });
});
