import type { AdminReview, ReviewStatus } from "@plaudit/contract";
import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import { toAdminReview } from "./review-json.ts";
import { assertVersion } from "./review-version.ts";
import { mediaOfRow } from "./row-media.ts";
import { applySummaryChange, reviewSummaryChange } from "./summary-repo.ts";

export interface ReviewPatch {
  status?: ReviewStatus;
  /** A string sets the merchant's reply, null removes it. */
  reply?: string | null;
}

/**
 * Changes a review's status and/or reply. A change into or out of "published" moves the review
 * into or out of its product's rating summary in the same transaction.
 */
export async function moderateReview(
  ctx: AppContext,
  storeId: string,
  reviewId: string,
  patch: ReviewPatch,
  origin: string,
  audit: AuditEvent,
  /** The version the moderator saw (If-Match): 409 conflict when the review changed since. */
  ifMatch?: string,
): Promise<AdminReview> {
  const row = await transaction(ctx.db, async (tx) => {
    let find = tx
      .selectFrom("reviews")
      .selectAll()
      .where("id", "=", reviewId)
      .where("store_id", "=", storeId);
    if (ctx.db.kind === "postgres") find = find.forUpdate();
    const before = await find.executeTakeFirst();
    if (!before) throw new ApiError(404, "review_not_found", "no review with this id in this store");
    assertVersion(before, ifMatch);

    const after = { ...before };
    if (patch.status !== undefined && patch.status !== before.status) {
      after.status = patch.status;
      const wasPublished = before.status === "published";
      const isPublished = patch.status === "published";
      if (wasPublished !== isPublished) {
        const review = {
          storeId,
          productId: before.product_id,
          rating: Number(before.rating),
          mediaCount: Number(before.media_count),
        };
        await applySummaryChange(tx, reviewSummaryChange(review, isPublished ? 1 : -1));
        // No rating passed on: what hooks do (loyalty points) must not depend on it.
        const changed = {
          storeId,
          reviewId,
          productId: before.product_id,
          customerId: before.customer_id,
          verified: Number(before.verified) === 1,
          mediaCount: Number(before.media_count),
        };
        // The status is written first: hooks judge "another published review" by the table.
        await tx.updateTable("reviews").set({ status: after.status }).where("id", "=", reviewId).execute();
        for (const hook of isPublished ? ctx.hooks.reviewPublished : ctx.hooks.reviewUnpublished) {
          await hook(tx, changed);
        }
      }
    }
    if (patch.reply !== undefined) {
      after.reply_body = patch.reply;
      after.reply_at = patch.reply === null ? null : ctx.clock().toISOString();
      if (patch.reply !== null && before.reply_body === null) {
        for (const hook of ctx.hooks.reviewReplied) await hook(tx, { storeId, reviewId });
      }
    }
    await tx
      .updateTable("reviews")
      .set({ status: after.status, reply_body: after.reply_body, reply_at: after.reply_at })
      .where("id", "=", reviewId)
      .execute();
    await appendAudit(tx, audit);
    return after;
  });
  const media = await mediaOfRow(ctx, storeId, row, origin);
  return toAdminReview(row, media);
}
