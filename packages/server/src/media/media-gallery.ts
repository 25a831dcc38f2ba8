import type { GalleryItem, GalleryPage, Rating } from "@plaudit/contract";
import type { SelectQueryBuilder } from "kysely";
import type { Database } from "../db/database.ts";
import type { Schema } from "../db/schema.ts";
import { encodeTimeIdCursor, type TimeId } from "../db/time-id-cursor.ts";
import { toMedia } from "./media-json.ts";

// Keyset paging over (media.created_at, media.id), newest first: items uploaded while a shopper
// pages never shift the pages they have not seen yet.

/**
 * One page of media rows, newest upload first, after the cursor's (created_at, id) — the gallery's
 * order, and the moderator's list's (admin-media.ts). One row more than `limit`: there is a next page.
 */
export function newestFirst<O>(
  query: SelectQueryBuilder<Schema, "media" | "reviews", O>,
  after: TimeId | undefined,
  limit: number,
): Promise<O[]> {
  let q = query;
  if (after) {
    const { at: createdAt, id } = after;
    q = q.where((eb) =>
      eb.or([
        eb("media.created_at", "<", createdAt),
        eb.and([eb("media.created_at", "=", createdAt), eb("media.id", "<", id)]),
      ]),
    );
  }
  return q
    .orderBy("media.created_at", "desc")
    .orderBy("media.id", "desc")
    .limit(limit + 1)
    .execute();
}

/** The cursor of a page's last row when there is a next page, else null. */
export function nextMediaCursor(rows: { created_at: string; id: string }[], limit: number): string | null {
  const last = rows[limit - 1];
  return rows.length > limit && last ? encodeTimeIdCursor({ at: last.created_at, id: last.id }) : null;
}

/** Published review media of a store (optionally one product's), one page. */
export async function galleryPage(
  db: Database,
  args: { storeId: string; productId?: string; limit: number; after?: TimeId; baseUrl?: string },
): Promise<GalleryPage> {
  let query = db.kysely
    .selectFrom("media")
    .innerJoin("reviews", "reviews.id", "media.review_id")
    .selectAll("media")
    .select(["reviews.product_id as review_product_id", "reviews.rating as review_rating"])
    .where("media.store_id", "=", args.storeId)
    .where("media.status", "=", "ready")
    .where("reviews.status", "=", "published");
  if (args.productId !== undefined) query = query.where("reviews.product_id", "=", args.productId);
  const rows = await newestFirst(query, args.after, args.limit);
  const items: GalleryItem[] = rows.slice(0, args.limit).map((row) => ({
    ...toMedia(row, args.baseUrl),
    reviewId: row.review_id as string,
    productId: row.review_product_id,
    rating: Number(row.review_rating) as Rating,
  }));
  return { items, nextCursor: nextMediaCursor(rows, args.limit) };
}
