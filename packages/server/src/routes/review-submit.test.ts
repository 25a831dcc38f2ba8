import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { signCustomerToken } from "../customer-token.ts";

describe.each(databasesUnderTest())("submitting reviews on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let secretKey: string;
  let signingSecret: string;
  const time = testClock();
  const reviewsUrl = (product: string, store = storeId) =>
    `${server.url}/v1/stores/${store}/products/${encodeURIComponent(product)}/reviews`;
  const summary = (product: string) =>
    getJson(`${server.url}/v1/stores/${storeId}/products/${product}/summary`).then((r) => r.json);

  beforeAll(async () => {
    server = await startTestServer({ db: kind, clock: time.clock });
    ({ storeId, secretKey, signingSecret } = await makeStore(server.db));
  });
  afterAll(() => server.close());

  it("publishes a valid review and counts it in the summary", async () => {
    const res = await postJson(reviewsUrl("basic"), reviewBody({ rating: 4 }));
    expect(res.status).toBe(201);
    expect(res.json.status).toBe("published");
    expect(res.json.review).toMatchObject({
      productId: "basic",
      rating: 4,
      title: "Great",
      author: { name: "Alex" },
      verified: false,
      helpful: { up: 0, down: 0 },
      reply: null,
      media: [],
    });
    expect(JSON.stringify(res.json)).not.toContain("alex.private@example.com");
    expect(await summary("basic")).toEqual({
      productId: "basic",
      count: 1,
      average: 4,
      histogram: [0, 0, 0, 1, 0],
      mediaCount: 0,
    });
  });

  it("keeps the count and histogram exact under 200 parallel submissions", async () => {
    const ratings = Array.from({ length: 200 }, (_, i) => (i % 5) + 1);
    const results = await Promise.all(
      ratings.map((rating) => postJson(reviewsUrl("rush"), reviewBody({ rating }))),
    );
    expect(results.map((r) => r.status)).toEqual(ratings.map(() => 201));
    expect(await summary("rush")).toEqual({
      productId: "rush",
      count: 200,
      average: 3,
      histogram: [40, 40, 40, 40, 40],
      mediaCount: 0,
    });
    const list = await getJson(`${reviewsUrl("rush")}?limit=50&rating=1`);
    expect(list.json.total).toBe(40);
  });

  it("stores a review sent again with its Idempotency-Key once (a retry after a lost answer), in parallel too", async () => {
    const body = reviewBody({ rating: 3, body: "Sent once, answered twice." });
    const key = { "idempotency-key": "review-retry-1" };
    const first = await postJson(reviewsUrl("retry"), body, key);
    expect(first.status).toBe(201);
    const again = await postJson(reviewsUrl("retry"), body, key);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    // Six at once with a fresh key: one review.
    const burst = await Promise.all(
      Array.from({ length: 6 }, () =>
        postJson(reviewsUrl("retry"), reviewBody({ rating: 5 }), { "idempotency-key": "review-retry-2" }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(burst.map((r) => r.json.review.id)).size).toBe(1);
    expect(await summary("retry")).toMatchObject({ count: 2, histogram: [0, 0, 1, 0, 1] });
    // The same key with another review is a conflict, and stores nothing.
    const other = await postJson(reviewsUrl("retry"), reviewBody({ rating: 1 }), key);
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("idempotency_conflict");
    // Without a key, the same review twice is two submissions, as before.
    await postJson(reviewsUrl("retry"), body);
    expect((await summary("retry")).count).toBe(3);
    const tooLong = await postJson(reviewsUrl("retry"), body, { "idempotency-key": "k".repeat(256) });
    expect(tooLong.status).toBe(400);
  });

  it("answers invalid fields with 422 and a message per field", async () => {
    const res = await postJson(reviewsUrl("invalid"), {
      rating: 6,
      title: "t".repeat(151),
      body: "",
      author: { name: "", email: "not-an-email" },
      mediaIds: Array.from({ length: 11 }, (_, i) => `m-${i}`),
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("validation_failed");
    expect(res.json.error.fields).toEqual({
      rating: expect.any(String),
      title: expect.any(String),
      body: expect.any(String),
      "author.name": expect.any(String),
      "author.email": expect.any(String),
      mediaIds: expect.any(String),
    });
    expect(res.json.error.message).toMatch(/^rating /);
  });

  it.each([
    ["a string rating", { rating: "5" }],
    ["a fractional rating", { rating: 4.5 }],
    ["a number as body", { body: 42 }],
    ["a missing author", { author: undefined }],
    ["author as a string", { author: "Alex" }],
    ["a body over 5000 characters", { body: "x".repeat(5001) }],
    ["mediaIds as a string", { mediaIds: "m-1" }],
  ])("refuses %s with 422", async (_name, override) => {
    const res = await postJson(reviewsUrl("types"), reviewBody(override));
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("validation_failed");
    expect(Object.keys(res.json.error.fields).length).toBeGreaterThan(0);
  });

  it.each([["[1,2]"], ["null"], ['"text"'], ["42"]])(
    "refuses the JSON value %s as a body with 422",
    async (raw) => {
      const res = await postJson(reviewsUrl("types"), raw);
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe("validation_failed");
    },
  );

  it("refuses malformed JSON with 400 malformed_json", async () => {
    const res = await postJson(reviewsUrl("bad"), '{"rating": 5,');
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("malformed_json");
  });

  it("refuses a non-JSON content type with 400 bad_request", async () => {
    const res = await fetch(reviewsUrl("bad"), {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify(reviewBody()),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_request");
  });

  it("refuses a body over 64 KB with 413, by Content-Length and by streamed size", async () => {
    const huge = JSON.stringify(reviewBody({ body: "x".repeat(70 * 1024) }));
    const declared = await postJson(reviewsUrl("big"), huge);
    expect(declared.status).toBe(413);
    expect(declared.json.error.code).toBe("payload_too_large");

    // A chunked body declares no length: the limit must hold on the bytes read.
    const chunk = new TextEncoder().encode("x".repeat(8 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"rating":5,"body":"'));
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await fetch(reviewsUrl("big"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).error.code).toBe("payload_too_large");
    expect((await summary("big")).count).toBe(0);
  });

  it("answers an unknown store with 404 store_not_found on reads and writes", async () => {
    for (const res of [
      await postJson(reviewsUrl("p", "no-such-store"), reviewBody()),
      await getJson(reviewsUrl("p", "no-such-store")),
      await getJson(`${server.url}/v1/stores/no-such-store/summaries?products=a`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("store_not_found");
    }
  });

  it("refuses a product id over 200 characters", async () => {
    const res = await postJson(reviewsUrl("p".repeat(201)), reviewBody());
    expect(res.status).toBe(422);
    expect(res.json.error.fields.product).toBeTruthy();
  });

  it("answers a filled honeypot with a plausible 201 and stores nothing", async () => {
    const res = await postJson(reviewsUrl("honeypot"), reviewBody({ website: "http://spam.example" }));
    expect(res.status).toBe(201);
    expect(res.json.review.id).toEqual(expect.any(String));
    expect(res.json.status).toBe("published");
    expect((await summary("honeypot")).count).toBe(0);
    expect((await getJson(reviewsUrl("honeypot"))).json.items).toEqual([]);
  });

  it("marks a review verified only when the token's customer ordered this product", async () => {
    const order = await postJson(
      `${server.url}/v1/admin/orders`,
      {
        orderId: "o-verified",
        customerId: "cust.42",
        total: 20,
        currency: "EUR",
        items: [{ productId: "mug", quantity: 1, price: 20 }],
      },
      { authorization: `Bearer ${secretKey}` },
    );
    expect(order.status).toBe(201);
    const token = signCustomerToken(signingSecret, "cust.42", time.clock());
    const bought = await postJson(reviewsUrl("mug"), reviewBody({ customerToken: token }));
    expect(bought.json.review.verified).toBe(true);
    const notBought = await postJson(reviewsUrl("plate"), reviewBody({ customerToken: token }));
    expect(notBought.json.review.verified).toBe(false);
    const otherCustomer = signCustomerToken(signingSecret, "cust.43", time.clock());
    expect(
      (await postJson(reviewsUrl("mug"), reviewBody({ customerToken: otherCustomer }))).json.review.verified,
    ).toBe(false);
    expect((await getJson(`${reviewsUrl("mug")}?verified=1`)).json.total).toBe(1);
  });

  it("refuses a forged token with 401 invalid_customer_token and an old one with 401 expired_customer_token", async () => {
    const forged = signCustomerToken("not-the-secret", "cust.42", time.clock());
    const forgedRes = await postJson(reviewsUrl("mug"), reviewBody({ customerToken: forged }));
    expect(forgedRes.status).toBe(401);
    expect(forgedRes.json.error.code).toBe("invalid_customer_token");
    const old = signCustomerToken(signingSecret, "cust.42", new Date(time.clock().getTime() - 2 * 3600_000));
    const oldRes = await postJson(reviewsUrl("mug"), reviewBody({ customerToken: old }));
    expect(oldRes.status).toBe(401);
    expect(oldRes.json.error.code).toBe("expired_customer_token");
  });

  it("holds every review as pending in a hold store, whatever its rating", async () => {
    const { storeId: held } = await makeStore(server.db, { moderation: "hold" });
    for (const rating of [1, 5]) {
      const res = await postJson(reviewsUrl("p", held), reviewBody({ rating }));
      expect(res.status).toBe(201);
      expect(res.json.status).toBe("pending");
    }
    const s = await getJson(`${server.url}/v1/stores/${held}/products/p/summary`);
    expect(s.json.count).toBe(0);
  });

  it("refuses unknown media ids when no media module knows them", async () => {
    const res = await postJson(reviewsUrl("media"), reviewBody({ mediaIds: ["nope"] }));
    expect(res.status).toBe(422);
    expect(res.json.error.fields.mediaIds).toBeTruthy();
    expect((await summary("media")).count).toBe(0);
  });
});
