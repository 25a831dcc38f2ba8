import * as v from "valibot";
import { text } from "./fields.ts";
import { LIMITS } from "./limits.ts";

// Orders the store's server reports (POST /v1/admin/orders) and their refunds.

/**
 * Bounded so points (total × points per currency unit, itself ≤ 1,000,000) stay exact integers:
 * no real order is near a hundred million in any currency's main unit.
 */
export const ORDER_MONEY_MAX = 100_000_000;
const money = v.pipe(
  v.number("must be a number"),
  v.finite("must be a number"),
  v.minValue(0, "must not be negative"),
  v.maxValue(ORDER_MONEY_MAX, `must be at most ${ORDER_MONEY_MAX}`),
);

const isoTime = v.pipe(v.string("must be an ISO 8601 time"), v.isoTimestamp("must be an ISO 8601 time"));

export const OrderSubmission = v.object(
  {
    orderId: text(1, 200, "an order id"),
    customerId: text(1, 200, "a customer id"),
    email: v.optional(
      v.pipe(v.string("must be an email address"), v.maxLength(LIMITS.emailMax, "is too long")),
    ),
    total: money,
    currency: v.pipe(
      v.string("must be a currency code"),
      v.regex(/^[A-Za-z]{3}$/, "must be a 3-letter currency code"),
    ),
    items: v.pipe(
      v.array(
        v.object({
          productId: text(1, LIMITS.productIdMax, "a product id"),
          quantity: v.pipe(
            v.number("must be an integer"),
            v.integer("must be an integer"),
            v.minValue(1, "must be at least 1"),
            v.maxValue(1_000_000, "must be at most 1000000"),
          ),
          price: money,
        }),
        "must be a list of items",
      ),
      v.minLength(1, "must hold at least one item"),
      v.maxLength(500, "must hold at most 500 items"),
    ),
    referralCode: v.optional(v.pipe(v.string("must be a string"), v.maxLength(64, "is too long"))),
    createdAt: v.optional(isoTime),
    /** The shopper's name, for the review request's greeting. */
    customerName: v.optional(text(1, LIMITS.authorNameMax, "a name")),
    /** The shopper's language (BCP 47, e.g. de or he-IL): the review request is written in it. */
    locale: v.optional(
      v.pipe(
        v.string("must be a language tag"),
        v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/, "must be a language tag such as en, de or he-IL"),
      ),
    ),
    /** When the order reached the shopper; a review request is scheduled from it. */
    fulfilledAt: v.optional(isoTime),
  },
  "must be a JSON object",
);

/** POST /v1/admin/orders/{orderId}/fulfillment */
export const FulfillmentSubmission = v.object({ fulfilledAt: v.optional(isoTime) }, "must be a JSON object");

export type OrderSubmission = v.InferOutput<typeof OrderSubmission>;
export type OrderInput = v.InferInput<typeof OrderSubmission>;

/** 201 the first time; a replay of the same orderId answers 200 with `created: false`. */
export const OrderRecorded = v.object({ orderId: v.string(), created: v.boolean() });

export const Refund = v.object({
  orderId: v.string(),
  customerId: v.string(),
  pointsReversed: v.number(),
  pointsShortfall: v.number(),
  /** Purchase points still pending (inside the return window), canceled before they could be spent. */
  pointsCanceled: v.number(),
  balance: v.number(),
  created: v.boolean(),
});

/** 201 when the order is first marked fulfilled; a repeat answers 200 with the first time. */
export const OrderFulfilled = v.object({
  orderId: v.string(),
  fulfilledAt: v.string(),
  created: v.boolean(),
});
