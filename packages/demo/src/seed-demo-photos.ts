// Photos for the demo store's reviews, so a fresh `npm start` shows thumbnails, a lightbox and a
// full gallery. The pictures are drawn in code (demo-photo-art.ts) and then go the way a shopper's
// upload goes: the upload pipeline (processImage), the media storage, a media row, and the attach
// in one transaction with the review's and the summary's media count.

import {
  applySummaryChange,
  type Database,
  keysOf,
  type MediaRow,
  type MediaStorage,
  type ProcessedImage,
  parseFiles,
  prng,
  processImage,
  recordMedia,
  type Schema,
  tableReviewMedia,
  transaction,
} from "@plaudit/server/internals";
import type { Kysely } from "kysely";
import { renderDemoPhoto } from "./demo-photo-art.ts";

export interface SeedPhotosOptions {
  storeId: string;
  now: Date;
  /** How many published reviews get photos (spread over the products); default 40. */
  reviews?: number;
}

// Distinct pictures per product: every take is one more image through the pipeline (~0.2–0.4 s of
// CPU), so only the products the demo pages feature get several; a review shows each take once.
const TAKES: Record<string, number> = { "tee-classic": 3, "mug-enamel": 3 };

interface Pick {
  id: string;
  productId: string;
  createdAt: string;
  photos: number;
}

/** Runs `work` over `items` with at most `limit` at once (the image pipeline queues beyond 2–4). */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function hasAttachedMedia(kysely: Kysely<Schema>, storeId: string): Promise<boolean> {
  const row = await kysely
    .selectFrom("media")
    .select("id")
    .where("store_id", "=", storeId)
    .where("review_id", "is not", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Published reviews with something to say, spread round-robin over the products, newest first. */
async function pickReviews(db: Database, storeId: string, wanted: number): Promise<Pick[]> {
  const rows = await db.kysely
    .selectFrom("reviews")
    .select(["id", "product_id", "created_at", "body"])
    .where("store_id", "=", storeId)
    .where("status", "=", "published")
    .where("media_count", "=", 0)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  const byProduct = new Map<string, typeof rows>();
  for (const row of rows) {
    // "Fine." is not a review anyone photographs for.
    if (row.body.length < 40) continue;
    const list = byProduct.get(row.product_id) ?? [];
    list.push(row);
    byProduct.set(row.product_id, list);
  }
  const random = prng(4242);
  const products = [...byProduct.keys()].sort();
  const picks: Pick[] = [];
  for (let round = 0; picks.length < wanted; round++) {
    let added = false;
    for (const productId of products) {
      // Skip a few so the photos are not all on the very newest reviews.
      const list = byProduct.get(productId) ?? [];
      const row = list[round * 2 + (random() < 0.5 ? 0 : 1)];
      if (!row || picks.length >= wanted) continue;
      const takes = TAKES[productId] ?? 1;
      const roll = random();
      const photos = Math.min(takes, roll < 0.55 ? 1 : roll < 0.88 ? 2 : 3);
      picks.push({ id: row.id, productId, createdAt: row.created_at, photos });
      added = true;
    }
    if (!added) break;
  }
  return picks;
}

/**
 * Attaches generated photos to ~40 published reviews of the store, unless some review of it
 * already has media (so running it again adds nothing). Answers how many media rows it added.
 */
export async function seedDemoPhotos(
  db: Database,
  storage: MediaStorage,
  options: SeedPhotosOptions,
): Promise<number> {
  const { storeId, now } = options;
  if (await hasAttachedMedia(db.kysely, storeId)) return 0;
  const picks = await pickReviews(db, storeId, options.reviews ?? 40);
  if (picks.length === 0) return 0;

  // Each distinct picture goes through the pipeline once; every review gets its own files of it.
  const takes = new Map<string, number>();
  for (const pick of picks) takes.set(pick.productId, Math.max(takes.get(pick.productId) ?? 0, pick.photos));
  const specs = [...takes].flatMap(([productId, n]) =>
    Array.from({ length: n }, (_, take) => ({ productId, take })),
  );
  const processed = new Map<string, ProcessedImage>();
  await eachLimited(specs, 2, async (spec) => {
    const jpeg = await renderDemoPhoto(spec);
    processed.set(`${spec.productId}/${spec.take}`, await processImage(jpeg, "image/jpeg"));
  });

  const rows = new Map<string, MediaRow[]>();
  const recorded: MediaRow[] = [];
  await eachLimited(picks, 4, async (pick) => {
    const list: MediaRow[] = [];
    for (let take = 0; take < pick.photos; take++) {
      // Recorded now (an old unattached row is the orphan sweep's); dated when attached.
      const row = await recordMedia(db, storage, {
        storeId,
        kind: "image",
        sourceType: "image/jpeg",
        images: processed.get(`${pick.productId}/${take}`) as ProcessedImage,
        now,
      });
      list.push(row);
      recorded.push(row);
    }
    rows.set(pick.id, list);
  });

  const media = tableReviewMedia();
  const attached = await transaction(db, async (tx) => {
    // Another process seeding at the same moment got there first: leave its photos alone.
    if (await hasAttachedMedia(tx, storeId)) return 0;
    let count = 0;
    for (const pick of picks) {
      const mediaIds = (rows.get(pick.id) ?? []).map((row) => row.id);
      const result = await media.attach(tx, {
        storeId,
        reviewId: pick.id,
        productId: pick.productId,
        mediaIds,
      });
      if (!result.ok) throw new Error(`demo photos: could not attach ${result.unknownIds.join(", ")}`);
      // The gallery orders by upload time: shot a little after the review, never in the future.
      for (const [take, id] of mediaIds.entries()) {
        const at = Math.min(now.getTime() - 1000, Date.parse(pick.createdAt) + (take + 1) * 60_000);
        await tx
          .updateTable("media")
          .set({ created_at: new Date(at).toISOString() })
          .where("id", "=", id)
          .execute();
      }
      await tx
        .updateTable("reviews")
        .set({ media_count: result.count, has_media: 1 })
        .where("id", "=", pick.id)
        .execute();
      await applySummaryChange(tx, {
        storeId,
        productId: pick.productId,
        count: 0,
        ratingSum: 0,
        histogram: [0, 0, 0, 0, 0],
        mediaCount: result.count,
      });
      count += result.count;
    }
    return count;
  }).catch(async (error: unknown) => {
    await removeMedia(db, storage, recorded);
    throw error;
  });
  if (attached === 0) await removeMedia(db, storage, recorded);
  return attached;
}

/** Rows first, then files (as the orphan sweep does). */
async function removeMedia(db: Database, storage: MediaStorage, rows: MediaRow[]): Promise<void> {
  for (const row of rows) {
    await db.kysely.deleteFrom("media").where("id", "=", row.id).where("review_id", "is", null).execute();
    for (const key of keysOf(parseFiles(row.files))) await storage.delete(key).catch(() => {});
  }
}
