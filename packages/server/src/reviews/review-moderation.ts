import type { AdminReview, ReviewStatus } from "@plaudit/contract";
import type { Selectable } from "kysely";
import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import { productRefs } from "../catalog/product-refs.ts";
import type { AppContext } from "../context.ts";
import type { ReviewsTable } from "../db/schema.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { ApiError, validationFailed } from "../errors.ts";
import { toAdminReview } from "./review-json.ts";
import { assertVersion, versionMatches } from "./review-version.ts";
import { mediaOfRow } from "./row-media.ts";
import { applySummaryChange, reviewSummaryChange } from "./summary-repo.ts";

export interface ReviewPatch {
  status?: ReviewStatus;
  /** A string sets the merchant's reply, null removes it. */
  reply?: string | null;
}

type ReviewRow = Selectable<ReviewsTable>;

/**
 * Applies `patch` to one review read (and, on PostgreSQL, locked) in `tx`. A change into or out of
 * "published" moves the review into or out of its product's rating summary in the same transaction.
 */
async function applyPatch(
  ctx: AppContext,
  tx: Tx,
  storeId: string,
  before: ReviewRow,
  patch: ReviewPatch,
): Promise<ReviewRow> {
  const reviewId = before.id;
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
  return after;
}

/** Changes a review's status and/or reply, audited in the same transaction. */
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
    const after = await applyPatch(ctx, tx, storeId, before, patch);
    await appendAudit(tx, audit);
    return after;
  });
  const media = await mediaOfRow(ctx, storeId, row, origin, { moderator: true });
  const product = await productRefs(ctx.db, storeId, [row.product_id]);
  return toAdminReview(row, media, product(row.product_id));
}

/**
 * One change for many reviews, all or none, in one transaction: every review is read (locked on
 * PostgreSQL, in id order so two batches cannot deadlock) and checked before anything is written.
 * Reviews that do not exist are 404 review_not_found, reviews changed since the moderator read them
 * (their etag) 409 conflict; either way nothing is saved, and `fields` names each refused item as
 * `items.<index>`. Each review changed leaves its own audit row, as a single change would.
 */
export async function moderateReviews(
  ctx: AppContext,
  storeId: string,
  items: { id: string; etag?: string | undefined }[],
  patch: ReviewPatch,
  origin: string,
  auditFor: (reviewId: string) => AuditEvent,
): Promise<AdminReview[]> {
  const ids = items.map((item) => item.id);
  const twice: Record<string, string> = {};
  for (const [index, id] of ids.entries())
    if (ids.indexOf(id) !== index) twice[`items.${index}`] = "names a review already in this batch";
  if (Object.keys(twice).length > 0) throw validationFailed(twice);
  const rows = await transaction(ctx.db, async (tx) => {
    let find = tx
      .selectFrom("reviews")
      .selectAll()
      .where("store_id", "=", storeId)
      .where("id", "in", [...new Set(ids)])
      .orderBy("id");
    if (ctx.db.kind === "postgres") find = find.forUpdate();
    const found = new Map((await find.execute()).map((row) => [row.id, row]));
    const missing: Record<string, string> = {};
    const changed: Record<string, string> = {};
    for (const [index, item] of items.entries()) {
      const row = found.get(item.id);
      if (!row) missing[`items.${index}`] = `no review ${JSON.stringify(item.id)} in this store`;
      else if (!versionMatches(row, item.etag))
        changed[`items.${index}`] = `review ${JSON.stringify(item.id)} changed since you read it`;
    }
    const count = (fields: Record<string, string>) => Object.keys(fields).length;
    if (count(missing) > 0)
      throw new ApiError(
        404,
        "review_not_found",
        `${count(missing)} of ${items.length} reviews were not found: nothing was changed`,
        missing,
      );
    if (count(changed) > 0)
      throw new ApiError(
        409,
        "conflict",
        `${count(changed)} of ${items.length} reviews changed since you read them: nothing was changed; read them again and retry`,
        changed,
      );
    const afters: ReviewRow[] = [];
    for (const id of ids) {
      const before = found.get(id) as ReviewRow;
      afters.push(await applyPatch(ctx, tx, storeId, before, patch));
      await appendAudit(tx, auditFor(id));
    }
    return afters;
  });
  const media = await ctx.media.forReviews(
    ctx.db,
    storeId,
    rows.map((row) => row.id),
    origin,
    { moderator: true },
  );
  const product = await productRefs(
    ctx.db,
    storeId,
    rows.map((row) => row.product_id),
  );
  return rows.map((row) => toAdminReview(row, media.get(row.id) ?? [], product(row.product_id)));
}
