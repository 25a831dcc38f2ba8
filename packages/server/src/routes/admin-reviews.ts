import {
  AdminReview,
  AdminReviewPage,
  AdminReviewQuery,
  LIMITS,
  REVIEW_STATUSES,
  ReviewPatch,
} from "@plaudit/contract";
import { auditEvent } from "../audit/audit-log.ts";
import type { RouteModule } from "../context.ts";
import { ApiError, validationFailed } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { publicOriginOf } from "../http/public-origin.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { decodeCursor } from "../reviews/cursor.ts";
import { toAdminReview } from "../reviews/review-json.ts";
import { listReviews } from "../reviews/review-list.ts";
import { moderateReview } from "../reviews/review-moderation.ts";
import { parseOrFail } from "../validation.ts";

const STATUSES = REVIEW_STATUSES;

/** The merchant's moderation queue: list reviews by status, publish/reject them, reply. */
export const adminReviewRoutes: RouteModule = {
  name: "admin-reviews",
  register(app, ctx) {
    app.get(
      "/v1/admin/reviews",
      describeRoute({
        summary: "Reviews for moderation, newest first",
        query: AdminReviewQuery,
        responses: { 200: AdminReviewPage },
        errors: [422],
        examples: [
          { summary: "the reviews waiting for moderation", query: { status: "pending" }, status: 200 },
          { summary: "an unknown status", query: { status: "spam" }, status: 422 },
        ],
      }),
      requireScope("reviews:read"),
      async (c) => {
        const fields: Record<string, string> = {};
        const status = c.req.query("status");
        if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
          fields.status = "must be pending, published or rejected";
        }
        const product = c.req.query("product");
        if (product !== undefined && (product.length < 1 || [...product].length > LIMITS.productIdMax)) {
          fields.product = `must be 1–${LIMITS.productIdMax} characters`;
        }
        const limitText = c.req.query("limit");
        const limit = limitText === undefined ? LIMITS.adminListLimitDefault : Number(limitText);
        if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.adminListLimitMax)
          fields.limit = `must be an integer from 1 to ${LIMITS.adminListLimitMax}`;
        const cursor = c.req.query("cursor");
        const cursorValues = cursor ? decodeCursor("newest", cursor) : undefined;
        if (cursor && !cursorValues) fields.cursor = "is not a cursor of this list; start again without it";
        if (Object.keys(fields).length > 0) throw validationFailed(fields);

        const storeId = c.get("store").id;
        const page = await listReviews(ctx.db, {
          storeId,
          ...(product !== undefined ? { productId: product } : {}),
          ...(status !== undefined ? { status: status as (typeof STATUSES)[number] } : {}),
          sort: "newest",
          limit,
          ...(cursorValues ? { cursorValues } : {}),
        });
        const ids = page.rows.filter((r) => Number(r.media_count) > 0).map((r) => r.id);
        const media =
          ids.length > 0
            ? await ctx.media.forReviews(ctx.db, storeId, ids, publicOriginOf(c, ctx.trustProxy))
            : new Map();
        c.header("Cache-Control", "no-store");
        return c.json({
          items: page.rows.map((row) => toAdminReview(row, media.get(row.id) ?? [])),
          nextCursor: page.nextCursor,
        });
      },
    );

    app.patch(
      "/v1/admin/reviews/:id",
      describeRoute({
        summary: "Publish, hold or reject a review; set or remove the merchant's reply",
        params: { id: { description: "Review id" } },
        body: ReviewPatch,
        responses: { 200: AdminReview },
        errors: [400, 404, 422],
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
        if (patch.status === undefined && patch.reply === undefined) {
          throw new ApiError(422, "validation_failed", "give a status, a reply, or both", {
            status: "give a status, a reply, or both",
          });
        }
        const reviewId = c.req.param("id");
        const action = patch.status === undefined ? "review.reply" : "review.moderate";
        return c.json(
          await moderateReview(
            ctx,
            c.get("store").id,
            reviewId,
            patch,
            publicOriginOf(c, ctx.trustProxy),
            auditEvent(c, ctx, action, reviewId),
          ),
        );
      },
    );
  },
};
