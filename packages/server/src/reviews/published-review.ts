import type { Review } from "@plaudit/contract";
import type { AppContext } from "../context.ts";
import { toPublicReview } from "./review-json.ts";
import { mediaOfRow } from "./row-media.ts";

// Review ids are 16 base64url characters (benchmark seeds use 14 hex); anything far longer is no
// id of ours and needs no query.
export const ID_MAX = 64;

/**
 * One published review of a store with its media, as the public list shows it; undefined for an
 * unknown id, another store's review, or one that is pending or rejected.
 */
export async function findPublishedReview(
  ctx: Pick<AppContext, "db" | "media">,
  storeId: string,
  reviewId: string,
  origin: string,
): Promise<Review | undefined> {
  if (reviewId.length === 0 || reviewId.length > ID_MAX) return undefined;
  const row = await ctx.db.kysely
    .selectFrom("reviews")
    .selectAll()
    .where("id", "=", reviewId)
    .where("store_id", "=", storeId)
    .where("status", "=", "published")
    .executeTakeFirst();
  if (!row) return undefined;
  const media = await mediaOfRow(ctx, storeId, row, origin);
  return toPublicReview(row, media);
}
