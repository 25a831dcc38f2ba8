import {
  AdminReview,
  AdminReviewPage,
  AdminReviewQuery,
  ReviewBulkPatch,
  ReviewBulkResult,
  ReviewPatch,
} from "@plaudit/contract";
import { type AuditAction, auditEvent } from "../audit/audit-log.ts";
import { productRefs } from "../catalog/product-refs.ts";
import type { RouteModule } from "../context.ts";
import { ApiError } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { publicOriginOf } from "../http/public-origin.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { toAdminReview } from "../reviews/review-json.ts";
import { countReviews, listReviews } from "../reviews/review-list.ts";
import { moderateReview, moderateReviews } from "../reviews/review-moderation.ts";
import { mediaOfRow } from "../reviews/row-media.ts";
import { parseOrFail, parseQuery } from "../validation.ts";
import { cursorValuesOf, reviewFilters } from "./review-query.ts";

/**
 * The audit action of a moderation (one review or a batch): "review.reply" for a reply alone,
 * else "review.moderate"; 422 when it changes nothing.
 */
function auditActionOf(patch: { status?: unknown; reply?: unknown }): AuditAction {
  if (patch.status === undefined && patch.reply === undefined) {
    throw new ApiError(422, "validation_failed", "give a status, a reply, or both", {
      status: "give a status, a reply, or both",
    });
  }
  return patch.status === undefined ? "review.reply" : "review.moderate";
}

/** The merchant's moderation queue: list reviews by status, publish/reject them, reply. */
export const adminReviewRoutes: RouteModule = {
  name: "admin-reviews",
  register(app, ctx) {
    app.get(
      "/v1/admin/reviews",
      describeRoute({
        summary:
          "Reviews for moderation, newest first; filters by status, product, rating, media, verified, text",
        query: AdminReviewQuery,
        responses: { 200: AdminReviewPage },
        errors: [422],
        examples: [
          { summary: "the reviews waiting for moderation", query: { status: "pending" }, status: 200 },
          { summary: "an unknown status", query: { status: "spam" }, status: 422 },
          {
            summary: "pending 1- and 2-star reviews with photos that mention 'broken'",
            query: { status: "pending", rating: "1,2", media: "1", q: "broken" },
            status: 200,
          },
        ],
      }),
      requireScope("reviews:read"),
      async (c) => {
        const query = parseQuery(c, AdminReviewQuery);
        const cursorValues = cursorValuesOf("newest", query.cursor);
        const { status, product } = query;
        const storeId = c.get("store").id;
        const filters = reviewFilters(query);
        const page = await listReviews(ctx.db, {
          storeId,
          ...(product !== undefined ? { productId: product } : {}),
          ...(status !== undefined ? { status } : {}),
          filters,
          sort: "newest",
          limit: query.limit,
          ...(cursorValues ? { cursorValues } : {}),
        });
        // The first page says how many match in all (a queue of 10,000 is not "50 shown" and no
        // more). The next pages ("Load more") do not count the whole queue again: the app keeps
        // the first page's total and counts its own decisions out of it.
        const total =
          query.cursor === undefined
            ? await countReviews(ctx.db, { storeId, productId: product, status: status ?? "any", filters })
            : undefined;
        // Every review's media, held ones too, at the moderator's file URLs (a pending review's
        // photos are not public yet).
        const ids = page.rows.map((r) => r.id);
        const media =
          ids.length > 0
            ? await ctx.media.forReviews(ctx.db, storeId, ids, publicOriginOf(c, ctx), { moderator: true })
            : new Map();
        // The products' catalog names, one query for the page.
        const refs = await productRefs(
          ctx.db,
          storeId,
          page.rows.map((r) => r.product_id),
        );
        c.header("Cache-Control", "no-store");
        return c.json({
          items: page.rows.map((row) => toAdminReview(row, media.get(row.id) ?? [], refs(row.product_id))),
          nextCursor: page.nextCursor,
          ...(total !== undefined ? { total } : {}),
        });
      },
    );

    app.post(
      "/v1/admin/reviews/bulk",
      describeRoute({
        summary:
          "Publish, hold, reject or reply to many reviews at once, all or none (one missing or changed review refuses the batch)",
        description:
          "Each item may carry the etag the moderator saw. A review that does not exist is 404 review_not_found, " +
          "one changed since it was read 409 conflict; then nothing is saved and `fields` names each refused " +
          "item as `items.<index>`. Each review changed leaves its own audit row.",
        body: ReviewBulkPatch,
        responses: { 200: ReviewBulkResult },
        errors: [400, 404, 409, 422],
        examples: [
          {
            summary: "publish two reviews",
            body: { items: [{ id: "{{reviewId}}" }], status: "published" },
            status: 200,
          },
          { summary: "no reviews named", body: { items: [], status: "published" }, status: 422 },
          {
            summary: "a review that does not exist",
            body: { items: [{ id: "no-such-review" }], status: "rejected" },
            status: 404,
          },
        ],
      }),
      requireScope("reviews:moderate"),
      async (c) => {
        const { items, ...patch } = parseOrFail(ReviewBulkPatch, await readJsonBody(c));
        const action = auditActionOf(patch);
        const reviews = await moderateReviews(
          ctx,
          c.get("store").id,
          items,
          patch,
          publicOriginOf(c, ctx),
          (id) => auditEvent(c, ctx, action, id),
        );
        return c.json({ items: reviews }, 200, { "Cache-Control": "no-store" });
      },
    );

    app.get(
      "/v1/admin/reviews/:id",
      describeRoute({
        summary: "One review as it is now, its version in the ETag (read again after a 409 conflict)",
        params: { id: { description: "Review id" } },
        responses: { 200: AdminReview },
        errors: [404],
        examples: [{ summary: "a review", params: { id: "{{reviewId}}" }, status: 200 }],
      }),
      requireScope("reviews:read"),
      async (c) => {
        const storeId = c.get("store").id;
        const row = await ctx.db.kysely
          .selectFrom("reviews")
          .selectAll()
          .where("id", "=", c.req.param("id"))
          .where("store_id", "=", storeId)
          .executeTakeFirst();
        if (!row) throw new ApiError(404, "review_not_found", "no review with this id in this store");
        const origin = publicOriginOf(c, ctx);
        const media = await mediaOfRow(ctx, storeId, row, origin, { moderator: true });
        const product = await productRefs(ctx.db, storeId, [row.product_id]);
        const review = toAdminReview(row, media, product(row.product_id));
        return c.json(review, 200, { "Cache-Control": "no-store", ETag: review.etag });
      },
    );

    app.patch(
      "/v1/admin/reviews/:id",
      describeRoute({
        summary: "Publish, hold or reject a review; set or remove the merchant's reply",
        params: { id: { description: "Review id" } },
        headers: [{ name: "If-Match", required: false }],
        body: ReviewPatch,
        responses: { 200: AdminReview },
        errors: [400, 404, 409, 422],
        examples: [
          {
            summary: "publish with a reply",
            params: { id: "{{reviewId}}" },
            body: { status: "published", reply: "Thank you, Alex!" },
            status: 200,
          },
          { summary: "an empty change", params: { id: "{{reviewId}}" }, body: {}, status: 422 },
        ],
      }),
      requireScope("reviews:moderate"),
      async (c) => {
        const patch = parseOrFail(ReviewPatch, await readJsonBody(c));
        const reviewId = c.req.param("id");
        const action = auditActionOf(patch);
        const review = await moderateReview(
          ctx,
          c.get("store").id,
          reviewId,
          patch,
          publicOriginOf(c, ctx),
          auditEvent(c, ctx, action, reviewId),
          c.req.header("if-match"),
        );
        return c.json(review, 200, { ETag: review.etag });
      },
    );
  },
};
