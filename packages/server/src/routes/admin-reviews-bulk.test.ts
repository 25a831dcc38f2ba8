import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { signedInUser } from "../../testing/test-session.ts";

// Bulk moderation is all or none: one missing or changed review refuses the whole batch, nothing
// is written, and the answer names the refused items; a batch that passes leaves one audit row per
// review, like the single PATCH.

// biome-ignore lint/suspicious/noExplicitAny: answers are arbitrary JSON the assertions read
type Json = any;

describe.each(databasesUnderTest())("bulk moderation on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let auth: Record<string, string>;
  let product = 0;

  const bulk = (body: unknown, headers = auth) =>
    fetch(`${server.url}/v1/admin/reviews/bulk`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as Json }));

  /** `n` held reviews of a product of their own: their ids and etags as the queue read them. */
  async function held(n: number): Promise<{ productId: string; reviews: { id: string; etag: string }[] }> {
    const productId = `bulk-${++product}`;
    for (let i = 0; i < n; i++) {
      const res = await postJson(
        `${server.url}/v1/stores/${storeId}/products/${productId}/reviews`,
        reviewBody({ title: `Review ${i}`, body: `Review number ${i} of ${productId}, honest words.` }),
      );
      expect(res.status).toBe(201);
    }
    const list = await getJson(`${server.url}/v1/admin/reviews?status=pending&product=${productId}`, auth);
    expect(list.json.items).toHaveLength(n);
    return { productId, reviews: list.json.items.map((r: Json) => ({ id: r.id, etag: r.etag })) };
  }

  const statuses = async (ids: string[]) => {
    const rows = await server.db.kysely
      .selectFrom("reviews")
      .select(["id", "status", "reply_body"])
      .where("id", "in", ids)
      .execute();
    return ids.map((id) => rows.find((r) => r.id === id)?.status);
  };
  const auditRows = (ids: string[]) =>
    server.db.kysely
      .selectFrom("audit_log")
      .select(["action", "target"])
      .where("store_id", "=", storeId)
      .where("target", "in", ids)
      .execute();
  const summaryCount = async (productId: string) =>
    (await getJson(`${server.url}/v1/stores/${storeId}/products/${productId}/summary`)).json.count;

  beforeAll(async () => {
    server = await startTestServer({ db: kind, readCacheMs: 0 });
    let secretKey: string;
    ({ storeId, secretKey } = await makeStore(server.db, { moderation: "hold" }));
    auth = { authorization: `Bearer ${secretKey}` };
  });
  afterAll(() => server.close());

  it("publishes every review named, into the summary, with one audit row each", async () => {
    const { productId, reviews } = await held(3);
    const res = await bulk({ items: reviews, status: "published" });
    expect(res.status).toBe(200);
    expect(res.json.items.map((r: Json) => r.status)).toEqual(["published", "published", "published"]);
    expect(res.json.items.map((r: Json) => r.id)).toEqual(reviews.map((r) => r.id));
    // Fresh versions, to send with the next change.
    expect(res.json.items[0].etag).not.toBe(reviews[0]?.etag);
    expect(await statuses(reviews.map((r) => r.id))).toEqual(["published", "published", "published"]);
    expect(await summaryCount(productId)).toBe(3);
    const audit = await auditRows(reviews.map((r) => r.id));
    expect(audit.map((a) => a.action)).toEqual(["review.moderate", "review.moderate", "review.moderate"]);
    expect(new Set(audit.map((a) => a.target))).toEqual(new Set(reviews.map((r) => r.id)));
  });

  it("refuses the whole batch when one review changed since it was read, and names it", async () => {
    const { productId, reviews } = await held(3);
    const last = reviews[2] as { id: string; etag: string };
    // Another moderator replies to the last one after this batch was read.
    const other = await fetch(`${server.url}/v1/admin/reviews/${last.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ reply: "Thanks!" }),
    });
    expect(other.status).toBe(200);
    const auditBefore = (await auditRows(reviews.map((r) => r.id))).length;
    const res = await bulk({ items: reviews, status: "published" });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("conflict");
    expect(res.json.error.message).toMatch(/1 of 3.*nothing was changed/);
    expect(Object.keys(res.json.error.fields)).toEqual(["items.2"]);
    expect(res.json.error.fields["items.2"]).toContain(last.id);
    // Nothing written: the first two, checked and valid, are still pending; no audit rows.
    expect(await statuses(reviews.map((r) => r.id))).toEqual(["pending", "pending", "pending"]);
    expect(await summaryCount(productId)).toBe(0);
    expect(await auditRows(reviews.map((r) => r.id))).toHaveLength(auditBefore);
    // Read again (the fresh etag), the batch goes through.
    const fresh = (await getJson(`${server.url}/v1/admin/reviews/${last.id}`, auth)).json;
    const retry = await bulk({
      items: [...reviews.slice(0, 2), { id: last.id, etag: fresh.etag }],
      status: "published",
    });
    expect(retry.status).toBe(200);
    expect(await summaryCount(productId)).toBe(3);
  });

  it("refuses the whole batch when a review does not exist (or is another store's)", async () => {
    const { reviews } = await held(2);
    const elsewhere = await makeStore(server.db, { moderation: "hold" });
    const theirs = await postJson(
      `${server.url}/v1/stores/${elsewhere.storeId}/products/p/reviews`,
      reviewBody({ body: "Another store's review, with words of its own." }),
    );
    const res = await bulk({
      items: [...reviews, { id: "no-such-review" }, { id: theirs.json.review.id }],
      status: "rejected",
    });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("review_not_found");
    expect(Object.keys(res.json.error.fields).sort()).toEqual(["items.2", "items.3"]);
    expect(await statuses(reviews.map((r) => r.id))).toEqual(["pending", "pending"]);
  });

  it("replies to many reviews at once, and refuses bad batches field by field", async () => {
    const { reviews } = await held(2);
    const res = await bulk({ items: reviews, reply: "Thank you for your review!" });
    expect(res.status).toBe(200);
    expect(res.json.items.map((r: Json) => r.reply?.body)).toEqual([
      "Thank you for your review!",
      "Thank you for your review!",
    ]);
    expect((await auditRows(reviews.map((r) => r.id))).map((a) => a.action)).toEqual([
      "review.reply",
      "review.reply",
    ]);
    const ids = reviews.map((r) => ({ id: r.id }));
    const cases: [unknown, string][] = [
      [{ items: ids, reply: "" }, "reply"],
      [{ items: ids, reply: "x".repeat(5001) }, "reply"],
      [{ items: [], status: "published" }, "items"],
      [{ items: ids }, "status"],
      [{ items: ids, status: "spam" }, "status"],
      [{ items: [ids[0], ids[0]], status: "published" }, "items.1"],
      [{ items: Array.from({ length: 101 }, (_, i) => ({ id: `r${i}` })), status: "published" }, "items"],
      [{ items: [{ id: "" }], status: "published" }, "items.0.id"],
      [{ items: "all", status: "published" }, "items"],
    ];
    for (const [body, field] of cases) {
      const bad = await bulk(body);
      expect(bad.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(Object.keys(bad.json.error.fields)).toContain(field);
    }
    // A 10 MB paste is refused by size, never half-saved.
    const huge = await bulk({ items: ids, reply: "x".repeat(10 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const after = await server.db.kysely
      .selectFrom("reviews")
      .select("reply_body")
      .where(
        "id",
        "in",
        reviews.map((r) => r.id),
      )
      .execute();
    expect(after.map((r) => r.reply_body)).toEqual([
      "Thank you for your review!",
      "Thank you for your review!",
    ]);
  });

  it("works with a moderator's session and CSRF token; support is 403", async () => {
    const { reviews } = await held(2);
    const moderator = await signedInUser(server.url, server.db, storeId, "moderator");
    const withSession = (session: { cookie: string; csrf: string }, csrf = session.csrf) => ({
      cookie: session.cookie,
      "x-csrf-token": csrf,
    });
    const noCsrf = await bulk({ items: reviews, status: "rejected" }, withSession(moderator, "wrong"));
    expect(noCsrf.status).toBe(403);
    const support = await signedInUser(server.url, server.db, storeId, "support");
    const denied = await bulk({ items: reviews, status: "rejected" }, withSession(support));
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("insufficient_scope");
    expect(await statuses(reviews.map((r) => r.id))).toEqual(["pending", "pending"]);
    const ok = await bulk({ items: reviews, status: "rejected" }, withSession(moderator));
    expect(ok.status).toBe(200);
    expect(await statuses(reviews.map((r) => r.id))).toEqual(["rejected", "rejected"]);
  });
});
