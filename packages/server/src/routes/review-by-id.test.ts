import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { filePart, upload } from "../../testing/upload-client.ts";
import { findPublishedReview, ID_MAX } from "../reviews/published-review.ts";

describe.each(databasesUnderTest())("one review by id on %s", (kind) => {
  let server: TestServer;
  let shop: { storeId: string; secretKey: string };
  let held: { storeId: string; secretKey: string };
  const reviewUrl = (storeId: string, id: string) =>
    `${server.url}/v1/stores/${storeId}/reviews/${encodeURIComponent(id)}`;
  const submit = async (storeId: string, overrides: Record<string, unknown> = {}) =>
    (await postJson(`${server.url}/v1/stores/${storeId}/products/tee/reviews`, reviewBody(overrides))).json;
  const moderate = (store: { secretKey: string }, id: string, status: string) =>
    fetch(`${server.url}/v1/admin/reviews/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization: `Bearer ${store.secretKey}` },
      body: JSON.stringify({ status }),
    }).then((r) => expect(r.status).toBe(200));
  const expectNotFound = async (url: string) => {
    const res = await getJson(url);
    expect(res.status, url).toBe(404);
    expect(res.json.error.code).toBe("review_not_found");
  };

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    // Photos show at once here: holding an unverified reviewer's media is media-hold.test.ts's subject.
    shop = await makeStore(server.db, { holdUnverifiedMedia: false });
    held = await makeStore(server.db, { moderation: "hold" });
  });
  afterAll(() => server.close());

  it("answers a published review with its photos, exactly as the product's list shows it", async () => {
    const photo = await upload(`${server.url}/v1/stores/${shop.storeId}/media`, [
      filePart(await solidJpeg(700, 500)),
    ]);
    const { review } = await submit(shop.storeId, { mediaIds: [photo.json.id], title: "With a photo" });
    await submit(shop.storeId, { title: "Another one" });
    const res = await getJson(reviewUrl(shop.storeId, review.id));
    expect(res.status).toBe(200);
    expect(res.json.media).toHaveLength(1);
    expect(res.json.media[0].id).toBe(photo.json.id);
    const list = await getJson(`${server.url}/v1/stores/${shop.storeId}/products/tee/reviews`);
    expect(res.json).toEqual(list.json.items.find((r: { id: string }) => r.id === review.id));
    expect(res.text).not.toContain("alex.private@example.com");
  });

  it("is cacheable like the other public reads: ETag, Cache-Control, 304 on If-None-Match", async () => {
    const { review } = await submit(shop.storeId);
    const first = await getJson(reviewUrl(shop.storeId, review.id));
    const etag = first.headers.get("etag") as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
    const again = await fetch(reviewUrl(shop.storeId, review.id), { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // A vote changes the review, so the old ETag no longer matches.
    await postJson(`${reviewUrl(shop.storeId, review.id)}/votes`, { value: "up", voter: "v" });
    const changed = await fetch(reviewUrl(shop.storeId, review.id), { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect((await changed.json()).helpful).toEqual({ up: 1, down: 0 });
  });

  it("answers any origin, as the other public reads do", async () => {
    const { review } = await submit(shop.storeId);
    const res = await fetch(reviewUrl(shop.storeId, review.id), {
      headers: { origin: "https://elsewhere.example" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toMatch(/^(\*|https:\/\/elsewhere\.example)$/);
  });

  it("is 404 review_not_found for pending and rejected reviews, until one is published", async () => {
    const { review, status } = await submit(held.storeId);
    expect(status).toBe("pending");
    await expectNotFound(reviewUrl(held.storeId, review.id));
    await moderate(held, review.id, "published");
    expect((await getJson(reviewUrl(held.storeId, review.id))).status).toBe(200);
    await moderate(held, review.id, "rejected");
    await expectNotFound(reviewUrl(held.storeId, review.id));
  });

  it("is 404 review_not_found for another store's review and for ids that are not ours", async () => {
    const { review } = await submit(shop.storeId);
    await expectNotFound(reviewUrl(held.storeId, review.id));
    await expectNotFound(reviewUrl(shop.storeId, "no-such-review"));
    await expectNotFound(reviewUrl(shop.storeId, "x".repeat(500)));
    await expectNotFound(reviewUrl(shop.storeId, "' or 1=1 --"));
  });

  it(`looks up no id that is empty or longer than ${ID_MAX} characters`, async () => {
    const queriesFor = async (id: string) => {
      let count = 0;
      const listener = () => void count++;
      server.db.queryListeners.add(listener);
      try {
        expect(await findPublishedReview(server.app.ctx, shop.storeId, id, server.url)).toBeUndefined();
      } finally {
        server.db.queryListeners.delete(listener);
      }
      return count;
    };
    expect(await queriesFor("")).toBe(0);
    expect(await queriesFor("x".repeat(ID_MAX + 1))).toBe(0);
    // The longest id that could be ours is looked up (and is unknown here).
    expect(await queriesFor("x".repeat(ID_MAX))).toBe(1);
  });

  it("is 404 store_not_found for an unknown store", async () => {
    const res = await getJson(reviewUrl("no-such-store", "abc"));
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("store_not_found");
  });
});
