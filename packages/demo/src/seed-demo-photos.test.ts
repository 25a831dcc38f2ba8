import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson } from "../../server/testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../server/testing/test-server.ts";
import { demoPhotoSvg } from "./demo-photo-art.ts";
import { seedDemo } from "./seed.ts";
import { DEMO_PRODUCTS } from "./seed-texts.ts";

interface GalleryItem {
  id: string;
  url: string;
  thumbnailUrl: string;
  srcset: string;
  width: number;
  height: number;
  placeholder?: string;
  reviewId: string;
  productId: string;
}

async function wholeGallery(server: TestServer): Promise<GalleryItem[]> {
  const items: GalleryItem[] = [];
  let cursor = "";
  do {
    const { status, json } = await getJson(`${server.url}/v1/stores/demo/media?limit=50${cursor}`);
    expect(status).toBe(200);
    items.push(...json.items);
    cursor = json.nextCursor ? `&cursor=${json.nextCursor}` : "";
  } while (cursor);
  return items;
}

async function mediaRowCount(server: TestServer): Promise<number> {
  const row = await server.db.kysely
    .selectFrom("media")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(databasesUnderTest())("demo store photos on %s", (kind) => {
  let server: TestServer;
  let photos: number;

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ photos } = await seedDemo(server.db, {
      now: new Date("2026-06-01T00:00:00Z"),
      mediaStorage: server.app.ctx.mediaStorage,
    }));
  }, 60_000);
  afterAll(() => server.close());

  it("puts 1–3 photos on ~40 published reviews spread over the products", async () => {
    const items = await wholeGallery(server);
    expect(items).toHaveLength(photos);
    expect(await mediaRowCount(server)).toBe(photos);
    const perReview = new Map<string, number>();
    for (const item of items) perReview.set(item.reviewId, (perReview.get(item.reviewId) ?? 0) + 1);
    expect(perReview.size).toBeGreaterThanOrEqual(36);
    expect(perReview.size).toBeLessThanOrEqual(44);
    expect(Math.min(...perReview.values())).toBe(1);
    expect(Math.max(...perReview.values())).toBeLessThanOrEqual(3);
    expect([...perReview.values()].some((n) => n > 1)).toBe(true);
    expect(new Set(items.map((item) => item.productId)).size).toBe(DEMO_PRODUCTS.length);
  });

  it("serves every file of the gallery as an image made by the upload pipeline", async () => {
    const items = await wholeGallery(server);
    for (const item of items) {
      expect(item.placeholder).toMatch(/^#[0-9a-f]{6}$/);
      expect(item.srcset.split(", ")).toHaveLength(3);
      for (const url of [item.url, item.thumbnailUrl]) {
        const res = await fetch(url);
        expect(res.status, url).toBe(200);
        expect(res.headers.get("content-type")).toMatch(/^image\/(jpeg|webp)$/);
        expect(res.headers.get("cache-control")).toContain("immutable");
        await res.arrayBuffer();
      }
    }
    // The largest size is 1280 px wide (or tall, in portrait), with no metadata carried over.
    const first = items[0] as GalleryItem;
    const meta = await sharp(Buffer.from(await (await fetch(first.url)).arrayBuffer())).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeGreaterThanOrEqual(1280);
    expect({ width: meta.width, height: meta.height }).toEqual({ width: first.width, height: first.height });
    expect(meta.exif).toBeUndefined();
  });

  it("keeps each product's mediaCount equal to the media rows of its published reviews", async () => {
    const ids = DEMO_PRODUCTS.map((p) => p.id).join(",");
    const { json } = await getJson(`${server.url}/v1/stores/demo/summaries?products=${ids}`);
    const rows = await server.db.kysely
      .selectFrom("media")
      .innerJoin("reviews", "reviews.id", "media.review_id")
      .select(["reviews.product_id", (eb) => eb.fn.countAll().as("n")])
      .where("reviews.status", "=", "published")
      .where("media.status", "=", "ready")
      .groupBy("reviews.product_id")
      .execute();
    const byProduct = Object.fromEntries(rows.map((r) => [r.product_id, Number(r.n)]));
    for (const summary of json.items as { productId: string; mediaCount: number }[])
      expect(summary.mediaCount, summary.productId).toBe(byProduct[summary.productId] ?? 0);
    const reviews = await server.db.kysely
      .selectFrom("reviews")
      .select(["id", "media_count", "has_media"])
      .where("media_count", ">", 0)
      .execute();
    expect(reviews.every((r) => Number(r.has_media) === 1)).toBe(true);
    expect(reviews.reduce((n, r) => n + Number(r.media_count), 0)).toBe(photos);
  });

  it("shows the photos in a product's review list filtered to media", async () => {
    const { json } = await getJson(
      `${server.url}/v1/stores/demo/products/tee-classic/reviews?media=1&limit=50`,
    );
    expect(json.total).toBeGreaterThan(0);
    for (const review of json.items) expect(review.media.length).toBeGreaterThan(0);
  });

  it("adds nothing when seeded again", async () => {
    const before = await getJson(`${server.url}/v1/stores/demo/summaries?products=tee-classic,mug-enamel`);
    const again = await seedDemo(server.db, { mediaStorage: server.app.ctx.mediaStorage });
    expect(again).toMatchObject({ created: false, photos: 0 });
    expect(await mediaRowCount(server)).toBe(photos);
    const after = await getJson(`${server.url}/v1/stores/demo/summaries?products=tee-classic,mug-enamel`);
    expect(after.json).toEqual(before.json);
  });
});

describe("demo store photos for a store seeded before photos existed", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: "sqlite" });
  });
  afterAll(() => server.close());

  it("adds them once to the existing store, keeping its reviews", async () => {
    const first = await seedDemo(server.db);
    expect(first).toMatchObject({ created: true, photos: 0 });
    const reviewsBefore = await getJson(`${server.url}/v1/stores/demo/products/tee-classic/summary`);
    const upgraded = await seedDemo(server.db, { mediaStorage: server.app.ctx.mediaStorage });
    expect(upgraded.created).toBe(false);
    expect(upgraded.photos).toBeGreaterThan(0);
    const after = await getJson(`${server.url}/v1/stores/demo/products/tee-classic/summary`);
    expect({ ...after.json, mediaCount: 0 }).toEqual({ ...reviewsBefore.json, mediaCount: 0 });
    expect(after.json.mediaCount).toBeGreaterThan(0);
    expect(await mediaRowCount(server)).toBe(upgraded.photos);
    const again = await seedDemo(server.db, { mediaStorage: server.app.ctx.mediaStorage });
    expect(again.photos).toBe(0);
  }, 60_000);
});

describe("demo photo art", () => {
  it("gives the takes of a product different frames, in sizes a phone makes", () => {
    const takes = [0, 1, 2].map((take) => demoPhotoSvg({ productId: "tee-classic", take }));
    expect(new Set(takes.map((t) => t.svg)).size).toBe(3);
    for (const take of takes) {
      expect(Math.max(take.width, take.height)).toBeGreaterThanOrEqual(1200);
      expect(Math.max(take.width, take.height)).toBeLessThanOrEqual(1600);
    }
  });
});
