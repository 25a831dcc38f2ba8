import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";

describe.each(databasesUnderTest())("admin API on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let secretKey: string;
  let auth: Record<string, string>;

  const order = (orderId: string, productId = "tee") => ({
    orderId,
    customerId: "c-1",
    email: "buyer@example.com",
    total: 25.5,
    currency: "eur",
    items: [{ productId, quantity: 1, price: 25.5 }],
  });
  const patch = (id: string, body: unknown, headers = auth) =>
    fetch(`${server.url}/v1/admin/reviews/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, json: await r.json() }));
  const summary = (product: string) =>
    getJson(`${server.url}/v1/stores/${storeId}/products/${product}/summary`).then((r) => r.json);

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ storeId, secretKey } = await makeStore(server.db, { moderation: "hold" }));
    auth = { authorization: `Bearer ${secretKey}` };
  });
  afterAll(() => server.close());

  it.each([
    ["no Authorization header", {}],
    ["a wrong key", { authorization: "Bearer sk_wrong" }],
    ["a Basic scheme", { authorization: "Basic abc" }],
    ["an empty bearer", { authorization: "Bearer " }],
  ])("answers %s with 401 on every admin route", async (_name, headers: Record<string, string>) => {
    const responses = [
      await postJson(`${server.url}/v1/admin/orders`, order("o-401"), headers),
      await getJson(`${server.url}/v1/admin/reviews`, headers),
      await patch("any", { status: "published" }, headers),
    ];
    for (const res of responses) {
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("unauthorized");
    }
  });

  it("does not let one store's key reach another store's reviews", async () => {
    const other = await makeStore(server.db);
    const res = await postJson(`${server.url}/v1/stores/${other.storeId}/products/p/reviews`, reviewBody());
    const attempt = await patch(res.json.review.id, { status: "rejected" });
    expect(attempt.status).toBe(404);
    expect(attempt.json.error.code).toBe("review_not_found");
  });

  it("records an order once, however often it is sent", async () => {
    const first = await postJson(`${server.url}/v1/admin/orders`, order("o-1"), auth);
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ orderId: "o-1", created: true });
    const again = await postJson(`${server.url}/v1/admin/orders`, order("o-1"), auth);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ orderId: "o-1", created: false });
    const rows = await server.db.kysely
      .selectFrom("order_items")
      .selectAll()
      .where("order_id", "=", "o-1")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("validates orders field by field", async () => {
    const res = await postJson(`${server.url}/v1/admin/orders`, { orderId: "", total: -1, items: [] }, auth);
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.error.fields).sort()).toEqual([
      "currency",
      "customerId",
      "items",
      "orderId",
      "total",
    ]);
  });

  it("refuses an order total or price too large to turn into exact points (422, not 500)", async () => {
    const huge = { ...order("o-huge"), total: 3.28e210 };
    const res = await postJson(`${server.url}/v1/admin/orders`, huge, auth);
    expect(res.status).toBe(422);
    expect(res.json.error.fields.total).toMatch(/at most/);
    const item = { productId: "tee", quantity: 2_000_000, price: 1e12 };
    const items = await postJson(
      `${server.url}/v1/admin/orders`,
      { ...order("o-huge-2"), items: [item] },
      auth,
    );
    expect(items.status).toBe(422);
  });

  it("lists held reviews with emails, publishes them into the summary, and rejects them out again", async () => {
    const ids: string[] = [];
    for (const rating of [5, 2]) {
      const res = await postJson(
        `${server.url}/v1/stores/${storeId}/products/moderated/reviews`,
        reviewBody({ rating }),
      );
      expect(res.json.status).toBe("pending");
      ids.push(res.json.review.id);
    }
    const pending = await getJson(`${server.url}/v1/admin/reviews?status=pending&product=moderated`, auth);
    expect(pending.status).toBe(200);
    expect(pending.json.items.map((r: { id: string }) => r.id)).toEqual([...ids].reverse());
    expect(pending.json.items[0]).toMatchObject({
      status: "pending",
      author: { email: "alex.private@example.com" },
    });
    expect(await summary("moderated")).toMatchObject({ count: 0 });

    const published = await patch(ids[0] as string, { status: "published" });
    expect(published.status).toBe(200);
    expect(published.json.status).toBe("published");
    await patch(ids[1] as string, { status: "published" });
    expect(await summary("moderated")).toEqual({
      productId: "moderated",
      count: 2,
      average: 3.5,
      histogram: [0, 1, 0, 0, 1],
      mediaCount: 0,
    });
    // Publishing twice changes nothing; rejecting takes it out again.
    await patch(ids[0] as string, { status: "published" });
    await patch(ids[0] as string, { status: "rejected" });
    expect(await summary("moderated")).toMatchObject({ count: 1, histogram: [0, 1, 0, 0, 0] });
    const list = await getJson(`${server.url}/v1/stores/${storeId}/products/moderated/reviews`);
    expect(list.json.items.map((r: { id: string }) => r.id)).toEqual([ids[1]]);
  });

  it("sets and removes a merchant reply", async () => {
    const res = await postJson(`${server.url}/v1/stores/${storeId}/products/reply/reviews`, reviewBody());
    const id = res.json.review.id as string;
    const replied = await patch(id, { status: "published", reply: "Thank you!" });
    expect(replied.json.reply).toEqual({ body: "Thank you!", createdAt: expect.any(String) });
    const list = await getJson(`${server.url}/v1/stores/${storeId}/products/reply/reviews`);
    expect(list.json.items[0].reply.body).toBe("Thank you!");
    expect((await patch(id, { reply: null })).json.reply).toBeNull();
  });

  it("refuses bad patches and unknown reviews", async () => {
    expect((await patch("nope", { status: "published" })).status).toBe(404);
    const empty = await patch("nope", {});
    expect(empty.status).toBe(422);
    const bad = await patch("nope", { status: "deleted" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields.status).toBeTruthy();
  });

  it("pages the admin list by cursor", async () => {
    for (let i = 0; i < 5; i++)
      await postJson(`${server.url}/v1/stores/${storeId}/products/admin-paging/reviews`, reviewBody());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await getJson(
        `${server.url}/v1/admin/reviews?product=admin-paging&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        auth,
      );
      seen.push(...res.json.items.map((r: { id: string }) => r.id));
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
  });

  it("says on the first page how many reviews match in all, by status and filters — and counts nothing again for the next pages", async () => {
    const product = "admin-total";
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await postJson(
        `${server.url}/v1/stores/${storeId}/products/${product}/reviews`,
        reviewBody({ rating: i < 2 ? 1 : 5 }),
      );
      ids.push(res.json.review.id);
    }
    // The store holds reviews: all five wait; one is published, one rejected.
    expect((await patch(ids[0] as string, { status: "published" })).status).toBe(200);
    expect((await patch(ids[4] as string, { status: "rejected" })).status).toBe(200);
    const totals = async (query: string) => {
      const seen: (number | "none")[] = [];
      let cursor: string | null = null;
      do {
        const res = await getJson(
          `${server.url}/v1/admin/reviews?product=${product}&limit=1&${query}${cursor ? `&cursor=${cursor}` : ""}`,
          auth,
        );
        expect(res.status).toBe(200);
        seen.push("total" in res.json ? res.json.total : "none");
        cursor = res.json.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await totals("status=pending")).toEqual([3, "none", "none"]);
    expect(await totals("")).toEqual([5, "none", "none", "none", "none"]);
    expect(await totals("status=pending&rating=1")).toEqual([1]);
    const none = await getJson(`${server.url}/v1/admin/reviews?product=${product}-none`, auth);
    expect(none.json).toEqual({ items: [], nextCursor: null, total: 0 });
  });
});
