import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, json, never, recordingFetch, summary } from "../testing/test-fetch.ts";
import { createClient } from "./client.ts";
import { PlauditError } from "./errors.ts";

const API = "https://reviews.example.com";
const page = { items: [], nextCursor: null, total: 0 };

function clientWith(answer: Parameters<typeof recordingFetch>[0], extra = {}) {
  const recorder = recordingFetch(answer);
  return {
    client: createClient({ apiBase: `${API}/`, store: "demo", fetch: recorder.fetch, ...extra }),
    ...recorder,
  };
}

async function rejection(promise: Promise<unknown>): Promise<PlauditError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PlauditError);
  return error as PlauditError;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("routes", () => {
  it("builds the review list URL from the query, with booleans as 1 and ratings as a comma list", async () => {
    const { client, calls } = clientWith(() => json(page));
    await client.listReviews("shirt/blue", {
      sort: "helpful",
      rating: [5, 4],
      media: true,
      verified: false,
      q: "fit",
    });
    const url = calls[0]!.url;
    expect(url.pathname).toBe("/v1/stores/demo/products/shirt%2Fblue/reviews");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      sort: "helpful",
      rating: "4,5",
      media: "1",
      q: "fit",
    });
  });

  it("posts a review as JSON and never retries a write", async () => {
    const { client, calls } = clientWith(() => apiError(503, "unavailable"));
    const input = { rating: 5 as const, body: "Great", author: { name: "Ana", email: "ana@example.com" } };
    const error = await rejection(client.submitReview("p1", input));
    expect(error).toMatchObject({ kind: "http", status: 503 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe("POST");
    expect(JSON.parse(calls[0]!.body)).toEqual(input);
  });

  it("reads one review by its id, and rejects with review_not_found when it is not published", async () => {
    const review = { id: "r/1", productId: "p1", rating: 5, media: [] };
    const { client, calls } = clientWith((request) =>
      request.url.pathname.endsWith("/r%2F1") ? json(review) : apiError(404, "review_not_found"),
    );
    await expect(client.getReview("r/1")).resolves.toEqual(review);
    expect(calls[0]!.method).toBe("GET");
    expect(calls[0]!.url.pathname).toBe("/v1/stores/demo/reviews/r%2F1");
    const error = await rejection(client.getReview("held"));
    expect(error).toMatchObject({ kind: "http", status: 404, code: "review_not_found" });
    // A 404 is an answer, not a failure to retry.
    expect(calls).toHaveLength(2);
  });

  it("answers invalid_response when a review body has no id or media", async () => {
    const { client } = clientWith(() => json({ items: [] }));
    expect(await rejection(client.getReview("r1"))).toMatchObject({ kind: "invalid_response" });
  });

  it("sends votes with the voter id", async () => {
    const { client, calls } = clientWith(() => json({ up: 3, down: 1 }));
    await expect(client.vote("r 1", "up", "voter-1")).resolves.toEqual({ up: 3, down: 1 });
    expect(calls[0]!.url.pathname).toBe("/v1/stores/demo/reviews/r%201/votes");
    expect(JSON.parse(calls[0]!.body)).toEqual({ value: "up", voter: "voter-1" });
  });

  it("sends the customer token and idempotency key when redeeming", async () => {
    const redemption = { id: "x", rewardId: "r1", code: "SAVE5", pointsSpent: 500, balance: 20 };
    const { client, calls } = clientWith(() => json(redemption, { status: 201 }));
    await expect(client.redeem("c.1.abc", "r1", "key-1")).resolves.toEqual(redemption);
    expect(calls[0]!.headers.get("x-plaudit-customer")).toBe("c.1.abc");
    expect(calls[0]!.headers.get("idempotency-key")).toBe("key-1");
    expect(JSON.parse(calls[0]!.body)).toEqual({ rewardId: "r1" });
  });

  it("reads the loyalty program, the shopper's points and the media gallery", async () => {
    const { client, calls } = clientWith((request) => {
      if (request.url.pathname.endsWith("/program"))
        return json({ pointsName: "points", earning: [], rewards: [], tiers: [] });
      if (request.url.pathname.endsWith("/me")) return json({ customerId: "c", balance: 10, history: [] });
      return json({ items: [], nextCursor: null });
    });
    await client.loyaltyProgram();
    await expect(client.loyaltyMe("tok")).resolves.toMatchObject({ balance: 10 });
    await client.listMedia({ product: "p1", limit: 20 });
    expect(calls.map((call) => call.url.pathname + call.url.search)).toEqual([
      "/v1/stores/demo/loyalty/program",
      "/v1/stores/demo/loyalty/me",
      "/v1/stores/demo/media?product=p1&limit=20",
    ]);
    expect(calls[1]!.headers.get("x-plaudit-customer")).toBe("tok");
  });

  it("uploads a file as multipart form data without progress", async () => {
    const media = { id: "m1", kind: "image", url: "u", thumbnailUrl: "t", width: 1, height: 1 };
    const { client, calls } = clientWith(() => json(media, { status: 201 }));
    await expect(client.uploadMedia(new Blob(["png"], { type: "image/png" }))).resolves.toEqual(media);
    expect(calls[0]!.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(calls[0]!.body).toContain('name="file"');
  });

  it("sends a video's poster frame as the poster part", async () => {
    const media = { id: "m2", kind: "video", url: "u", thumbnailUrl: "t", width: 1, height: 1 };
    const { client, calls } = clientWith(() => json(media, { status: 201 }));
    const poster = new Blob(["jpeg"], { type: "image/jpeg" });
    await client.uploadMedia(new Blob(["webm"], { type: "video/webm" }), { poster });
    expect(calls[0]!.body).toMatch(/name="poster"[\s\S]*image\/jpeg\r?\n\r?\njpeg/);
  });
});

describe("typed errors", () => {
  it("carries code, fields and status of a validation error", async () => {
    const { client } = clientWith(() =>
      apiError(422, "validation_failed", { fields: { rating: "must be an integer from 1 to 5" } }),
    );
    const input = { rating: 5 as const, body: "x", author: { name: "A", email: "a@example.com" } };
    const error = await rejection(client.submitReview("p1", input));
    expect(error).toMatchObject({
      kind: "http",
      status: 422,
      code: "validation_failed",
      fields: { rating: "must be an integer from 1 to 5" },
    });
  });

  it("keeps the status of an error whose body is not JSON", async () => {
    const { client } = clientWith(() => new Response("<html>Bad gateway</html>", { status: 404 }));
    const error = await rejection(client.listReviews("p1"));
    expect(error).toMatchObject({ kind: "http", status: 404, code: undefined });
  });

  it("answers invalid_response for a 2xx body that is not JSON or not the expected shape", async () => {
    const { client } = clientWith((_, index) =>
      index === 0 ? new Response("<!doctype html>", { status: 200 }) : json({ hello: "world" }),
    );
    expect(await rejection(client.listReviews("p1"))).toMatchObject({
      kind: "invalid_response",
      status: 200,
    });
    expect(await rejection(client.listReviews("p2"))).toMatchObject({ kind: "invalid_response" });
  });

  it("answers network when fetch itself fails, after retrying the read", async () => {
    vi.useFakeTimers();
    const { client, calls } = clientWith(() => {
      throw new TypeError("Failed to fetch");
    });
    const result = rejection(client.listReviews("p1"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(await result).toMatchObject({ kind: "network" });
    expect(calls).toHaveLength(3);
  });

  it("answers timeout when the API does not answer within timeoutMs", async () => {
    const { client, calls } = clientWith(never, { timeoutMs: 50 });
    expect(await rejection(client.loyaltyProgram())).toMatchObject({ kind: "timeout" });
    expect(calls).toHaveLength(1);
  });

  it("answers aborted when the caller aborts an upload", async () => {
    const { client } = clientWith(never);
    const controller = new AbortController();
    const result = rejection(client.uploadMedia(new Blob(["x"]), { signal: controller.signal }));
    controller.abort();
    expect(await result).toMatchObject({ kind: "aborted" });
  });
});

describe("retries", () => {
  it("retries a read on 503 with exponential backoff, then succeeds", async () => {
    vi.useFakeTimers();
    const times: number[] = [];
    const { client, calls } = clientWith((_, index) => {
      times.push(Date.now());
      return index < 2 ? apiError(503, "unavailable") : json(page);
    });
    const result = client.listReviews("p1");
    await vi.advanceTimersByTimeAsync(2000);
    await expect(result).resolves.toEqual(page);
    expect(calls).toHaveLength(3);
    expect(times[1]! - times[0]!).toBe(300);
    expect(times[2]! - times[1]!).toBe(600);
  });

  it("waits as long as Retry-After says on 429", async () => {
    vi.useFakeTimers();
    const { client, calls } = clientWith((_, index) =>
      index === 0 ? apiError(429, "rate_limited", {}, { "retry-after": "3" }) : json(page),
    );
    const result = client.listReviews("p1");
    await vi.advanceTimersByTimeAsync(2900);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(result).resolves.toEqual(page);
    expect(calls).toHaveLength(2);
  });

  it("gives up at once with retryAfterSeconds when Retry-After is too long to wait", async () => {
    const { client, calls } = clientWith(() => apiError(429, "rate_limited", {}, { "retry-after": "120" }));
    const error = await rejection(client.listReviews("p1"));
    expect(error).toMatchObject({ kind: "http", status: 429, code: "rate_limited", retryAfterSeconds: 120 });
    expect(calls).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 413, 422])("never retries a read answered %i", async (status) => {
    const { client, calls } = clientWith(() => apiError(status, "nope"));
    expect(await rejection(client.listReviews("p1"))).toMatchObject({ status, code: "nope" });
    expect(calls).toHaveLength(1);
  });
});

describe("ETag revalidation and in-flight sharing", () => {
  it("sends If-None-Match with the last ETag and answers a 304 from the cached body", async () => {
    const body = { items: [{ id: "r1" }], nextCursor: null, total: 1 };
    const { client, calls } = clientWith(
      (request) =>
        request.headers.get("if-none-match") === '"v1"'
          ? new Response(null, { status: 304, headers: { etag: '"v1"' } })
          : json(body, { headers: { etag: '"v1"' } }),
      { manualEtags: true },
    );
    await expect(client.listReviews("p1")).resolves.toEqual(body);
    await expect(client.listReviews("p1")).resolves.toEqual(body);
    expect(calls.map((call) => call.headers.get("if-none-match"))).toEqual([null, '"v1"']);
  });

  // happy-dom's Request drops `cache`, so the no-cache read after a write is proven in Chromium (e2e).
  it("leaves ETag revalidation to the browser's HTTP cache, so no header forces a CORS preflight", async () => {
    const { client, calls } = clientWith((request) =>
      request.method === "POST" ? json({ up: 1, down: 0 }) : json(page, { headers: { etag: '"v1"' } }),
    );
    await client.listReviews("p1");
    await client.listReviews("p1");
    await client.vote("r1", "up", "voter-1");
    await client.listReviews("p1");
    expect(calls.map((call) => call.headers.get("if-none-match"))).toEqual([null, null, null, null]);
  });

  it("asks the browser cache to revalidate after a write, also on the next page load", async () => {
    const modes: (RequestCache | undefined)[] = [];
    const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
      modes.push(init?.cache);
      return init?.method === "POST" ? json({ up: 1, down: 0 }) : json(page);
    };
    const options = { apiBase: `${API}/revalidate-test`, store: "demo", fetch, manualEtags: false };
    const thisPage = createClient(options);
    await thisPage.listReviews("p1");
    await thisPage.vote("r1", "up", "voter-1");
    await thisPage.listReviews("p1");
    // A reload: a new client, the same storage (and the same HTTP cache, still holding the old list).
    await createClient(options).listReviews("p1");
    await createClient({ ...options, apiBase: `${API}/other-api` }).listReviews("p1");
    expect(modes).toEqual([undefined, undefined, "no-cache", "no-cache", undefined]);
  });

  it("keeps ETags apart per URL and per customer", async () => {
    const { client, calls } = clientWith((request) =>
      json(
        { customerId: request.headers.get("x-plaudit-customer"), balance: 1 },
        { headers: { etag: '"same"' } },
      ),
    );
    await client.loyaltyMe("alice");
    await client.loyaltyMe("bob");
    expect(calls.map((call) => call.headers.get("if-none-match"))).toEqual([null, null]);
  });

  it("shares one request between identical reads in flight", async () => {
    const { client, calls } = clientWith(() => json(page));
    const [a, b] = await Promise.all([
      client.listReviews("p1", { sort: "newest" }),
      client.listReviews("p1", { sort: "newest" }),
    ]);
    expect(a).toBe(b);
    expect(calls).toHaveLength(1);
    await client.listReviews("p1", { sort: "newest" });
    expect(calls).toHaveLength(2);
  });
});

describe("summary batching", () => {
  const answerSummaries = (request: { url: URL }) =>
    json({ items: (request.url.searchParams.get("products") ?? "").split(",").map((id) => summary(id)) });

  it("turns 24 getSummary calls in one task into one /summaries request", async () => {
    const { client, calls } = clientWith(answerSummaries);
    const ids = Array.from({ length: 24 }, (_, i) => `sku-${i}`);
    const results = await Promise.all([...ids, "sku-3"].map((id) => client.getSummary(id)));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url.pathname).toBe("/v1/stores/demo/summaries");
    expect(calls[0]!.url.searchParams.get("products")).toBe(ids.join(","));
    expect(results.map((result) => result.productId)).toEqual([...ids, "sku-3"]);
  });

  it("catches calls made after awaits within the same task", async () => {
    const { client, calls } = clientWith(answerSummaries);
    const late = async () => {
      await Promise.resolve();
      await Promise.resolve();
      return client.getSummary("late");
    };
    await Promise.all([client.getSummary("early"), late()]);
    expect(calls).toHaveLength(1);
  });

  it("splits more than 100 products into chunks of at most 100", async () => {
    const { client, calls } = clientWith(answerSummaries);
    const ids = Array.from({ length: 250 }, (_, i) => `p${i}`);
    await Promise.all(ids.map((id) => client.getSummary(id)));
    expect(calls.map((call) => call.url.searchParams.get("products")!.split(",").length)).toEqual([
      100, 100, 50,
    ]);
  });

  it("rejects every caller of a failed batch with the typed error", async () => {
    const { client } = clientWith(() => apiError(404, "store_not_found"));
    const results = await Promise.allSettled(["a", "b", "c"].map((id) => client.getSummary(id)));
    for (const result of results) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toMatchObject({
        kind: "http",
        code: "store_not_found",
      });
    }
  });

  it("rejects only the caller whose product is missing from the answer", async () => {
    const { client } = clientWith(() => json({ items: [summary("a")] }));
    const [a, b] = await Promise.allSettled([client.getSummary("a"), client.getSummary("b")]);
    expect(a.status).toBe("fulfilled");
    expect((b as PromiseRejectedResult).reason).toMatchObject({ kind: "invalid_response" });
  });

  it("fetches a product id holding a comma through the single-product route", async () => {
    const { client, calls } = clientWith((request) =>
      request.url.pathname.endsWith("/summary") ? json(summary("a,b")) : answerSummaries(request),
    );
    await Promise.all([client.getSummary("a,b"), client.getSummary("c")]);
    expect(calls.map((call) => call.url.pathname).sort()).toEqual([
      "/v1/stores/demo/products/a%2Cb/summary",
      "/v1/stores/demo/summaries",
    ]);
  });

  it("getSummaries answers in the order asked, duplicates included", async () => {
    const { client, calls } = clientWith(answerSummaries);
    const result = await client.getSummaries(["b", "a", "b"]);
    expect(result.map((s) => s.productId)).toEqual(["b", "a", "b"]);
    expect(calls[0]!.url.searchParams.get("products")).toBe("b,a");
  });
});
