import * as v from "valibot";
import { auditEvent } from "../audit/audit-log.ts";
import type { RouteModule } from "../context.ts";
import { ApiError, validationFailed } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { publicOriginOf } from "../http/public-origin.ts";
import { requireScope } from "../http/require-scope.ts";
import { LIMITS } from "../limits.ts";
import { decodeCursor } from "../reviews/cursor.ts";
import { toAdminReview } from "../reviews/review-json.ts";
import { listReviews, type ReviewFilters } from "../reviews/review-list.ts";
import { moderateReview } from "../reviews/review-moderation.ts";
import { reviewEtag } from "../reviews/review-version.ts";
import { parseOrFail, text } from "../validation.ts";
import { parseReviewQuery } from "./review-query.ts";

const ReviewPatchInput = v.object(
  {
    status: v.optional(
      v.picklist(["published", "pending", "rejected"], "must be published, pending or rejected"),
    ),
    reply: v.optional(v.nullable(text(1, LIMITS.bodyMax, "a reply"))),
  },
  "must be a JSON object",
);

const STATUSES = ["pending", "published", "rejected"] as const;

/** The admin list's filters: status, product, rating, media, verified, text (`q`). */
function parseAdminReviewQuery(query: Record<string, string | undefined>) {
  const fields: Record<string, string> = {};
  const status = query.status;
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    fields.status = "must be pending, published or rejected";
  }
  const product = query.product;
  if (product !== undefined && (product.length < 1 || [...product].length > LIMITS.productIdMax)) {
    fields.product = `must be 1–${LIMITS.productIdMax} characters`;
  }
  const limitText = query.limit;
  const limit = limitText === undefined ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) fields.limit = "must be an integer from 1 to 100";
  const cursor = query.cursor;
  const cursorValues = cursor ? decodeCursor("newest", cursor) : undefined;
  if (cursor && !cursorValues) fields.cursor = "is not a cursor of this list; start again without it";
  // The public list's filters, parsed by the public list's rules (one source of truth).
  let filters: ReviewFilters = {};
  try {
    ({ filters } = parseReviewQuery({
      rating: query.rating,
      media: query.media,
      verified: query.verified,
      q: query.q,
    }));
  } catch (error) {
    if (!(error instanceof ApiError) || !error.fields) throw error;
    Object.assign(fields, error.fields);
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return {
    ...(product !== undefined ? { productId: product } : {}),
    ...(status !== undefined ? { status: status as (typeof STATUSES)[number] } : {}),
    filters,
    limit,
    ...(cursorValues ? { cursorValues } : {}),
  };
}

/** The merchant's moderation queue: list reviews by status and filters, publish/reject them, reply. */
export const adminReviewRoutes: RouteModule = {
  name: "admin-reviews",
  register(app, ctx) {
    app.get("/v1/admin/reviews", requireScope("reviews:read"), async (c) => {
      const query = parseAdminReviewQuery(c.req.query());
      const storeId = c.get("store").id;
      const page = await listReviews(ctx.db, { storeId, sort: "newest", ...query });
      const ids = page.rows.filter((r) => Number(r.media_count) > 0).map((r) => r.id);
      const media =
        ids.length > 0
          ? await ctx.media.forReviews(ctx.db, storeId, ids, publicOriginOf(c, ctx.trustProxy))
          : new Map();
      c.header("Cache-Control", "no-store");
      return c.json({
        items: page.rows.map((row) => ({
          ...toAdminReview(row, media.get(row.id) ?? []),
          etag: reviewEtag(row),
        })),
        nextCursor: page.nextCursor,
      });
    });

    // One review, fresh, with its version as the ETag (what a moderator re-reads after a 409).
    app.get("/v1/admin/reviews/:id", requireScope("reviews:read"), async (c) => {
      const storeId = c.get("store").id;
      const row = await ctx.db.kysely
        .selectFrom("reviews")
        .selectAll()
        .where("id", "=", c.req.param("id"))
        .where("store_id", "=", storeId)
        .executeTakeFirst();
      if (!row) throw new ApiError(404, "review_not_found", "no review with this id in this store");
      const media =
        Number(row.media_count) > 0
          ? ((await ctx.media.forReviews(ctx.db, storeId, [row.id], publicOriginOf(c, ctx.trustProxy))).get(
              row.id,
            ) ?? [])
          : [];
      const etag = reviewEtag(row);
      return c.json({ ...toAdminReview(row, media), etag }, 200, { "Cache-Control": "no-store", ETag: etag });
    });

    app.patch("/v1/admin/reviews/:id", requireScope("reviews:moderate"), async (c) => {
      const patch = parseOrFail(ReviewPatchInput, await readJsonBody(c));
      if (patch.status === undefined && patch.reply === undefined) {
        throw new ApiError(422, "validation_failed", "give a status, a reply, or both", {
          status: "give a status, a reply, or both",
        });
      }
      const reviewId = c.req.param("id");
      const action = patch.status === undefined ? "review.reply" : "review.moderate";
      const review = await moderateReview(
        ctx,
        c.get("store").id,
        reviewId,
        patch,
        publicOriginOf(c, ctx.trustProxy),
        auditEvent(c, ctx, action, reviewId),
        c.req.header("if-match"),
      );
      return c.json(review, 200, { ETag: review.etag });
    });
  },
};
