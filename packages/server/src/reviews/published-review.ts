import type { Review } from "@plaudit/contract";
import type { AppContext } from "../context.ts";
import { toPublicReview } from "./review-json.ts";
import { mediaOfRow } from "./row-media.ts";

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
  // Any id is looked up as given (a bound parameter against the text primary key): an empty or
  // over-long one finds no row and is the same 404 as any unknown id.
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
