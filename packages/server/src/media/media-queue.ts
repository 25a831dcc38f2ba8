import {
  type AdminMediaItem,
  type AdminMediaPage,
  MEDIA_QUEUE_STATES,
  type MediaQueueState,
  type Rating,
} from "@plaudit/contract";
import type { Database } from "../db/database.ts";
import type { TimeId } from "../db/time-id-cursor.ts";
import { newestFirst } from "./media-gallery.ts";
import { toMedia } from "./media-json.ts";

export { MEDIA_QUEUE_STATES, type MediaQueueState };

// The admin's media queue: every photo and video a shopper attached to a review waits for a
// moderator (media.moderated_at null) until one approves it (PATCH status "ready") or rejects it
// ("rejected"). Newest first, keyset-paged like the gallery. Media of a rejected review are not
// shown on any page, so they do not wait here.

export async function mediaQueuePage(
  db: Database,
  args: { storeId: string; state: MediaQueueState; limit: number; after?: TimeId; baseUrl: string },
): Promise<AdminMediaPage> {
  let query = db.kysely
    .selectFrom("media")
    .innerJoin("reviews", "reviews.id", "media.review_id")
    .selectAll("media")
    .select([
      "reviews.product_id as review_product_id",
      "reviews.rating as review_rating",
      "reviews.title as review_title",
      "reviews.body as review_body",
      "reviews.status as review_status",
      "reviews.author_name as review_author_name",
    ])
    .where("media.store_id", "=", args.storeId);
  if (args.state === "waiting")
    query = query
      .where("media.status", "=", "ready")
      .where("media.moderated_at", "is", null)
      .where("reviews.status", "!=", "rejected");
  else if (args.state === "approved")
    query = query.where("media.status", "=", "ready").where("media.moderated_at", "is not", null);
  else query = query.where("media.status", "=", "rejected");
  const { page, nextCursor } = await newestFirst(query, args);
  const items: AdminMediaItem[] = page.map((row) => ({
    ...toMedia(row, args.baseUrl),
    status: row.status as "ready" | "rejected",
    reviewId: row.review_id,
    moderatedAt: row.moderated_at,
    review: {
      id: row.review_id as string,
      productId: row.review_product_id,
      rating: Number(row.review_rating) as Rating,
      title: row.review_title,
      body: row.review_body,
      status: row.review_status,
      author: { name: row.review_author_name },
    },
  }));
  return { items, nextCursor };
}
