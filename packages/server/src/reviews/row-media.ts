import type { Media } from "@plaudit/contract";
import type { AppContext } from "../context.ts";
import type { ReviewRow } from "./review-json.ts";

/** One review's photos and videos (none asked for when it has none). */
export async function mediaOfRow(
  ctx: Pick<AppContext, "db" | "media">,
  storeId: string,
  row: ReviewRow,
  origin: string,
  options?: { moderator?: boolean },
): Promise<Media[]> {
  if (Number(row.media_count) === 0 && !options?.moderator) return [];
  return (await ctx.media.forReviews(ctx.db, storeId, [row.id], origin, options)).get(row.id) ?? [];
}
