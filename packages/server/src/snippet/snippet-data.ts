// What a snippet shows, read straight from the repositories (no HTTP loop back to ourselves): the
// summary and the first page of the default list, exactly as the public list route answers it.
import type { ReviewPage, Summary } from "@plaudit/contract";
import type { AppContext } from "../context.ts";
import { toPublicReview } from "../reviews/review-json.ts";
import { listReviews } from "../reviews/review-list.ts";
import { getSummaries } from "../reviews/summary-repo.ts";

export async function snippetData(
  ctx: AppContext,
  storeId: string,
  productId: string,
  pageSize: number,
  origin: string,
): Promise<{ summary: Summary; reviews: ReviewPage }> {
  const [[summary], page] = await Promise.all([
    getSummaries(ctx.db, storeId, [productId]),
    listReviews(ctx.db, { storeId, productId, status: "published", sort: "newest", limit: pageSize }),
  ]);
  const withMedia = page.rows.filter((r) => Number(r.media_count) > 0).map((r) => r.id);
  const media =
    withMedia.length > 0 ? await ctx.media.forReviews(ctx.db, storeId, withMedia, origin) : new Map();
  return {
    summary: summary!,
    reviews: {
      items: page.rows.map((row) => toPublicReview(row, media.get(row.id) ?? [])),
      nextCursor: page.nextCursor,
      // Without filters the summary's count is the total (as the list route answers).
      total: summary!.count,
    },
  };
}
