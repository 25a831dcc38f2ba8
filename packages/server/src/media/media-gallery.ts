import type { GalleryItem, GalleryPage, Rating } from "@plaudit/contract";
import type { Database } from "../db/database.ts";
import { encodeTimeIdCursor, type TimeId } from "../db/time-id-cursor.ts";
import { toMedia } from "./media-json.ts";

// Keyset paging over (media.created_at, media.id), newest first: items uploaded while a shopper
// pages never shift the pages they have not seen yet.

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
  if (args.after) {
    const { at: createdAt, id } = args.after;
    query = query.where((eb) =>
      eb.or([
        eb("media.created_at", "<", createdAt),
        eb.and([eb("media.created_at", "=", createdAt), eb("media.id", "<", id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("media.created_at", "desc")
    .orderBy("media.id", "desc")
    .limit(args.limit + 1)
    .execute();
  const page = rows.slice(0, args.limit);
  const last = page[page.length - 1];
  const items: GalleryItem[] = page.map((row) => ({
    ...toMedia(row, args.baseUrl),
    reviewId: row.review_id as string,
    productId: row.review_product_id,
    rating: Number(row.review_rating) as Rating,
  }));
  return {
    items,
    nextCursor:
      rows.length > args.limit && last ? encodeTimeIdCursor({ at: last.created_at, id: last.id }) : null,
  };
}
