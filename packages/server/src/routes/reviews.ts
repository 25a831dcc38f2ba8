import type { Context } from "hono";
import type { AppContext, AppEnv, RouteModule } from "../context.ts";
import { ApiError } from "../errors.ts";
import { cacheableJson } from "../http/cache.ts";
import { clientIp } from "../http/client-ip.ts";
import { readJsonBody } from "../http/json-body.ts";
import { publicOriginOf } from "../http/public-origin.ts";
import { LIMITS } from "../limits.ts";
import { findPublishedReview } from "../reviews/published-review.ts";
import { ReviewSubmission, VoteSubmission } from "../reviews/review-input.ts";
import { type ReviewRow, toPublicReview } from "../reviews/review-json.ts";
import { countReviews, hasFilters, listReviews } from "../reviews/review-list.ts";
import { createReviewSearch } from "../reviews/review-search.ts";
import { submitReview } from "../reviews/review-submit.ts";
import { castVote } from "../reviews/review-votes.ts";
import { getSummaries } from "../reviews/summary-repo.ts";
import { VOTE_VELOCITY, voterKey } from "../reviews/vote-identity.ts";
import { parseOrFail } from "../validation.ts";
import { productParam } from "./product-param.ts";
import { parseReviewQuery } from "./review-query.ts";

/** Searches one address may make in a burst, refilled at one a second (`PLAUDIT_RATE_LIMITS=off` lifts it). */
export const SEARCH_RATE_RULE = { capacity: 20, refillPerSecond: 1 };

async function limitSearches(ctx: AppContext, storeId: string, address: string): Promise<void> {
  const decision = await ctx.rateLimiter.take(`search:${storeId}:${address}`, SEARCH_RATE_RULE, ctx.clock());
  if (decision.allowed) return;
  ctx.metrics.rateLimitRejected("ip");
  throw new ApiError(429, "rate_limited", "too many searches; try again later", undefined, {
    "Retry-After": String(decision.retryAfterSeconds),
  });
}

/** A page of the review list as the API answers it, media included. */
async function listBody(
  ctx: AppContext,
  c: Context<AppEnv>,
  storeId: string,
  rows: ReviewRow[],
  nextCursor: string | null,
  total: number,
) {
  const withMedia = rows.filter((r) => Number(r.media_count) > 0).map((r) => r.id);
  const media =
    withMedia.length > 0
      ? await ctx.media.forReviews(ctx.db, storeId, withMedia, publicOriginOf(c, ctx.trustProxy))
      : new Map();
  return { items: rows.map((row) => toPublicReview(row, media.get(row.id) ?? [])), nextCursor, total };
}

/** The public reviews API: summaries, the review list, one review, submitting and voting. */
export const reviewRoutes: RouteModule = {
  name: "reviews",
  register(app, ctx) {
    app.get("/v1/stores/:store/products/:product/summary", async (c) => {
      const [summary] = await getSummaries(ctx.db, c.get("store").id, [productParam(c)]);
      return cacheableJson(c, summary);
    });

    app.get("/v1/stores/:store/summaries", async (c) => {
      const raw = c.req.query("products") ?? "";
      const ids = raw === "" ? [] : raw.split(",");
      if (ids.length < 1 || ids.length > LIMITS.summariesMax) {
        throw new ApiError(
          422,
          "validation_failed",
          `products must list 1–${LIMITS.summariesMax} product ids`,
          {
            products: `must list 1–${LIMITS.summariesMax} product ids`,
          },
        );
      }
      if (ids.some((id) => id.length < 1 || [...id].length > LIMITS.productIdMax)) {
        throw new ApiError(422, "validation_failed", "products holds an empty or too long product id", {
          products: `each product id must be 1–${LIMITS.productIdMax} characters`,
        });
      }
      return cacheableJson(c, { items: await getSummaries(ctx.db, c.get("store").id, ids) });
    });

    const search = createReviewSearch();
    app.get("/v1/stores/:store/products/:product/reviews", async (c) => {
      const productId = productParam(c);
      const query = parseReviewQuery(c.req.query());
      const storeId = c.get("store").id;
      const term = query.filters.search;
      if (term !== undefined) {
        // Each different term is real work: one address may search only so often (429 beyond).
        await limitSearches(ctx, storeId, clientIp(c, ctx.trustProxy));
      }
      if (term !== undefined && ctx.db.kind === "sqlite") {
        const found = await search.page(ctx.db, {
          storeId,
          productId,
          filters: { ...query.filters, search: term },
          sort: query.sort,
          limit: query.limit,
          ...(query.cursorValues ? { cursorValues: query.cursorValues } : {}),
        });
        return cacheableJson(c, await listBody(ctx, c, storeId, found.rows, found.nextCursor, found.total));
      }
      const page = await listReviews(ctx.db, {
        storeId,
        productId,
        status: "published",
        filters: query.filters,
        sort: query.sort,
        limit: query.limit,
        ...(query.cursorValues ? { cursorValues: query.cursorValues } : {}),
      });
      // Without filters the summary's count is the total: one row read instead of a count.
      const total = hasFilters(query.filters)
        ? await countReviews(ctx.db, { storeId, productId, filters: query.filters })
        : ((await getSummaries(ctx.db, storeId, [productId]))[0]?.count ?? 0);
      return cacheableJson(c, await listBody(ctx, c, storeId, page.rows, page.nextCursor, total));
    });

    app.post("/v1/stores/:store/products/:product/reviews", async (c) => {
      const productId = productParam(c);
      const input = parseOrFail(ReviewSubmission, await readJsonBody(c));
      const result = await submitReview(
        ctx,
        c.get("store"),
        productId,
        input,
        publicOriginOf(c, ctx.trustProxy),
        clientIp(c, ctx.trustProxy),
      );
      return c.json(result, 201);
    });

    // The gallery's lightbox shows the review behind a photo without paging through a product's list.
    app.get("/v1/stores/:store/reviews/:id", async (c) => {
      const review = await findPublishedReview(
        ctx,
        c.get("store").id,
        c.req.param("id"),
        publicOriginOf(c, ctx.trustProxy),
      );
      if (!review) throw new ApiError(404, "review_not_found", "no published review with this id");
      return cacheableJson(c, review);
    });

    app.post("/v1/stores/:store/reviews/:id/votes", async (c) => {
      const input = parseOrFail(VoteSubmission, await readJsonBody(c));
      const store = c.get("store");
      const address = clientIp(c, ctx.trustProxy);
      const now = ctx.clock();
      const voter = voterKey(store, { token: c.req.header("x-plaudit-customer"), address, now });
      // Answered either way (a 429 would tell a script where the limit is); counted only within it.
      const velocity = await ctx.rateLimiter.take(
        `vote-velocity:${store.id}:${address}`,
        VOTE_VELOCITY.rule,
        now,
      );
      return c.json(
        await castVote(ctx, store.id, c.req.param("id"), input, { voter, counted: velocity.allowed }),
      );
    });
  },
};
