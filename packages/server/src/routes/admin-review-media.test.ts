import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { filePart, upload } from "../../testing/upload-client.ts";

// The moderation queue shows a pending review's photos at full size: admin answers carry the
// moderator's file URLs (held photos included), which work with admin authentication only, while
// the public file route keeps refusing what is not published.

// biome-ignore lint/suspicious/noExplicitAny: answers are arbitrary JSON the assertions read
type Json = any;

describe.each(databasesUnderTest())("a pending review's photos for the moderator on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    let secretKey: string;
    ({ storeId, secretKey } = await makeStore(server.db, { moderation: "hold" }));
    auth = { authorization: `Bearer ${secretKey}` };
  });
  afterAll(() => server.close());

  it("lists, reads and writes them with URLs only the admin can open", async () => {
    const up = await upload(`${server.url}/v1/stores/${storeId}/media`, [
      filePart(await solidJpeg(1400, 1000)),
    ]);
    expect(up.status).toBe(201);
    const mediaId: string = up.json.id;
    const posted = await postJson(
      `${server.url}/v1/stores/${storeId}/products/lamp/reviews`,
      reviewBody({ mediaIds: [mediaId] }),
    );
    expect(posted.status).toBe(201);
    const reviewId: string = posted.json.review.id;
    const moderatorUrl = `${server.url}/v1/admin/media/${mediaId}/files/w1280.jpg`;

    const list = await getJson(`${server.url}/v1/admin/reviews?status=pending`, auth);
    const listed = list.json.items.find((r: Json) => r.id === reviewId);
    expect(listed.status).toBe("pending");
    expect(listed.media.map((m: Json) => m.url)).toEqual([moderatorUrl]);
    const one = await getJson(`${server.url}/v1/admin/reviews/${reviewId}`, auth);
    expect(one.json.media[0].url).toBe(moderatorUrl);
    const bulk = await fetch(`${server.url}/v1/admin/reviews/bulk`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ items: [{ id: reviewId }], reply: "Thanks for the photo" }),
    }).then((r) => r.json() as Promise<Json>);
    expect(bulk.items[0].media[0].url).toBe(moderatorUrl);

    const file = await fetch(moderatorUrl, { headers: auth });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect((await fetch(moderatorUrl)).status).toBe(401);
    expect((await fetch(`${server.url}/media/${storeId}/${mediaId}/w1280.jpg`)).status).toBe(404);
    // The store holds photos of reviewers without a verified purchase: this one is held until a
    // moderator approves it. Approved and published, the shopper's answer has public URLs.
    const approved = await fetch(`${server.url}/v1/admin/media/${mediaId}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ status: "ready" }),
    });
    expect(approved.status).toBe(200);
    const published = await fetch(`${server.url}/v1/admin/reviews/${reviewId}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ status: "published" }),
    });
    expect(published.status).toBe(200);
    const shopper = await getJson(`${server.url}/v1/stores/${storeId}/products/lamp/reviews`);
    const publicUrl = shopper.json.items[0].media[0].url;
    expect(publicUrl).toContain(`/media/${storeId}/${mediaId}/`);
    expect((await fetch(publicUrl)).status).toBe(200);
  });
});
