import {
  Helpful,
  LIMITS,
  Review,
  ReviewListQuery,
  ReviewPage,
  ReviewSubmission,
  SubmitReviewResponse,
  SummariesQuery,
  SummariesResponse,
  Summary,
  VoteSubmission,
} from "@plaudit/contract";
import type { Context } from "hono";
import type { AppContext, AppEnv, RouteModule } from "../context.ts";
import { ApiError } from "../errors.ts";
import { cacheableJson } from "../http/cache.ts";
import { clientKey } from "../http/client-ip.ts";
import { readJsonBody } from "../http/json-body.ts";
import { publicOriginOf } from "../http/public-origin.ts";
import { optionalIdempotencyKeyOf } from "../loyalty/idempotency.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { findPublishedReview } from "../reviews/published-review.ts";
import { type ReviewRow, toPublicReview } from "../reviews/review-json.ts";
import { countReviews, hasFilters, listReviews } from "../reviews/review-list.ts";
import { createReviewSearch } from "../reviews/review-search.ts";
import { submitReview } from "../reviews/review-submit.ts";
import { castVote } from "../reviews/review-votes.ts";
import { getSummaries } from "../reviews/summary-repo.ts";
import { VOTE_VELOCITY, voterKey } from "../reviews/vote-identity.ts";
import { parseOrFail, parseQuery } from "../validation.ts";
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
      ? await ctx.media.forReviews(ctx.db, storeId, withMedia, publicOriginOf(c, ctx))
      : new Map();
  return { items: rows.map((row) => toPublicReview(row, media.get(row.id) ?? [])), nextCursor, total };
}

/** The public reviews API: summaries, the review list, one review, submitting and voting. */
export const reviewRoutes: RouteModule = {
  name: "reviews",
  register(app, ctx) {
    const search = createReviewSearch();
    app.get(
      "/v1/stores/:store/products/:product/summary",
      describeRoute({
        summary: "Rating summary of one product",
        responses: { 200: Summary },
        errors: [404, 422],
        cacheable: true,
        examples: [
          { summary: "a reviewed product", params: { store: "demo", product: "tee-classic" }, status: 200 },
          {
            summary: "an unknown store",
            params: { store: "no-such-store", product: "tee-classic" },
            status: 404,
          },
        ],
      }),
      async (c) => {
        const [summary] = await getSummaries(ctx.db, c.get("store").id, [productParam(c)]);
        return cacheableJson(c, summary);
      },
    );

    app.get(
      "/v1/stores/:store/summaries",
      describeRoute({
        summary: `Rating summaries of 1–${LIMITS.summariesMax} products, in the order asked`,
        description: "An unknown product gets a zero summary.",
        query: SummariesQuery,
        responses: { 200: SummariesResponse },
        errors: [404, 422],
        cacheable: true,
        examples: [
          {
            summary: "a collection page's badges",
            params: { store: "demo" },
            query: { products: "tee-classic,mug-enamel" },
            status: 200,
          },
          { summary: "no products asked", params: { store: "demo" }, query: { products: "" }, status: 422 },
        ],
      }),
      async (c) => {
        const { products: ids } = parseQuery(c, SummariesQuery);
        return cacheableJson(c, { items: await getSummaries(ctx.db, c.get("store").id, ids) });
      },
    );

    app.get(
      "/v1/stores/:store/products/:product/reviews",
      describeRoute({
        summary: "Published reviews of a product, one page",
        description:
          "Paging by opaque cursor is stable while new reviews arrive. `helpful` sorts by net votes (up − down); `media` puts reviews with photos or videos first. Searches (`q`) are limited per client address (429 with Retry-After beyond a burst of 20, one a second after); a term's matches are reused for up to 30 s.",
        query: ReviewListQuery,
        responses: { 200: ReviewPage },
        errors: [404, 422, 429],
        cacheable: true,
        examples: [
          {
            summary: "the first page, newest first",
            params: { store: "demo", product: "tee-classic" },
            status: 200,
          },
          {
            summary: "5- and 4-star reviews with photos, most helpful first",
            params: { store: "demo", product: "tee-classic" },
            query: { sort: "helpful", rating: "5,4", media: "1", limit: "5" },
            status: 200,
          },
          {
            summary: "an unknown sort",
            params: { store: "demo", product: "tee-classic" },
            query: { sort: "best" },
            status: 422,
          },
        ],
      }),
      async (c) => {
        const productId = productParam(c);
        const query = parseReviewQuery(parseQuery(c, ReviewListQuery));
        const storeId = c.get("store").id;
        const term = query.filters.search;
        // Each different term is real work: one address may search only so often (429 beyond).
        if (term !== undefined) await limitSearches(ctx, storeId, clientKey(c, ctx.trustProxy));
        if (term !== undefined && ctx.db.kind === "sqlite") {
          // SQLite holds the process while a query runs: search in bounded chunks (review-search.ts).
          const found = await search.page(ctx.db, {
            storeId,
            productId,
            filters: { ...query.filters, search: term },
            sort: query.sort,
            limit: query.limit,
            ...(query.cursorValues ? { cursorValues: query.cursorValues } : {}),
          });
          const body = await listBody(ctx, c, storeId, found.rows, found.nextCursor, found.total);
          return cacheableJson(c, found.capped ? { ...body, totalCapped: true } : body);
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
      },
    );

    app.post(
      "/v1/stores/:store/products/:product/reviews",
      describeRoute({
        summary: "Submit a review",
        description:
          "Verified when the customer token is valid and that customer ordered the product. Whether it is published at once or held never depends on the rating, nor do the points it earns. Held for moderation (status pending, the reason shown to the moderator) when the store holds every review, or when the spam rules see links, repeated text, the same text as the sender's review of another product, or a burst from one address. With an Idempotency-Key, the same key and review are stored once and answered again (a retry after a lost answer); the same key with another review is 409 idempotency_conflict.",
        headers: [{ name: "Idempotency-Key", required: false }],
        body: ReviewSubmission,
        responses: {
          201: { schema: SubmitReviewResponse, description: "Accepted (published or held for moderation)" },
        },
        errors: [400, 401, 403, 404, 409, 413, 422, 429],
        examples: [
          {
            summary: "a shopper's review with their customer token",
            params: { store: "demo", product: "tee-classic" },
            body: {
              rating: 5,
              title: "Soft and true to size",
              body: "Washed it ten times, still looks new.",
              author: { name: "Alex", email: "alex@mail.example" },
              customerToken: "{{customerToken}}",
            },
            status: 201,
          },
          {
            summary: "a rating out of range",
            params: { store: "demo", product: "tee-classic" },
            body: { rating: 6, body: "Too good", author: { name: "Alex", email: "alex@mail.example" } },
            status: 422,
          },
        ],
      }),
      async (c) => {
        const productId = productParam(c);
        const input = parseOrFail(ReviewSubmission, await readJsonBody(c));
        const idempotencyKey = optionalIdempotencyKeyOf(c);
        const result = await submitReview(ctx, c.get("store"), productId, input, publicOriginOf(c, ctx), {
          senderAddress: clientKey(c, ctx.trustProxy),
          ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
        });
        return c.json(result, 201);
      },
    );

    // The gallery's lightbox shows the review behind a photo without paging through a product's list.
    app.get(
      "/v1/stores/:store/reviews/:id",
      describeRoute({
        summary: "One published review by id (e.g. the review behind a gallery photo)",
        description:
          "Pending and rejected reviews, unknown ids and other stores' reviews are all 404 review_not_found.",
        params: { id: { description: "Review id" } },
        responses: { 200: Review },
        errors: [404],
        cacheable: true,
        examples: [
          { summary: "a published review", params: { store: "demo", id: "{{reviewId}}" }, status: 200 },
          { summary: "an unknown id", params: { store: "demo", id: "no-such-review" }, status: 404 },
        ],
      }),
      async (c) => {
        const review = await findPublishedReview(
          ctx,
          c.get("store").id,
          c.req.param("id"),
          publicOriginOf(c, ctx),
        );
        if (!review) throw new ApiError(404, "review_not_found", "no published review with this id");
        return cacheableJson(c, review);
      },
    );

    app.post(
      "/v1/stores/:store/reviews/:id/votes",
      describeRoute({
        summary: "Vote a review helpful or not (one vote per customer or address; a new vote replaces it)",
        description:
          "A vote counts once per review per signed-in customer (a valid customer token, in X-Plaudit-Customer or the body's customerToken) or, without one, per client address; `voter` is accepted but counts for nothing. Votes from an address past its rate (a burst of 20, then 20 an hour) are answered with the counts as they stand and not counted. Pending, rejected, unknown and other stores' reviews are 404 review_not_found.",
        params: { id: { description: "Review id" } },
        body: VoteSubmission,
        responses: { 200: Helpful },
        errors: [400, 403, 404, 413, 422, 429],
        examples: [
          {
            summary: "a helpful vote",
            params: { store: "demo", id: "{{reviewId}}" },
            body: { value: "up", voter: "v-4f2a" },
            status: 200,
          },
          {
            summary: "neither up nor down",
            params: { store: "demo", id: "{{reviewId}}" },
            body: { value: "sideways", voter: "v-4f2a" },
            status: 422,
          },
        ],
      }),
      async (c) => {
        const input = parseOrFail(VoteSubmission, await readJsonBody(c));
        const store = c.get("store");
        const address = clientKey(c, ctx.trustProxy);
        const token = c.req.header("x-plaudit-customer") ?? input.customerToken;
        const voter = await voterKey(ctx, store, { token, address });
        // Answered either way (a 429 would tell a script where the limit is); counted only within it.
        const velocity = await ctx.rateLimiter.take(
          `vote-velocity:${store.id}:${address}`,
          VOTE_VELOCITY.rule,
          ctx.clock(),
        );
        return c.json(
          await castVote(ctx, store.id, c.req.param("id"), input, { voter, counted: velocity.allowed }),
        );
      },
    );
  },
};
