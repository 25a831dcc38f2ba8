import type { Media } from "@plaudit/contract";
import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import { applySummaryChange } from "../reviews/summary-repo.ts";
import { toMedia } from "./media-json.ts";

export type AdminMedia = Media & {
  status: "ready" | "held" | "rejected";
  reviewId: string | null;
  etag: string;
};

/**
 * A photo's or video's version for moderators: what a moderator decides about is its status, so
 * two moderators on one photo (one rejects it, the other, reading it as held, approves it) are
 * told apart by it with no column of its own.
 */
export const mediaEtag = (status: string): string => `"media-${status}"`;

/** Whether `ifMatch` (an If-Match header's value; undefined: not asked) names the status's version. */
function versionMatches(status: string, ifMatch: string | undefined): boolean {
  if (ifMatch === undefined) return true;
  const wanted = ifMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  return wanted.includes("*") || wanted.includes(mediaEtag(status));
}

/** Only "ready" media are shown and counted (review media_count, summary mediaCount, bonus). */
const shown = (status: string) => (status === "ready" ? 1 : 0);

/**
 * Rejects one photo or video, or makes it "ready" (restores a rejected one, approves a held one).
 * Its review's media count, and the product summary's when the review is published, move in the
 * same transaction.
 */
export async function setMediaStatus(
  ctx: AppContext,
  args: {
    storeId: string;
    mediaId: string;
    status: "ready" | "rejected";
    baseUrl?: string;
    /** The version the moderator saw (If-Match): 409 conflict when it was decided since. */
    ifMatch?: string;
  },
  audit: AuditEvent,
): Promise<AdminMedia> {
  const row = await transaction(ctx.db, async (tx) => {
    let find = tx
      .selectFrom("media")
      .selectAll()
      .where("id", "=", args.mediaId)
      .where("store_id", "=", args.storeId);
    if (ctx.db.kind === "postgres") find = find.forUpdate();
    const before = await find.executeTakeFirst();
    if (!before || before.status === "processing")
      throw new ApiError(404, "media_not_found", "no photo or video with this id in this store");
    if (!versionMatches(before.status, args.ifMatch))
      throw new ApiError(
        409,
        "conflict",
        "this photo or video was decided about since you read it: read it again and retry",
      );
    // Recorded even when nothing moves: the merchant did decide (again) about this photo.
    await appendAudit(tx, audit);
    if (before.status === args.status) return before;

    await tx.updateTable("media").set({ status: args.status }).where("id", "=", before.id).execute();
    const delta = shown(args.status) - shown(before.status);
    if (before.review_id !== null && delta !== 0) {
      let findReview = tx.selectFrom("reviews").selectAll().where("id", "=", before.review_id);
      if (ctx.db.kind === "postgres") findReview = findReview.forUpdate();
      const review = await findReview.executeTakeFirstOrThrow();
      const count = Math.max(0, Number(review.media_count) + delta);
      await tx
        .updateTable("reviews")
        .set({ media_count: count, has_media: count > 0 ? 1 : 0 })
        .where("id", "=", review.id)
        .execute();
      // No rating passed on: the photo bonus follows what is shown, never the stars.
      for (const hook of ctx.hooks.reviewMediaChanged) {
        await hook(tx, {
          storeId: review.store_id,
          reviewId: review.id,
          productId: review.product_id,
          customerId: review.customer_id,
          verified: Number(review.verified) === 1,
          mediaCount: count,
          published: review.status === "published",
        });
      }
      if (review.status === "published") {
        await applySummaryChange(tx, {
          storeId: review.store_id,
          productId: review.product_id,
          count: 0,
          ratingSum: 0,
          histogram: [0, 0, 0, 0, 0],
          mediaCount: delta,
        });
      }
    }
    return { ...before, status: args.status };
  });
  return {
    ...toMedia(row, args.baseUrl),
    status: row.status as AdminMedia["status"],
    reviewId: row.review_id,
    etag: mediaEtag(row.status),
  };
}
