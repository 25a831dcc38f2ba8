import * as v from "valibot";
import { ProductRef } from "./catalog.ts";
import {
  cursorPage,
  optionalCustomerToken,
  queryCursor,
  queryFlag,
  queryLimit,
  queryText,
  text,
  timestamp,
} from "./fields.ts";
import { LIMITS } from "./limits.ts";
import {
  MEDIA_KINDS,
  PUBLIC_REVIEW_STATUSES,
  RATINGS,
  REVIEW_SORTS,
  REVIEW_STATUSES,
  VOTE_VALUES,
} from "./vocabulary.ts";

// Reviews, summaries and media as the public API answers them, and what it takes (API.md).

export const Rating = v.picklist(RATINGS);
export type Rating = v.InferOutput<typeof Rating>;

export const Summary = v.object({
  productId: v.string(),
  count: v.number(),
  /** 0 when count is 0; otherwise rounded to 2 decimals. */
  average: v.pipe(v.number(), v.description("0 when count is 0; otherwise rounded to 2 decimals")),
  /** Index 0 holds the 1-star count. */
  histogram: v.pipe(
    v.tuple([v.number(), v.number(), v.number(), v.number(), v.number()]),
    v.description("index 0 holds the 1-star count"),
  ),
  mediaCount: v.number(),
});
export type Summary = v.InferOutput<typeof Summary>;

export const SummariesResponse = v.object({ items: v.array(Summary) });
export type SummariesResponse = v.InferOutput<typeof SummariesResponse>;

export const Media = v.object({
  id: v.string(),
  kind: v.picklist(MEDIA_KINDS),
  url: v.string(),
  thumbnailUrl: v.string(),
  width: v.number(),
  height: v.number(),
  /** WebP sizes (for a video: of its poster). */
  srcset: v.optional(v.string()),
  durationSeconds: v.optional(v.number()),
  /** A CSS colour shown while the image loads (reserves the space, no layout shift). */
  placeholder: v.optional(v.string()),
});
export type Media = v.InferOutput<typeof Media>;

export const Helpful = v.object({ up: v.number(), down: v.number() });
export type VoteResponse = v.InferOutput<typeof Helpful>;

export const Review = v.object({
  id: v.string(),
  productId: v.string(),
  rating: Rating,
  title: v.string(),
  body: v.string(),
  author: v.object({ name: v.string() }),
  verified: v.boolean(),
  createdAt: timestamp,
  helpful: Helpful,
  reply: v.nullable(v.object({ body: v.string(), createdAt: timestamp })),
  media: v.array(Media),
});
export type Review = v.InferOutput<typeof Review>;

export const ReviewPage = v.object({
  items: v.array(Review),
  nextCursor: v.nullable(v.string()),
  total: v.number(),
  /**
   * A text search (`q`) stopped at its first matches in the list's order (1,000): `total` is then
   * "at least". Absent otherwise.
   */
  totalCapped: v.optional(
    v.pipe(v.literal(true), v.description("the search stopped at its first 1,000 matches: total is a floor")),
  ),
});
export type ReviewPage = v.InferOutput<typeof ReviewPage>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const RATING_MESSAGE = "must be an integer from 1 to 5";

/** What a shopper submits (POST …/reviews). */
export const ReviewSubmission = v.object(
  {
    rating: v.pipe(
      v.number(RATING_MESSAGE),
      v.integer(RATING_MESSAGE),
      v.minValue(1, RATING_MESSAGE),
      v.maxValue(5, RATING_MESSAGE),
    ),
    title: v.optional(text(0, LIMITS.titleMax, "a title"), ""),
    body: text(1, LIMITS.bodyMax, "a review"),
    author: v.object(
      {
        name: text(1, LIMITS.authorNameMax, "a name"),
        email: v.pipe(
          v.string("must be an email address"),
          v.trim(),
          v.maxLength(LIMITS.emailMax, "must be an email address"),
          v.regex(EMAIL, "must be an email address"),
        ),
      },
      "must be an object with name and email",
    ),
    mediaIds: v.optional(
      v.pipe(
        v.array(
          v.pipe(v.string("must be media ids"), v.minLength(1), v.maxLength(LIMITS.mediaIdMax)),
          "must be a list of media ids",
        ),
        v.maxLength(LIMITS.mediaPerReview, `must hold at most ${LIMITS.mediaPerReview} media ids`),
      ),
      [],
    ),
    /** The shopper's customer token (API.md), when the store's page has one: verified + points. */
    customerToken: optionalCustomerToken,
    /** Honeypot: real shoppers never fill it; a non-empty value is accepted and discarded. */
    website: v.optional(v.pipe(v.string("must be a string"), v.description("honeypot: leave empty")), ""),
  },
  "must be a JSON object",
);
export type ReviewSubmission = v.InferOutput<typeof ReviewSubmission>;
/** What a client sends: defaults may be left out. */
export type ReviewInput = v.InferInput<typeof ReviewSubmission>;

export const SubmitReviewResponse = v.object({
  review: Review,
  status: v.picklist(PUBLIC_REVIEW_STATUSES),
  /**
   * Photos and videos of this review held for a moderator (the reviewer has no verified purchase
   * and the store holds such media); absent when none are.
   */
  mediaHeld: v.optional(
    v.pipe(v.number(), v.description("photos and videos held for a moderator before they are shown")),
  ),
});
export type SubmitReviewResponse = v.InferOutput<typeof SubmitReviewResponse>;

export const VoteSubmission = v.object(
  {
    value: v.picklist(VOTE_VALUES, 'must be "up" or "down"'),
    voter: text(1, LIMITS.voterMax, "a voter id"),
    /** The shopper's customer token, as the X-Plaudit-Customer header would carry it (either works). */
    customerToken: optionalCustomerToken,
  },
  "must be a JSON object",
);
export type VoteInput = v.InferOutput<typeof VoteSubmission>;

export const GalleryItem = v.object({
  ...Media.entries,
  reviewId: v.string(),
  productId: v.string(),
  rating: Rating,
});
export type GalleryItem = v.InferOutput<typeof GalleryItem>;
export const GalleryPage = cursorPage(GalleryItem);
export type GalleryPage = v.InferOutput<typeof GalleryPage>;

// Query strings (fields.ts: checked with the client's messages, then parsed; the OpenAPI document
// shows what each takes and its default).

const productId = text(1, LIMITS.productIdMax, "a product id");
const cursor = queryCursor(LIMITS.cursorMax);

export const SummariesQuery = v.object({
  products: v.pipe(
    v.string(`must list 1–${LIMITS.summariesMax} product ids`),
    v.description(`comma list of 1–${LIMITS.summariesMax} product ids, answered in the order asked`),
    v.transform((list) => (list === "" ? [] : list.split(","))),
    v.minLength(1, `must list 1–${LIMITS.summariesMax} product ids`),
    v.maxLength(LIMITS.summariesMax, `must list 1–${LIMITS.summariesMax} product ids`),
    v.check(
      (ids) => ids.every((id) => id.length > 0 && [...id].length <= LIMITS.productIdMax),
      `each product id must be 1–${LIMITS.productIdMax} characters`,
    ),
  ),
});

/** The review list's filters (the public list and the moderation queue share them). */
const listFilters = {
  rating: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^ *(?:[1-5] *(?:, *[1-5] *)*)?$/, "must be a comma list of ratings 1–5"),
      v.description("comma list of 1–5"),
      v.transform((list) => {
        const ratings = [
          ...new Set(
            list
              .split(",")
              .filter((r) => r.trim() !== "")
              .map(Number),
          ),
        ];
        return ratings.length > 0 ? (ratings as Rating[]) : undefined;
      }),
    ),
  ),
  media: queryFlag,
  verified: queryFlag,
  q: queryText(LIMITS.searchMax, "text search in title and body"),
};

export const ReviewListQuery = v.object({
  sort: v.optional(v.picklist(REVIEW_SORTS, `must be one of ${REVIEW_SORTS.join(", ")}`), "newest"),
  ...listFilters,
  limit: queryLimit(LIMITS.listLimitMax, LIMITS.listLimitDefault),
  cursor,
});
export type ReviewListQuery = v.InferOutput<typeof ReviewListQuery>;

export const GalleryQuery = v.object({
  limit: queryLimit(LIMITS.listLimitMax, LIMITS.galleryLimitDefault),
  product: v.optional(productId),
  cursor,
});

// The merchant's moderation (admin API).

export const AdminReview = v.object({
  ...Review.entries,
  status: v.picklist(REVIEW_STATUSES),
  author: v.object({ name: v.string(), email: v.string() }),
  /** The reviewed product as the catalog names it (`productId` is its id). */
  product: ProductRef,
  /**
   * Why the spam rules held the review for moderation (links, repeated text, the same text as the
   * sender's review of another product, a burst from one address); null when they did not.
   */
  holdReason: v.optional(v.nullable(v.string())),
  /** The review's version as read: send it back as If-Match (409 conflict when it changed since). */
  etag: v.pipe(v.string(), v.description("the review's version: send it as If-Match when writing")),
});
export type AdminReview = v.InferOutput<typeof AdminReview>;
/** The moderation queue's page; `total` (first page only) is how many reviews the filters match. */
export const AdminReviewPage = v.object({
  ...cursorPage(AdminReview).entries,
  total: v.optional(
    v.pipe(
      v.number(),
      v.description(
        "How many reviews match the filters: on the first page (no cursor) only; the next pages leave it out",
      ),
    ),
  ),
});
export type AdminReviewPage = v.InferOutput<typeof AdminReviewPage>;

export const AdminReviewQuery = v.object({
  status: v.optional(v.picklist(REVIEW_STATUSES, "must be pending, published or rejected")),
  product: v.optional(productId),
  // The public list's filters, by the same rules.
  ...listFilters,
  limit: queryLimit(LIMITS.adminListLimitMax, LIMITS.adminListLimitDefault),
  cursor,
});

export const ReviewPatch = v.object(
  {
    status: v.optional(v.picklist(REVIEW_STATUSES, "must be published, pending or rejected")),
    /** The merchant's public reply; null removes it. */
    reply: v.optional(v.nullable(text(1, LIMITS.bodyMax, "a reply"))),
  },
  "must be a JSON object",
);
export type AdminReviewPatch = v.InferOutput<typeof ReviewPatch>;

/**
 * One change for many reviews, all or none: each item names a review and, optionally, the version
 * the moderator saw (its etag, as If-Match). One missing or changed review refuses the whole batch.
 */
export const ReviewBulkPatch = v.object(
  {
    items: v.pipe(
      v.array(
        v.object(
          {
            id: text(1, LIMITS.reviewIdMax, "a review id"),
            etag: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.etagMax))),
          },
          "must be an object with an id",
        ),
        "must be a list of reviews",
      ),
      v.minLength(1, "must name at least one review"),
      v.maxLength(LIMITS.adminListLimitMax, `must name at most ${LIMITS.adminListLimitMax} reviews`),
    ),
    ...ReviewPatch.entries,
  },
  "must be a JSON object",
);
export type ReviewBulkPatch = v.InferOutput<typeof ReviewBulkPatch>;
export const ReviewBulkResult = v.object({ items: v.array(AdminReview) });
export type ReviewBulkResult = v.InferOutput<typeof ReviewBulkResult>;

/** Reject one photo or video, or restore it. */
export const MediaPatch = v.object(
  { status: v.picklist(["rejected", "ready"], "must be rejected or ready") },
  "must be a JSON object",
);
/** The moderator's statuses of a photo or video: shown, held for a decision, or rejected. */
export const ADMIN_MEDIA_STATUSES = ["ready", "held", "rejected"] as const;
export const AdminMedia = v.object({
  ...Media.entries,
  status: v.picklist(ADMIN_MEDIA_STATUSES),
  reviewId: v.nullable(v.string()),
  /**
   * Its version as read: PATCH /v1/admin/media/{id} with it as `If-Match` is 409 conflict when
   * another moderator decided about it since (its status moved).
   */
  etag: v.string(),
});

/** GET /v1/admin/media: attached photos and videos by status (held ones wait for a moderator). */
export const AdminMediaQuery = v.object({
  status: v.optional(v.picklist(ADMIN_MEDIA_STATUSES, `must be one of ${ADMIN_MEDIA_STATUSES.join(", ")}`)),
  review: v.optional(
    v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.description("only this review's media")),
  ),
  limit: queryLimit(LIMITS.adminListLimitMax, LIMITS.adminListLimitDefault),
  cursor,
});
export const AdminMediaItem = v.object({
  ...AdminMedia.entries,
  productId: v.string(),
  /** The reviewed product as the catalog names it. */
  product: ProductRef,
  /** Whether the review's author bought the product (held media come from reviews that are not). */
  verified: v.boolean(),
  createdAt: timestamp,
});
export const AdminMediaPage = cursorPage(AdminMediaItem);
export type AdminMediaPage = v.InferOutput<typeof AdminMediaPage>;
