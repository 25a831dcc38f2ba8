import * as v from "valibot";
import { timestamp } from "./fields.ts";
import { EMAIL_MAX } from "./limits.ts";
import { TimeZone } from "./time-zone.ts";

// What the admin app's overview and customer screens read (API.md, "Merchant admin").

const day = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day, YYYY-MM-DD"),
  // A real day of the calendar (not 2026-02-30). Valibot runs this check even when the pattern
  // above failed, so it must hold for any string: an invalid Date's toISOString() throws (a 500).
  v.check((s) => {
    const day = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(s);
  }, "must be a day, YYYY-MM-DD"),
);
const average = v.nullable(v.number());

export const OverviewQuery = v.object({
  from: v.optional(
    v.pipe(day, v.description("first day (in the store's time zone); default 83 days before `to`")),
  ),
  to: v.optional(v.pipe(day, v.description("last day (in the store's time zone); default today there"))),
});

const ProductFigure = v.object({
  productId: v.string(),
  name: v.nullable(v.string()),
  url: v.pipe(v.nullable(v.string()), v.description("the product's page in the shop, from the catalog")),
  count: v.number(),
  average: v.number(),
});

/** Figures of the reviews received in the range and not rejected. */
export const Overview = v.object({
  range: v.object({ from: v.string(), to: v.string() }),
  timeZone: v.pipe(v.string(), v.description("the store's time zone: days and weeks start at its midnight")),
  reviews: v.number(),
  average,
  ratingDistribution: v.pipe(v.array(v.number()), v.description("reviews by rating 1–5")),
  withMedia: v.number(),
  verified: v.number(),
  byStatus: v.object({ published: v.number(), pending: v.number(), rejected: v.number() }),
  weeks: v.array(v.object({ week: v.string(), reviews: v.number(), average })),
  topProducts: v.array(ProductFigure),
  bottomProducts: v.array(ProductFigure),
  requests: v.nullable(
    v.object({ created: v.number(), sent: v.number(), clicked: v.number(), reviewed: v.number() }),
  ),
});
export type Overview = v.InferOutput<typeof Overview>;

/** The store's own settings the admin reads and an owner changes. */
export const StoreSettings = v.object({
  timeZone: v.pipe(
    v.string(),
    v.description(
      "IANA time zone the admin counts the store's days in (the overview, the audit log); UTC by default",
    ),
  ),
});
export const StoreSettingsPatch = v.object({
  timeZone: v.pipe(
    v.nullable(TimeZone),
    v.description("an IANA time zone such as America/Los_Angeles; null: UTC"),
  ),
});

export const CustomerSearchQuery = v.object({
  q: v.pipe(
    v.string("must be a customer id or an email address"),
    v.trim(),
    v.check((q) => q.length > 0 && [...q].length <= EMAIL_MAX, "must be a customer id or an email address"),
    v.metadata({ minLength: 1, maxLength: EMAIL_MAX }),
    v.description("a customer id (or its beginning) or an email address"),
  ),
});

export const CustomerMatches = v.object({
  items: v.array(
    v.object({ customerId: v.string(), emails: v.array(v.string()), balance: v.nullable(v.number()) }),
  ),
});
export type CustomerMatches = v.InferOutput<typeof CustomerMatches>;

export const CustomerDetail = v.object({
  customerId: v.string(),
  emails: v.array(v.string()),
  orders: v.number(),
  pointsName: v.string(),
  balance: v.number(),
  lifetimeEarned: v.number(),
  tier: v.nullable(v.string()),
  nextTier: v.nullable(v.object({ name: v.string(), remaining: v.number() })),
  pendingPoints: v.number(),
  pointsExpireAt: v.nullable(timestamp),
  ledger: v.array(
    v.object({
      id: v.string(),
      delta: v.number(),
      action: v.string(),
      reason: v.string(),
      createdAt: timestamp,
    }),
  ),
  redemptions: v.array(
    v.object({
      id: v.string(),
      reward: v.string(),
      pointsSpent: v.number(),
      status: v.string(),
      code: v.nullable(v.string()),
      createdAt: timestamp,
    }),
  ),
});
export type CustomerDetail = v.InferOutput<typeof CustomerDetail>;
