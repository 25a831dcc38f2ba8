import type { AdminMediaPage, MediaSettings, MediaSettingsPatch } from "@plaudit/contract";
import { productRefs } from "../catalog/product-refs.ts";
import type { Database } from "../db/database.ts";
import type { TimeId } from "../db/time-id-cursor.ts";
import type { Tx } from "../db/transaction.ts";
import { holdsUnverifiedMedia } from "../stores/store-repo.ts";
import { newestFirst, nextMediaCursor } from "./media-gallery.ts";
import { keysOf, parseFiles, toMedia } from "./media-json.ts";
import { MEDIA_LIMITS } from "./media-limits.ts";
import { mediaEtag } from "./media-moderation.ts";
import { ownQuotaBytes, storedBytes } from "./media-quota.ts";
import { isMediaKey } from "./media-storage.ts";
import type { MediaStatus } from "./media-table.ts";

// The moderator's view of attached photos and videos (issue 19): held ones (a reviewer without a
// verified purchase, in a store that holds such media) wait here for "ready" or "rejected" through
// PATCH /v1/admin/media/{id}. Their files are not public yet, so the URLs given here are the
// moderator's own (/v1/admin/media/{id}/files/{file}, admin authentication like every admin route).

/** The moderator's URL of one file of a media row (the storage key's last segment). */
export function adminFileUrl(origin: string, mediaId: string, key: string): string {
  return `${origin}/v1/admin/media/${mediaId}/files/${key.slice(key.lastIndexOf("/") + 1)}`;
}

export async function adminMediaPage(
  db: Database,
  args: {
    storeId: string;
    status?: Exclude<MediaStatus, "processing">;
    reviewId?: string;
    limit: number;
    after?: TimeId;
    origin: string;
  },
): Promise<AdminMediaPage> {
  let query = db.kysely
    .selectFrom("media")
    .innerJoin("reviews", "reviews.id", "media.review_id")
    .selectAll("media")
    .select(["reviews.product_id as review_product_id", "reviews.verified as review_verified"])
    .where("media.store_id", "=", args.storeId)
    .where("media.status", "!=", "processing");
  if (args.status) query = query.where("media.status", "=", args.status);
  if (args.reviewId !== undefined) query = query.where("media.review_id", "=", args.reviewId);
  const rows = await newestFirst(query, args.after, args.limit);
  const product = await productRefs(
    db,
    args.storeId,
    rows.map((row) => row.review_product_id),
  );
  return {
    items: rows.slice(0, args.limit).map((row) => ({
      ...toMedia(row, "", (key) => adminFileUrl(args.origin, row.id, key)),
      status: row.status as "ready" | "held" | "rejected",
      reviewId: row.review_id,
      etag: mediaEtag(row.status),
      productId: row.review_product_id,
      product: product(row.review_product_id),
      verified: Number(row.review_verified) === 1,
      createdAt: row.created_at,
    })),
    nextCursor: nextMediaCursor(rows, args.limit),
  };
}

/**
 * The storage key of one file of a media row, else undefined: for "public", only while the item
 * is ready and its review published (/media/{store}/{id}/{file}); for "moderator", whatever its
 * status but processing (/v1/admin/media/{id}/files/{file}).
 */
export async function mediaFileKey(
  db: Database,
  args: { storeId: string; mediaId: string; file: string; for: "public" | "moderator" },
): Promise<string | undefined> {
  // No segment can hold a "/", so the three parts make a key only if each is well formed.
  if (!isMediaKey(`${args.storeId}/${args.mediaId}/${args.file}`)) return undefined;
  let query = db.kysely
    .selectFrom("media")
    .innerJoin("reviews", "reviews.id", "media.review_id")
    .select(["media.files"])
    .where("media.id", "=", args.mediaId)
    .where("media.store_id", "=", args.storeId);
  query =
    args.for === "public"
      ? query.where("media.status", "=", "ready").where("reviews.status", "=", "published")
      : query.where("media.status", "!=", "processing");
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  // The key comes from our own row, never from the request: the request only picks among them.
  return keysOf(parseFiles(row.files)).find((key) => key.endsWith(`/${args.file}`));
}

export async function loadMediaSettings(db: Database, storeId: string): Promise<MediaSettings> {
  const [own, used, hold] = await Promise.all([
    ownQuotaBytes(db, storeId),
    storedBytes(db, storeId),
    holdsUnverifiedMedia(db.kysely, storeId),
  ]);
  return {
    quotaBytes: own,
    defaultQuotaBytes: MEDIA_LIMITS.storeQuotaBytes,
    usedBytes: used,
    holdUnverifiedMedia: hold,
  };
}

/** Writes the settings named in `patch` (others stay as they are). */
export async function saveMediaSettings(tx: Tx, storeId: string, patch: MediaSettingsPatch): Promise<void> {
  const set: { media_quota_bytes?: number | null; hold_unverified_media?: number } = {};
  if (patch.quotaBytes !== undefined) set.media_quota_bytes = patch.quotaBytes;
  if (patch.holdUnverifiedMedia !== undefined) set.hold_unverified_media = patch.holdUnverifiedMedia ? 1 : 0;
  if (Object.keys(set).length === 0) return;
  await tx.updateTable("stores").set(set).where("id", "=", storeId).execute();
}
