import { existsSync } from "node:fs";
import { mkdtemp, open, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody, testClock } from "../../testing/fixtures.ts";
import { isoVideo, solidJpeg, VIDEO_PLACE, webmVideo } from "../../testing/test-files.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { filePart, upload } from "../../testing/upload-client.ts";
import { probeIsoMedia } from "./video-probe.ts";

// These tests follow anonymous reviewers' files from upload to publication: their stores show such
// media at once. Holding them (the default) is media-hold.test.ts's subject.
const SHOWN = { holdUnverifiedMedia: false };

describe.each(databasesUnderTest())("media after upload on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  let secretKey: string;
  const time = testClock();
  const base = () => `${server.url}/v1/stores/${storeId}`;
  const admin = () => ({ authorization: `Bearer ${secretKey}` });

  beforeAll(async () => {
    server = await startTestServer({ db: kind, clock: time.clock });
    ({ storeId, secretKey } = await makeStore(server.db, SHOWN));
  });
  afterAll(() => server.close());

  async function photo(colour = "#884422", store = storeId) {
    const res = await upload(`${server.url}/v1/stores/${store}/media`, [
      filePart(await solidJpeg(700, 500, colour)),
    ]);
    expect(res.status).toBe(201);
    return res.json;
  }
  async function review(product: string, mediaIds: string[], extra: Record<string, unknown> = {}) {
    return postJson(`${base()}/products/${product}/reviews`, reviewBody({ mediaIds, ...extra }));
  }
  const summary = async (product: string) => (await getJson(`${base()}/products/${product}/summary`)).json;
  async function patchMedia(id: string, status: string) {
    const res = await fetch(`${server.url}/v1/admin/media/${id}`, {
      method: "PATCH",
      headers: { ...admin(), "content-type": "application/json" },
      body: JSON.stringify({ status }),
    });
    return { status: res.status, json: await res.json() };
  }

  it("stores an MP4 with the browser's poster frame and serves it by byte ranges", async () => {
    const video = isoVideo({ width: 640, height: 360, seconds: 2.5 });
    const poster = await solidJpeg(640, 360, "#224488");
    const res = await upload(`${base()}/media`, [
      filePart(video, "clip.mp4", "video/mp4"),
      { name: "poster", bytes: poster, filename: "poster.jpg", type: "image/jpeg" },
    ]);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ kind: "video", width: 640, height: 360, durationSeconds: 2.5 });
    expect(res.json.url).toMatch(/\/video\.mp4$/);
    expect(res.json.thumbnailUrl).toMatch(/\/w320\.webp$/);
    expect((await review("cam", [res.json.id])).status).toBe(201);

    const url = res.json.url;
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("video/mp4");
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("x-content-type-options")).toBe("nosniff");
    expect(whole.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(whole.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await whole.arrayBuffer()).equals(video)).toBe(true);

    const first = await fetch(url, { headers: { range: "bytes=0-99" } });
    expect(first.status).toBe(206);
    expect(first.headers.get("content-range")).toBe(`bytes 0-99/${video.length}`);
    expect(Buffer.from(await first.arrayBuffer()).equals(video.subarray(0, 100))).toBe(true);
    const tail = await fetch(url, { headers: { range: "bytes=-16" } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(video.subarray(video.length - 16))).toBe(true);
    const beyond = await fetch(url, { headers: { range: `bytes=${video.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${video.length}`);

    const thumb = await fetch(res.json.thumbnailUrl);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    const { dominant } = await sharp(Buffer.from(await thumb.arrayBuffer())).stats();
    expect(dominant.b).toBeGreaterThan(dominant.r);
  });

  it("serves a phone's MP4 and MOV without where it was shot: location, camera and XMP boxes blanked in place", async () => {
    for (const [brand, name, type] of [
      ["isom", "VID_20261126.mp4", "video/mp4"],
      ["qt  ", "IMG_0042.MOV", "video/quicktime"],
    ] as const) {
      const video = isoVideo({ width: 640, height: 360, seconds: 2.5, brand, phoneMetadata: true });
      expect(video.includes(Buffer.from(VIDEO_PLACE.android))).toBe(true);
      const res = await upload(`${base()}/media`, [filePart(video, name, type)]);
      expect([name, res.status]).toEqual([name, 201]);
      expect(res.json).toMatchObject({ kind: "video", width: 640, height: 360, durationSeconds: 2.5 });
      expect((await review("cam", [res.json.id])).status).toBe(201);
      const served = Buffer.from(await (await fetch(res.json.url)).arrayBuffer());
      for (const secret of [VIDEO_PLACE.android, VIDEO_PLACE.apple, "PlauditCam", "Secret Person"])
        expect([name, secret, served.includes(Buffer.from(secret))]).toEqual([name, secret, false]);
      // Same length, same boxes where they were: the media data and every offset into it unchanged.
      expect(served.length).toBe(video.length);
      const mdat = video.lastIndexOf(Buffer.from("mdat"));
      expect(served.subarray(mdat).equals(video.subarray(mdat))).toBe(true);
      expect(served.subarray(0, 64).equals(video.subarray(0, 64))).toBe(true);
      // And it is still a whole movie with the same track.
      const copy = join(await mkdtemp(join(tmpdir(), "plaudit-served-")), name);
      await writeFile(copy, served);
      const handle = await open(copy, "r");
      const probed = await probeIsoMedia(handle, served.length).finally(() => handle.close());
      expect(probed).toEqual({ ok: true, facts: { width: 640, height: 360, durationSeconds: 2.5 } });
    }
  });

  it("makes a plain poster for a WebM sent without one, and refuses a cut-off video", async () => {
    const res = await upload(`${base()}/media`, [
      filePart(webmVideo({ width: 480, height: 270, seconds: 3 }), "v.webm", "video/webm"),
    ]);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ kind: "video", width: 480, height: 270, durationSeconds: 3 });
    expect(res.json.url).toMatch(/\/video\.webm$/);
    const cut = isoVideo();
    const truncated = await upload(`${base()}/media`, [
      filePart(cut.subarray(0, cut.length - 1000), "v.mp4", "video/mp4"),
    ]);
    expect(truncated.status).toBe(422);
  });

  it("keeps media of a pending review private until the review is published", async () => {
    const { storeId: holdStore, secretKey: holdKey } = await makeStore(server.db, {
      ...SHOWN,
      moderation: "hold",
    });
    const media = await photo("#123456", holdStore);
    const submitted = await postJson(
      `${server.url}/v1/stores/${holdStore}/products/held/reviews`,
      reviewBody({ mediaIds: [media.id] }),
    );
    expect(submitted.json.status).toBe("pending");
    expect((await fetch(media.url)).status).toBe(404);
    expect((await getJson(`${server.url}/v1/stores/${holdStore}/media`)).json.items).toEqual([]);

    const published = await fetch(`${server.url}/v1/admin/reviews/${submitted.json.review.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${holdKey}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "published" }),
    });
    expect(published.status).toBe(200);
    expect((await fetch(media.url)).status).toBe(200);
    const gallery = await getJson(`${server.url}/v1/stores/${holdStore}/media`);
    expect(gallery.json.items.map((i: { id: string }) => i.id)).toEqual([media.id]);
    expect(
      (await getJson(`${server.url}/v1/stores/${holdStore}/products/held/summary`)).json.mediaCount,
    ).toBe(1);
  });

  it("attaches only this store's unattached uploads, in the review's transaction", async () => {
    const { storeId: otherStore } = await makeStore(server.db, SHOWN);
    const foreign = await photo("#111111", otherStore);
    const mine = await photo();
    const refused = await review("attach", [mine.id, foreign.id]);
    expect(refused.status).toBe(422);
    expect(refused.json.error.fields.mediaIds).toContain(foreign.id);
    // The failed review attached nothing: the upload is still free.
    const ok = await review("attach", [mine.id]);
    expect(ok.status).toBe(201);
    expect(ok.json.review.media.map((m: { id: string }) => m.id)).toEqual([mine.id]);
    const again = await review("attach", [mine.id]);
    expect(again.status).toBe(422);
    expect((await review("attach", ["nope"])).status).toBe(422);
    expect(await summary("attach")).toMatchObject({ count: 1, mediaCount: 1 });
  });

  it("lets the admin reject one photo: hidden everywhere and counted out of the summary", async () => {
    const [a, b] = [await photo("#aa0000"), await photo("#00aa00")];
    const submitted = await review("reject", [a.id, b.id]);
    expect(submitted.json.review.media).toHaveLength(2);
    expect((await summary("reject")).mediaCount).toBe(2);

    const rejected = await patchMedia(a.id, "rejected");
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ id: a.id, status: "rejected", reviewId: submitted.json.review.id });
    expect((await fetch(a.url)).status).toBe(404);
    expect((await summary("reject")).mediaCount).toBe(1);
    const list = await getJson(`${base()}/products/reject/reviews`);
    expect(list.json.items[0].media.map((m: { id: string }) => m.id)).toEqual([b.id]);
    // Rejecting twice changes nothing; restoring counts it back.
    await patchMedia(a.id, "rejected");
    expect((await summary("reject")).mediaCount).toBe(1);
    await patchMedia(a.id, "ready");
    expect((await summary("reject")).mediaCount).toBe(2);

    expect((await patchMedia("A".repeat(22), "rejected")).status).toBe(404);
    expect((await patchMedia(a.id, "deleted")).status).toBe(422);
    const anonymous = await fetch(`${server.url}/v1/admin/media/${a.id}`, { method: "PATCH" });
    expect(anonymous.status).toBe(401);
  });

  it("pages the gallery newest first with a stable cursor, per product too", async () => {
    const { storeId: galleryStore } = await makeStore(server.db, SHOWN);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      time.advance(1000);
      const media = await photo(`#0000${(i * 40).toString(16).padStart(2, "0")}`, galleryStore);
      ids.push(media.id);
      const res = await postJson(
        `${server.url}/v1/stores/${galleryStore}/products/${i % 2 === 0 ? "even" : "odd"}/reviews`,
        reviewBody({ mediaIds: [media.id], rating: 4 }),
      );
      expect(res.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: {
        json: {
          items: { id: string; productId: string; rating: number; reviewId: string }[];
          nextCursor: string | null;
        };
      } = await getJson(
        `${server.url}/v1/stores/${galleryStore}/media?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      for (const item of page.json.items)
        expect(item).toMatchObject({ rating: 4, reviewId: expect.any(String) });
      seen.push(...page.json.items.map((i) => i.id));
      cursor = page.json.nextCursor;
      // An upload arriving mid-paging must not shift the pages.
      if (seen.length === 2) {
        time.advance(1000);
        const late = await photo("#ffffff", galleryStore);
        await postJson(
          `${server.url}/v1/stores/${galleryStore}/products/even/reviews`,
          reviewBody({ mediaIds: [late.id] }),
        );
      }
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const even = await getJson(`${server.url}/v1/stores/${galleryStore}/media?product=even`);
    expect(even.json.items.every((i: { productId: string }) => i.productId === "even")).toBe(true);
    expect(even.json.items).toHaveLength(4);
    expect((await getJson(`${server.url}/v1/stores/${galleryStore}/media?cursor=junk!`)).status).toBe(422);
    expect((await getJson(`${server.url}/v1/stores/${galleryStore}/media?limit=0`)).status).toBe(422);
  });

  it("sweeps uploads never attached within the hour, files and all, and keeps attached ones", async () => {
    const { storeId: sweepStore, secretKey: sweepKey } = await makeStore(server.db, SHOWN);
    const orphan = await photo("#333333", sweepStore);
    const kept = await photo("#444444", sweepStore);
    await postJson(
      `${server.url}/v1/stores/${sweepStore}/products/p/reviews`,
      reviewBody({ mediaIds: [kept.id] }),
    );
    const dirOf = (id: string) => join(server.mediaDir, sweepStore, id);
    expect(existsSync(dirOf(orphan.id))).toBe(true);

    const sweep = () =>
      fetch(`${server.url}/v1/admin/media/sweep`, {
        method: "POST",
        headers: { authorization: `Bearer ${sweepKey}` },
      }).then((r) => r.json());
    expect(await sweep()).toEqual({ deleted: 0 });
    // Not yet at 40 minutes; gone at 46 (issue 19: unattached uploads live under an hour).
    time.advance(40 * 60 * 1000);
    expect(await sweep()).toEqual({ deleted: 0 });
    time.advance(6 * 60 * 1000);
    expect(await sweep()).toEqual({ deleted: 1 });
    expect(existsSync(dirOf(orphan.id))).toBe(false);
    expect(existsSync(dirOf(kept.id))).toBe(true);
    expect((await fetch(kept.url)).status).toBe(200);
    expect((await review("late", [orphan.id])).status).toBe(422);
  });

  it("serves only files the server named: odd paths and unknown ids are 404", async () => {
    const media = await photo();
    await review("paths", [media.id]);
    for (const path of [
      `/media/${storeId}/${media.id}/..%2F..%2Fetc%2Fpasswd`,
      `/media/${storeId}/${media.id}/w320.html`,
      `/media/${storeId}/${media.id}/w999.webp`,
      `/media/${storeId}/${"B".repeat(22)}/w320.webp`,
      `/media/other-store/${media.id}/w320.webp`,
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
  });
});
