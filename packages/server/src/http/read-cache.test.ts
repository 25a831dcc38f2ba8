import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, longReviewText, makeStore, postJson, rawGet, reviewBody } from "../../testing/fixtures.ts";
import {
  databasesUnderTest,
  METRICS_AUTH,
  startTestServer,
  type TestServer,
} from "../../testing/test-server.ts";
import { DEFAULT_READ_CACHE_MS, parseReadCacheMs } from "./read-cache.ts";

// The in-process cache of public reads (read-cache.ts). To tell a cached answer from a fresh one,
// tests change the database behind the API's back: only the API's own writes invalidate.
describe("the read cache", () => {
  let server: TestServer;
  let storeId: string;
  let secretKey: string;
  const summaryUrl = (product: string) => `${server.url}/v1/stores/${storeId}/products/${product}/summary`;
  const sneakCount = (product: string, count: number) =>
    server.db.kysely
      .updateTable("rating_summaries")
      .set({ count })
      .where("store_id", "=", storeId)
      .where("product_id", "=", product)
      .execute();
  const lookups = async () => {
    const text = await (await fetch(`${server.url}/metrics`, { headers: METRICS_AUTH })).text();
    const hits = /plaudit_read_cache_lookups_total\{result="hit"\} (\d+)/.exec(text)?.[1];
    return { hits: Number(hits ?? 0), text };
  };

  beforeAll(async () => {
    server = await startTestServer({ db: "sqlite", readCacheMs: 60_000 });
    ({ storeId, secretKey } = await makeStore(server.db));
    for (const product of ["mug", "cap", "bag", "hat"])
      expect(
        (await postJson(`${server.url}/v1/stores/${storeId}/products/${product}/reviews`, reviewBody()))
          .status,
      ).toBe(201);
  });
  afterAll(() => server.close());

  it("answers a repeated read from memory, and a client asking for fresh data from the database", async () => {
    expect((await getJson(summaryUrl("mug"))).json.count).toBe(1);
    const before = await lookups();
    await sneakCount("mug", 41);
    const cached = await getJson(summaryUrl("mug"));
    expect(cached.json.count).toBe(1);
    expect(cached.headers.get("access-control-allow-origin")).toBe("*");
    expect(cached.headers.get("x-request-id")).toBeTruthy();
    const after = await lookups();
    expect(after.hits).toBe(before.hits + 1);
    // Labelled by the route the answer came from, not the cache's own pattern.
    expect(after.text).toMatch(/route="\/v1\/stores\/:store\/products\/:product\/summary",status="200"/);

    // fetch(…, { cache: "no-cache" }) in a browser sends max-age=0; no-cache from other clients.
    const askingFresh: Record<string, string>[] = [
      { "cache-control": "max-age=0" },
      { "cache-control": "no-cache" },
      { pragma: "no-cache" },
    ];
    for (const header of askingFresh) expect((await getJson(summaryUrl("mug"), header)).json.count).toBe(41);
  });

  it("forgets a store's answers when a review is written through the API", async () => {
    expect((await getJson(summaryUrl("cap"))).json.count).toBe(1);
    const posted = await postJson(`${server.url}/v1/stores/${storeId}/products/cap/reviews`, reviewBody());
    expect(posted.status).toBe(201);
    expect((await getJson(summaryUrl("cap"))).json.count).toBe(2);
  });

  it("forgets them on an admin write too (moderation)", async () => {
    const listUrl = `${server.url}/v1/stores/${storeId}/products/bag/reviews`;
    const [review] = (await getJson(listUrl)).json.items;
    const res = await fetch(`${server.url}/v1/admin/reviews/${review.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "rejected" }),
    });
    expect(res.status).toBe(200);
    expect((await getJson(listUrl)).json.items).toEqual([]);
  });

  it("answers If-None-Match from memory with a 304 that keeps ETag and CORS", async () => {
    const first = await getJson(summaryUrl("hat"));
    const etag = first.headers.get("etag")!;
    const again = await fetch(summaryUrl("hat"), { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("keeps gzip and plain answers apart", async () => {
    // A list with long text is over the compression threshold.
    const url = `${server.url}/v1/stores/${storeId}/products/long/reviews`;
    await postJson(url, reviewBody({ body: longReviewText(1800) }));
    for (let round = 0; round < 2; round++) {
      const gz = await fetch(url, { headers: { "accept-encoding": "gzip" } });
      // fetch decompresses: the header says which answer came, the body that it arrived whole.
      expect(gz.headers.get("content-encoding")).toBe("gzip");
      expect((await gz.json()).items).toHaveLength(1);
      const plain = await fetch(url, { headers: { "accept-encoding": "identity" } });
      expect(plain.headers.get("content-encoding")).toBeNull();
      expect((await plain.json()).items).toHaveLength(1);
    }
  });

  it("answers the same through app.fetch, with no Node server in front (the npm package's way)", async () => {
    await postJson(`${server.url}/v1/stores/${storeId}/products/lamp/reviews`, reviewBody());
    expect((await getJson(summaryUrl("lamp"))).json.count).toBe(1);
    await sneakCount("lamp", 9);
    // The same Accept-Encoding as getJson (Node's fetch offers gzip): the same kept answer.
    const viaFetch = await server.app.fetch(
      new Request(summaryUrl("lamp"), { headers: { "accept-encoding": "gzip, deflate" } }),
    );
    expect(viaFetch.status).toBe(200);
    expect(((await viaFetch.json()) as { count: number }).count).toBe(1);
    expect(viaFetch.headers.get("x-request-id")).toBeTruthy();
  });

  it("keeps the caller's request id, and a right Content-Length, on an answer from memory", async () => {
    await getJson(summaryUrl("mug"));
    const hit = await fetch(summaryUrl("mug"), { headers: { "x-request-id": "edge-4711" } });
    expect(hit.headers.get("x-request-id")).toBe("edge-4711");
    const body = new Uint8Array(await hit.arrayBuffer());
    expect(Number(hit.headers.get("content-length"))).toBe(body.byteLength);
  });

  it("answers a request target with dot segments as the URL it normalizes to", async () => {
    await sneakCount("mug", 41);
    const before = (await getJson(summaryUrl("mug"))).json.count;
    // fetch would normalize the path itself; a raw request sends it as written.
    const raw = await rawGet(server.url, `/v1/stores/${storeId}/products/x/../mug/./summary`);
    expect(raw.status).toBe(200);
    expect(JSON.parse(raw.body).count).toBe(before);
  });

  it("answers from memory a query the widgets percent-encode (products=a%2Cb)", async () => {
    await postJson(`${server.url}/v1/stores/${storeId}/products/tray/reviews`, reviewBody());
    const url = `${server.url}/v1/stores/${storeId}/summaries?products=tray%2Cmug`;
    expect((await getJson(url)).json.items[0].count).toBe(1);
    await sneakCount("tray", 5);
    const before = await lookups();
    expect((await getJson(url)).json.items[0].count).toBe(1);
    expect((await lookups()).hits).toBe(before.hits + 1);
  });

  it("keys an answer by the encoding it was made in, read the same way as the body is chosen", async () => {
    const url = `${server.url}/v1/stores/${storeId}/products/quilt/reviews`;
    await postJson(
      `${server.url}/v1/stores/${storeId}/products/quilt/reviews`,
      reviewBody({ body: `The quilt. ${longReviewText(1800)}` }),
    );
    // Takes gzip, at a lower preference: the body comes gzipped, and is kept as the gzip answer.
    const preferring = await fetch(url, { headers: { "accept-encoding": "br;q=1.0, gzip;q=0.5" } });
    expect(preferring.headers.get("content-encoding")).toBe("gzip");
    await preferring.arrayBuffer();
    for (const acceptEncoding of ["identity", "gzip;q=0"]) {
      const plain = await fetch(url, { headers: { "accept-encoding": acceptEncoding } });
      expect(plain.headers.get("content-encoding"), acceptEncoding).toBeNull();
      expect((await plain.json()).items).toHaveLength(1);
    }
  });

  it("keeps the whole answer even when the request that read it was answered 304", async () => {
    const url = summaryUrl("hat");
    const { headers } = await getJson(url);
    const etag = headers.get("etag")!;
    // Drop the store's kept answers with a write that does not change "hat".
    await postJson(`${server.url}/v1/stores/${storeId}/products/other/reviews`, reviewBody());
    const conditional = await fetch(url, { headers: { "if-none-match": etag } });
    expect(conditional.status).toBe(304);
    await sneakCount("hat", 12);
    const before = await lookups();
    const next = await getJson(url);
    expect(next.json.count).toBe(1);
    expect((await lookups()).hits).toBe(before.hits + 1);
  });

  it("never keeps an error answer", async () => {
    const url = `${server.url}/v1/stores/${storeId}/reviews/not-yet`;
    expect((await getJson(url)).status).toBe(404);
    expect((await getJson(url)).status).toBe(404);
    const before = await lookups();
    expect((await getJson(url)).status).toBe(404);
    expect((await lookups()).hits).toBe(before.hits);
  });
});

describe("the read cache's lifetime", () => {
  it("serves an answer only for its TTL, by the app's clock", async () => {
    let now = Date.parse("2026-06-01T12:00:00Z");
    const server = await startTestServer({ db: "sqlite", readCacheMs: 2_000, clock: () => new Date(now) });
    try {
      const { storeId } = await makeStore(server.db);
      const url = `${server.url}/v1/stores/${storeId}/products/mug/summary`;
      await postJson(`${server.url}/v1/stores/${storeId}/products/mug/reviews`, reviewBody());
      expect((await getJson(url)).json.count).toBe(1);
      // Changed behind the API's back: only the TTL can make the cache let go of the old answer.
      await server.db.kysely
        .updateTable("rating_summaries")
        .set({ count: 7 })
        .where("store_id", "=", storeId)
        .execute();
      now += 1_999;
      expect((await getJson(url)).json.count).toBe(1);
      now += 2;
      expect((await getJson(url)).json.count).toBe(7);
    } finally {
      await server.close();
    }
  });
});

describe.each(databasesUnderTest())("the read cache under a stampede (%s)", (kind) => {
  it("lets one of many simultaneous misses read the database; the others get its answer", async () => {
    const server = await startTestServer({ db: kind, readCacheMs: 60_000 });
    try {
      const { storeId } = await makeStore(server.db);
      const base = `${server.url}/v1/stores/${storeId}`;
      await postJson(`${base}/products/mug/reviews`, reviewBody());
      const url = `${base}/summaries?products=mug`;
      expect((await getJson(url)).json.items[0].count).toBe(1);
      // A write through the API makes every kept answer of the store stale at once, as an expiry does.
      await postJson(`${base}/products/mug/reviews`, reviewBody());
      let selects = 0;
      const count = (timing: { operation: string }) => {
        if (timing.operation === "select") selects++;
      };
      server.db.queryListeners.add(count);
      const answers = await Promise.all(Array.from({ length: 20 }, () => getJson(url)));
      server.db.queryListeners.delete(count);
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((a) => a.json.items[0].count))).toEqual(new Set([2]));
      // One request's reads (the store, the summaries) — not twenty times that.
      expect(selects).toBeLessThanOrEqual(4);
    } finally {
      await server.close();
    }
  });
});

describe("PLAUDIT_READ_CACHE_MS", () => {
  it("is the default when unset or blank, and 0 turns the cache off", () => {
    expect(parseReadCacheMs(undefined)).toBe(DEFAULT_READ_CACHE_MS);
    expect(parseReadCacheMs("")).toBe(DEFAULT_READ_CACHE_MS);
    expect(parseReadCacheMs("0")).toBe(0);
    expect(parseReadCacheMs("500")).toBe(500);
    expect(parseReadCacheMs(" 60000 ")).toBe(60_000);
  });

  it.each(["-1", "1.5", "2s", "1e3", "NaN", "Infinity", "0x10", "60001", "99999999999999999999"])(
    "refuses %j with a message naming the setting",
    (value) => {
      expect(() => parseReadCacheMs(value)).toThrow(/^PLAUDIT_READ_CACHE_MS must be a whole number/);
    },
  );
});
