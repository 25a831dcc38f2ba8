import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { filePart, upload } from "../../testing/upload-client.ts";

// The admin's media queue: a shopper's photos wait for a moderator, who sees them at full size
// (through the admin API's own file route, also while the review is pending) and approves or
// rejects each; the public file route keeps serving only what is published.

// biome-ignore lint/suspicious/noExplicitAny: answers are arbitrary JSON the assertions read
type Json = any;

describe.each(databasesUnderTest())("media queue on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let auth: Record<string, string>;

  async function pendingReviewWithPhotos(n: number): Promise<{ reviewId: string; mediaIds: string[] }> {
    const mediaIds: string[] = [];
    for (let i = 0; i < n; i++) {
      const up = await upload(`${server.url}/v1/stores/${storeId}/media`, [
        filePart(await solidJpeg(800 + i, 600)),
      ]);
      expect(up.status).toBe(201);
      mediaIds.push(up.json.id);
    }
    const res = await postJson(
      `${server.url}/v1/stores/${storeId}/products/cam/reviews`,
      reviewBody({ mediaIds, body: `Photos of my camera, ${Math.random()}` }),
    );
    expect(res.status).toBe(201);
    return { reviewId: res.json.review.id, mediaIds };
  }
  const queue = async (state?: string) =>
    getJson(`${server.url}/v1/admin/media${state ? `?state=${state}` : ""}`, auth);
  const moderate = (id: string, status: string) =>
    fetch(`${server.url}/v1/admin/media/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ status }),
    });

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    let secretKey: string;
    ({ storeId, secretKey } = await makeStore(server.db, { moderation: "hold" }));
    auth = { authorization: `Bearer ${secretKey}` };
  });
  afterAll(() => server.close());

  it("shows a pending review's photos to moderators at full size, never to the public", async () => {
    const { reviewId, mediaIds } = await pendingReviewWithPhotos(1);
    const list = await getJson(`${server.url}/v1/admin/reviews?status=pending&media=1`, auth);
    const review = list.json.items.find((r: Json) => r.id === reviewId);
    const photo = review.media[0];
    expect(photo.id).toBe(mediaIds[0]);
    expect(photo.url).toMatch(
      new RegExp(`^${server.url}/v1/admin/media/${storeId}/${photo.id}/w\\d+\\.jpg$`),
    );
    const full = await fetch(photo.url, { headers: auth });
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("image/jpeg");
    expect(full.headers.get("cache-control")).toBe("private, no-cache");
    expect(full.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await full.arrayBuffer()).byteLength).toBeGreaterThan(100);
    // The same file from the public route: not while the review is pending.
    const publicUrl = photo.url.replace("/v1/admin/media/", "/media/");
    expect((await fetch(publicUrl)).status).toBe(404);
    // No key, a wrong store in the path, another store's key, a made-up file: no file.
    expect((await fetch(photo.url)).status).toBe(401);
    expect((await fetch(photo.url.replace(`/${storeId}/`, "/other/"), { headers: auth })).status).toBe(404);
    const other = await makeStore(server.db);
    expect((await fetch(photo.url, { headers: { authorization: `Bearer ${other.secretKey}` } })).status).toBe(
      404,
    );
    expect((await fetch(photo.url.replace(/w\d+\.jpg$/, "w9.jpg"), { headers: auth })).status).toBe(404);
  });

  it("lists waiting photos with their review; approve and reject move them out of the queue", async () => {
    const { reviewId, mediaIds } = await pendingReviewWithPhotos(2);
    const [keep, drop] = mediaIds as [string, string];
    const waiting = await queue();
    expect(waiting.status).toBe(200);
    const item = waiting.json.items.find((m: Json) => m.id === keep);
    expect(item).toMatchObject({
      status: "ready",
      moderatedAt: null,
      reviewId,
      review: { id: reviewId, productId: "cam", status: "pending", author: { name: "Alex" } },
    });
    expect(item.url).toContain("/v1/admin/media/");
    expect((await moderate(keep, "ready")).status).toBe(200);
    expect((await moderate(drop, "rejected")).status).toBe(200);
    const ids = async (state?: string) => (await queue(state)).json.items.map((m: Json) => m.id);
    expect(await ids()).not.toContain(keep);
    expect(await ids()).not.toContain(drop);
    expect(await ids("approved")).toContain(keep);
    expect(await ids("rejected")).toContain(drop);
    expect(await ids("rejected")).not.toContain(keep);
    // A moderator can still look at a rejected photo (to restore it); the public cannot.
    const rejected = (await queue("rejected")).json.items.find((m: Json) => m.id === drop);
    expect((await fetch(rejected.url, { headers: auth })).status).toBe(200);
    // Each decision is audited.
    const audit = await server.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("target", "in", [keep, drop])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["media.moderate", "media.moderate"]);
  });

  it("pages newest first and refuses bad queries field by field", async () => {
    await pendingReviewWithPhotos(3);
    const first = await getJson(`${server.url}/v1/admin/media?limit=2`, auth);
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toBeTruthy();
    const second = await getJson(
      `${server.url}/v1/admin/media?limit=2&cursor=${first.json.nextCursor}`,
      auth,
    );
    const seen = [...first.json.items, ...second.json.items].map((m: Json) => m.id);
    expect(new Set(seen).size).toBe(seen.length);
    const bad = await getJson(`${server.url}/v1/admin/media?state=spam&limit=1000&cursor=%3Cx%3E`, auth);
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["cursor", "limit", "state"]);
  });
});
