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
import { listReviews } from "../reviews/review-list.ts";
import { moderateReview } from "../reviews/review-moderation.ts";
import { parseOrFail, text } from "../validation.ts";

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

/** The merchant's moderation queue: list reviews by status, publish/reject them, reply. */
export const adminReviewRoutes: RouteModule = {
  name: "admin-reviews",
  register(app, ctx) {
    app.get("/v1/admin/reviews", requireScope("reviews:read"), async (c) => {
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
      const limit = limitText === undefined ? 20 : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100)
        fields.limit = "must be an integer from 1 to 100";
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
    });
  },
};
