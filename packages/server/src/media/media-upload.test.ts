import { readdirSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { photoPixels, photoWithPrivateMetadata, solidJpeg, solidPng } from "../../testing/test-files.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { filePart, upload } from "../../testing/upload-client.ts";
import { keysOf, parseFiles } from "./media-json.ts";
import { MEDIA_LIMITS } from "./media-limits.ts";

// These tests follow anonymous reviewers' files from upload to publication: their stores show such
// media at once. Holding them (the default) is media-hold.test.ts's subject.
const SHOWN = { holdUnverifiedMedia: false };

/** Every file under the media directory, relative ("store/id/w320.webp"), temp files included. */
function filesOnDisk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe.each(databasesUnderTest())("uploading media on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  const mediaUrl = () => `${server.url}/v1/stores/${storeId}/media`;

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ storeId } = await makeStore(server.db, SHOWN));
  });
  afterAll(() => server.close());

  /** The type the server judged an upload to be, from its bytes. */
  async function sourceTypeOf(id: string) {
    const row = await server.db.kysely
      .selectFrom("media")
      .select("source_type")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return row.source_type;
  }

  async function publish(mediaIds: string[], product = "p1") {
    const res = await postJson(
      `${server.url}/v1/stores/${storeId}/products/${product}/reviews`,
      reviewBody({ mediaIds }),
    );
    expect(res.status).toBe(201);
    return res.json.review;
  }

  it("strips EXIF, GPS, XMP and ICC from a photo and serves re-encoded sizes", async () => {
    const res = await upload(mediaUrl(), [filePart(await photoWithPrivateMetadata())]);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ kind: "image", width: 1200, height: 1600 });
    expect(res.json.placeholder).toMatch(/^#[0-9a-f]{6}$/);
    expect(res.json.srcset).toMatch(/w320\.webp 320w, .*w640\.webp 640w, .*w1200\.webp 1200w$/);

    const review = await publish([res.json.id]);
    expect(review.media).toEqual([res.json]);
    const urls = [
      res.json.url,
      res.json.thumbnailUrl,
      ...res.json.srcset.split(", ").map((s: string) => s.split(" ")[0]),
    ];
    for (const url of urls) {
      // Absolute, on the origin the request reached: the review is shown on the shop's own domain.
      expect(url.startsWith(`${server.url}/media/`)).toBe(true);
      const file = await fetch(url);
      expect(file.status).toBe(200);
      expect(file.headers.get("x-content-type-options")).toBe("nosniff");
      const bytes = Buffer.from(await file.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(bytes.includes(Buffer.from("PlauditCam"))).toBe(false);
      expect(file.headers.get("content-type")).toBe(meta.format === "webp" ? "image/webp" : "image/jpeg");
    }
  });

  it("judges the type by the bytes: a PNG named .jpg and sent as image/jpeg is read as PNG", async () => {
    const res = await upload(mediaUrl(), [filePart(await solidPng(500, 250), "holiday.jpg", "image/jpeg")]);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ kind: "image", width: 500, height: 250 });
    expect(await sourceTypeOf(res.json.id)).toBe("image/png");
  });

  it("takes an AVIF photo (as Chrome and Android save them) and serves it re-encoded as WebP", async () => {
    const avif = await photoPixels(900, 600).avif({ quality: 60 }).toBuffer();
    const res = await upload(mediaUrl(), [filePart(avif, "IMG_2031.avif", "image/avif")]);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ kind: "image", width: 900, height: 600 });
    expect(await sourceTypeOf(res.json.id)).toBe("image/avif");
    await publish([res.json.id]);
    const served = await fetch(res.json.thumbnailUrl);
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).format).toBe("webp");
  });

  it("stores a phone's scrolling screenshot (1080×20000) and a 1×30000 sliver: every size within WebP's 16383 px", async () => {
    for (const [width, height] of [
      [1080, 20000],
      [1, 30000],
    ] as const) {
      const res = await upload(mediaUrl(), [
        filePart(await solidPng(width, height), "long.png", "image/png"),
      ]);
      expect([width, res.status]).toEqual([width, 201]);
      expect(res.json.height).toBeLessThanOrEqual(MEDIA_LIMITS.largestHeight);
      expect(res.json.width / res.json.height).toBeCloseTo(width / height, 1);
      const review = await publish([res.json.id]);
      for (const url of [review.media[0].url, review.media[0].thumbnailUrl]) {
        const meta = await sharp(Buffer.from(await (await fetch(url)).arrayBuffer())).metadata();
        expect(meta.height).toBeLessThanOrEqual(MEDIA_LIMITS.largestHeight);
      }
    }
  });

  it("refuses HTML, SVG, a JPEG-header polyglot and a truncated JPEG with 415/422, never 5xx", async () => {
    const photo = await photoWithPrivateMetadata(800, 600);
    const cases: [string, Uint8Array, string, string][] = [
      ["html", Buffer.from("<!doctype html><html><script>alert(1)</script></html>"), "x.jpg", "image/jpeg"],
      [
        "svg",
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        "x.svg",
        "image/svg+xml",
      ],
      [
        "polyglot",
        Buffer.concat([
          Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
          Buffer.from("<html><script>alert(document.cookie)</script></html>"),
        ]),
        "x.jpg",
        "image/jpeg",
      ],
      ["truncated", photo.subarray(0, Math.floor(photo.length * 0.6)), "x.jpg", "image/jpeg"],
      ["empty", Buffer.alloc(0), "x.jpg", "image/jpeg"],
    ];
    const before = await server.db.kysely.selectFrom("media").select("id").execute();
    for (const [name, bytes, filename, type] of cases) {
      const res = await upload(mediaUrl(), [filePart(bytes, filename, type)]);
      expect([name, res.status]).toEqual([name, expect.toSatisfy((s: number) => s === 415 || s === 422)]);
      expect(res.json.error.code).toMatch(/^(unsupported_media_type|validation_failed)$/);
    }
    expect(await server.db.kysely.selectFrom("media").select("id").execute()).toHaveLength(before.length);
  });

  it("wants exactly one file part, as multipart", async () => {
    const jpeg = await solidJpeg(50, 50);
    const two = await upload(mediaUrl(), [filePart(jpeg), filePart(jpeg)]);
    expect(two.status).toBe(422);
    const none = await upload(mediaUrl(), [{ name: "photo", bytes: jpeg }]);
    expect(none.status).toBe(422);
    const posterOnImage = await upload(mediaUrl(), [filePart(jpeg), { name: "poster", bytes: jpeg }]);
    expect(posterOnImage.json.error.fields).toHaveProperty("poster");
    const json = await postJson(mediaUrl(), { file: "x" });
    expect(json.status).toBe(400);
  });

  it("answers 413 to an oversized Content-Length while the client is still sending", async () => {
    const url = new URL(mediaUrl());
    const declared = 200 * 1024 * 1024;
    const result = await new Promise<{ status: number; sentWhenAnswered: number }>((done, fail) => {
      let sent = 0;
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "content-type": "multipart/form-data; boundary=xyz", "content-length": declared },
        },
        (res) => {
          done({ status: res.statusCode ?? 0, sentWhenAnswered: sent });
          res.resume();
          req.destroy();
        },
      );
      req.on("error", () => {});
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      // Send slowly: the answer must come long before the declared 200 MB.
      const timer = setInterval(() => {
        if (req.destroyed) return clearInterval(timer);
        req.write(chunk);
        sent += chunk.length;
        if (sent > 20 * 1024 * 1024) {
          clearInterval(timer);
          fail(new Error("no answer after 20 MB"));
        }
      }, 5);
    });
    expect(result.status).toBe(413);
    expect(result.sentWhenAnswered).toBeLessThan(declared / 10);
  });

  it("stops reading and answers 413 when a photo streams past 15 MB", async () => {
    // A JPEG header, then filler, sent chunked (no Content-Length to go by) until answered.
    const url = new URL(mediaUrl());
    const boundary = "----plaudit";
    const result = await new Promise<{ status: number; sent: number }>((done, fail) => {
      let sent = 0;
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: {
            "content-type": `multipart/form-data; boundary=${boundary}`,
            "transfer-encoding": "chunked",
          },
        },
        (res) => {
          done({ status: res.statusCode ?? 0, sent });
          res.resume();
          req.destroy();
        },
      );
      req.on("error", () => {});
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      );
      req.write(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]));
      // Only as fast as the connection takes it: under CPU load a blind timer piled megabytes into
      // the client's own buffer (counted as sent) before the server's answer could arrive.
      const filler = Buffer.alloc(256 * 1024, 0x11);
      const timer = setInterval(() => {
        if (req.destroyed) return clearInterval(timer);
        if (sent > 30 * 1024 * 1024) {
          clearInterval(timer);
          fail(new Error("no answer after 30 MB"));
        }
        if (req.writableLength > 512 * 1024) return;
        req.write(filler);
        sent += filler.length;
      }, 2);
    });
    expect(result.status).toBe(413);
    // Answered at the limit, not after reading everything the client would send.
    expect(result.sent).toBeGreaterThan(15 * 1024 * 1024 - 512 * 1024);
    expect(result.sent).toBeLessThan(20 * 1024 * 1024);
  });

  it("handles 20 concurrent uploads cleanly: no 5xx, no half-written files", async () => {
    const photos = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        solidJpeg(900 + i * 10, 700, `#${(i * 12).toString(16).padStart(2, "0")}4488`),
      ),
    );
    const results = await Promise.all(photos.map((bytes) => upload(mediaUrl(), [filePart(bytes)])));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s === 201 || s === 413 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBe(20);

    const rows = await server.db.kysely.selectFrom("media").select(["status", "files"]).execute();
    expect(rows.filter((r) => r.status !== "ready")).toEqual([]);
    const known = rows.flatMap((r) => keysOf(parseFiles(r.files))).sort();
    expect(filesOnDisk(server.mediaDir)).toEqual(known);
  });
});

describe("upload rate limits", () => {
  it("answers 429 with Retry-After once a shopper's upload bucket is empty", async () => {
    const { createMemoryRateLimiter } = await import("../rate-limit.ts");
    const server = await startTestServer({ db: "sqlite", rateLimiter: createMemoryRateLimiter() });
    try {
      const { storeId } = await makeStore(server.db, {
        rateLimits: {
          perIp: { capacity: 1000, refillPerSecond: 100 },
          perStore: { capacity: 1000, refillPerSecond: 100 },
        },
      });
      const jpeg = await solidJpeg(40, 40);
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) {
        const res = await upload(`${server.url}/v1/stores/${storeId}/media`, [filePart(jpeg)]);
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429]);
      expect((await getJson(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
