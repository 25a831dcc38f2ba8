import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, postJson, reviewBody, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON the assertions check
type Json = any;

describe.each(databasesUnderTest())("admin app routes on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let auth: Record<string, string>;
  const time = testClock(new Date("2026-03-04T12:00:00.000Z")); // a Wednesday

  const get = (path: string) =>
    fetch(`${server.url}${path}`, { headers: auth }).then(async (r) => ({
      status: r.status,
      etag: r.headers.get("etag"),
      json: (await r.json()) as Json,
    }));
  const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/v1/admin/reviews/${id}`, {
      method: "PATCH",
      headers: { ...auth, "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, etag: r.headers.get("etag"), json: (await r.json()) as Json }));

  async function review(
    product: string,
    rating: number,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const res = await postJson(
      `${server.url}/v1/stores/${storeId}/products/${product}/reviews`,
      reviewBody({ rating, ...extra }),
    );
    time.advance(1000); // newest first needs distinct times
    expect(res.status).toBe(201);
    return res.json.review.id;
  }

  beforeAll(async () => {
    server = await startTestServer({ db: kind, clock: time.clock });
    const store = await makeStore(server.db, { moderation: "hold" });
    storeId = store.storeId;
    auth = { authorization: `Bearer ${store.secretKey}` };
  });
  afterAll(() => server.close());

  describe("the moderation queue", () => {
    let ids: { lamp: string; chair: string; desk: string };
    beforeAll(async () => {
      ids = {
        lamp: await review("lamp", 1, { title: "Flickers", body: "The lamp flickers at night." }),
        chair: await review("chair", 5, { title: "Comfy", body: "A comfortable chair." }),
        desk: await review("desk", 3, { title: "Fine desk", body: "Wobbly legs but fine." }),
      };
      await server.db.kysely
        .updateTable("reviews")
        .set({ verified: 1 })
        .where("id", "=", ids.chair)
        .execute();
      await server.db.kysely
        .updateTable("reviews")
        .set({ has_media: 1, media_count: 1 })
        .where("id", "=", ids.desk)
        .execute();
    });

    it.each([
      ["rating=1", ["lamp"]],
      ["rating=3,5", ["desk", "chair"]],
      ["verified=1", ["chair"]],
      ["media=1", ["desk"]],
      ["q=FLICKER", ["lamp"]],
      ["q=wobbly&rating=3", ["desk"]],
      ["q=wobbly&rating=5", []],
      ["status=published", []],
    ])("filters the queue by %s", async (query, products) => {
      const res = await get(
        `/v1/admin/reviews?status=pending&${query}`.replace("status=pending&status", "status"),
      );
      expect(res.status).toBe(200);
      expect(res.json.items.map((r: Json) => r.productId)).toEqual(products);
    });

    it("says what is wrong with each bad filter", async () => {
      const res = await get(`/v1/admin/reviews?rating=6&media=maybe&status=lost&q=${"x".repeat(201)}`);
      expect(res.status).toBe(422);
      expect(Object.keys(res.json.error.fields).sort()).toEqual(["media", "q", "rating", "status"]);
    });

    it("refuses a stale If-Match with 409 conflict and takes the fresh version", async () => {
      const listed = await get("/v1/admin/reviews?rating=1");
      const seen = listed.json.items[0];
      expect(seen.etag).toMatch(/^".+"$/);
      const one = await get(`/v1/admin/reviews/${ids.lamp}`);
      expect(one.etag).toBe(seen.etag);
      // The other moderator replies first.
      const first = await patch(
        ids.lamp,
        { reply: "Sorry, we will send a new one." },
        { "if-match": seen.etag },
      );
      expect(first.status).toBe(200);
      expect(first.etag).not.toBe(seen.etag);
      expect(first.json.etag).toBe(first.etag);
      const second = await patch(ids.lamp, { status: "rejected" }, { "if-match": seen.etag });
      expect(second.status).toBe(409);
      expect(second.json.error.code).toBe("conflict");
      const row = await server.db.kysely
        .selectFrom("reviews")
        .select("status")
        .where("id", "=", ids.lamp)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("pending");
      const fresh = await get(`/v1/admin/reviews/${ids.lamp}`);
      expect(fresh.json.reply.body).toBe("Sorry, we will send a new one.");
      const retried = await patch(ids.lamp, { status: "rejected" }, { "if-match": fresh.etag ?? "" });
      expect(retried.status).toBe(200);
      expect(retried.json.status).toBe("rejected");
      // Without If-Match the write is unconditional, as before.
      expect((await patch(ids.lamp, { status: "pending" })).status).toBe(200);
    });

    it("answers 404 for a review of another store", async () => {
      expect((await get("/v1/admin/reviews/nope")).status).toBe(404);
    });
  });

  describe("the overview", () => {
    let other: { storeId: string; secretKey: string };
    beforeAll(async () => {
      other = await makeStore(server.db, { moderation: "publish" });
      // Reviews at known times across three weeks.
      const rows: [string, number, number, number, string][] = [
        // day, rating, media, verified, status
        ["2026-02-16", 5, 1, 1, "published"],
        ["2026-02-17", 4, 0, 1, "published"],
        ["2026-02-23", 2, 0, 0, "pending"],
        ["2026-02-25", 1, 1, 0, "rejected"],
        ["2026-03-02", 5, 0, 0, "published"],
        ["2026-03-03", 3, 1, 1, "published"],
        ["2026-01-05", 5, 0, 0, "published"], // before the range
      ];
      let n = 0;
      for (const [day, rating, media, verified, status] of rows) {
        n += 1;
        await server.db.kysely
          .insertInto("reviews")
          .values({
            id: `ov-${n}`,
            store_id: other.storeId,
            product_id: n % 2 === 0 ? "mug" : "tee",
            rating,
            title: "t",
            body: "b",
            search_text: "t b",
            author_name: "A",
            author_email: "a@example.com",
            customer_id: null,
            verified,
            status: status as "published",
            created_at: `${day}T10:00:00.000Z`,
            reply_body: null,
            reply_at: null,
            has_media: media,
            media_count: media,
          })
          .execute();
      }
    });

    it("counts reviews received and not rejected, by week, rating, media, verified and product", async () => {
      const res = await fetch(`${server.url}/v1/admin/overview?from=2026-02-16&to=2026-03-04`, {
        headers: { authorization: `Bearer ${other.secretKey}` },
      }).then((r) => r.json() as Promise<Json>);
      expect(res.reviews).toBe(5);
      expect(res.average).toBe(3.8);
      expect(res.ratingDistribution).toEqual([0, 1, 1, 1, 2]);
      expect(res.withMedia).toBe(2);
      expect(res.verified).toBe(3);
      expect(res.byStatus).toEqual({ published: 4, pending: 1, rejected: 1 });
      expect(res.weeks).toEqual([
        { week: "2026-02-16", reviews: 2, average: 4.5 },
        { week: "2026-02-23", reviews: 1, average: 2 },
        { week: "2026-03-02", reviews: 2, average: 4 },
      ]);
      // tee: ov-1 (5), ov-3 (2), ov-5 (5) → 4; mug: ov-2 (4), ov-6 (3) → 3.5 (ov-4 rejected).
      expect(res.topProducts.map((p: Json) => [p.productId, p.count, p.average])).toEqual([
        ["tee", 3, 4],
        ["mug", 2, 3.5],
      ]);
      expect(res.bottomProducts[0].productId).toBe("mug");
      expect(res.requests).toBeNull();
    });

    it("defaults to the last twelve weeks and refuses bad ranges", async () => {
      const res = await fetch(`${server.url}/v1/admin/overview`, {
        headers: { authorization: `Bearer ${other.secretKey}` },
      }).then((r) => r.json() as Promise<Json>);
      expect(res.range).toEqual({ from: "2025-12-11", to: "2026-03-04" });
      expect(res.reviews).toBe(6);
      const bad = await fetch(`${server.url}/v1/admin/overview?from=2026-02-30&to=2026-01-01`, {
        headers: { authorization: `Bearer ${other.secretKey}` },
      });
      expect(bad.status).toBe(422);
      const backwards = await fetch(`${server.url}/v1/admin/overview?from=2026-03-01&to=2026-02-01`, {
        headers: { authorization: `Bearer ${other.secretKey}` },
      }).then((r) => r.json() as Promise<Json>);
      expect(backwards.error.fields.from).toMatch(/after/);
      // Not days at all: 422 naming the field (the calendar check threw on them: a 500).
      for (const query of ["to=2026-1-1", "from=x", "to=%E0%A4%A", "from=tomorrow&to=2026-13-40"]) {
        const notDay = await fetch(`${server.url}/v1/admin/overview?${query}`, {
          headers: { authorization: `Bearer ${other.secretKey}` },
        });
        expect([query, notDay.status]).toEqual([query, 422]);
      }
    });
  });

  describe("customer support", () => {
    beforeAll(async () => {
      const order = {
        orderId: "o-support",
        customerId: "cust-42",
        email: "Jo@Example.com",
        total: 10,
        currency: "eur",
        items: [{ productId: "tee", quantity: 1, price: 10 }],
      };
      expect((await postJson(`${server.url}/v1/admin/orders`, order, auth)).status).toBe(201);
      const adjusted = await postJson(
        `${server.url}/v1/admin/loyalty/adjustments`,
        { customerId: "cust-42", delta: 25, reason: "Parcel was late" },
        { ...auth, "idempotency-key": "support-1" },
      );
      expect(adjusted.status).toBe(201);
    });

    it("finds a customer by an address they used, in any case, and by id", async () => {
      const byEmail = await get(`/v1/admin/customers?q=${encodeURIComponent("jo@EXAMPLE.com")}`);
      expect(byEmail.json.items).toEqual([
        { customerId: "cust-42", emails: ["jo@example.com"], balance: 25 },
      ]);
      const byId = await get("/v1/admin/customers?q=cust-4");
      expect(byId.json.items.map((c: Json) => c.customerId)).toEqual(["cust-42"]);
      expect((await get("/v1/admin/customers?q=nobody@example.com")).json.items).toEqual([]);
      expect((await get("/v1/admin/customers?q=%25")).json.items).toEqual([]);
      expect((await get("/v1/admin/customers?q=")).status).toBe(422);
    });

    it("shows balance, ledger and redemptions of one customer", async () => {
      const res = await get("/v1/admin/customers/cust-42");
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ customerId: "cust-42", emails: ["jo@example.com"], orders: 1 });
      expect(res.json.ledger.map((e: Json) => [e.delta, e.reason])).toContainEqual([25, "Parcel was late"]);
      expect(res.json.redemptions).toEqual([]);
      expect((await get("/v1/admin/customers/nobody")).status).toBe(404);
    });
  });
});
