import * as v from "valibot";
import { count, text, timestamp } from "./fields.ts";
import { LIMITS } from "./limits.ts";
import { AdminCustomer, customerId } from "./loyalty.ts";

// Privacy requests (API.md, "Privacy"): everything held about one person, or all of it erased.

const email = v.pipe(
  v.string("must be an email address"),
  v.trim(),
  v.maxLength(LIMITS.emailMax, "must be an email address"),
  v.regex(/^[^\s@]+@[^\s@]+$/, "must be an email address"),
);

/** Who the request is about: the shop's customer id, an address, or both; optionally a voter id. */
export const PrivacySubjectFields = v.object(
  {
    customerId: v.optional(customerId),
    email: v.optional(email),
    voter: v.optional(
      v.pipe(
        text(1, LIMITS.voterMax, "a voter id"),
        v.description("the widget's voter id, to include their votes"),
      ),
    ),
  },
  "must be a JSON object",
);

export const PrivacySubject = v.pipe(
  PrivacySubjectFields,
  v.check((s) => s.customerId !== undefined || s.email !== undefined, "give a customerId, an email, or both"),
);
export type PrivacySubject = v.InferOutput<typeof PrivacySubject>;

const nullableString = v.nullable(v.string());
const nullableTime = v.nullable(timestamp);

const ExportedReview = v.object({
  id: v.string(),
  productId: v.string(),
  rating: v.number(),
  title: v.string(),
  body: v.string(),
  author: v.object({ name: v.string(), email: v.string() }),
  customerId: nullableString,
  verified: v.boolean(),
  status: v.string(),
  createdAt: timestamp,
  reply: v.nullable(v.object({ body: v.string(), at: nullableTime })),
  helpful: v.object({ up: v.number(), down: v.number() }),
  media: v.array(
    v.object({
      id: v.string(),
      kind: v.string(),
      status: v.string(),
      width: v.number(),
      height: v.number(),
      createdAt: timestamp,
      /** Storage keys of the stored files. */
      files: v.array(v.string()),
    }),
  ),
});

const ExportedOrder = v.object({
  orderId: v.string(),
  customerId: v.string(),
  email: nullableString,
  customerName: nullableString,
  locale: nullableString,
  total: v.number(),
  currency: v.string(),
  referralCode: nullableString,
  createdAt: timestamp,
  fulfilledAt: nullableTime,
  items: v.array(v.object({ productId: v.string(), quantity: v.number(), price: v.number() })),
});

const ExportedLoyalty = v.object({
  accounts: v.array(
    v.object({
      customerId: v.string(),
      balance: v.number(),
      lifetimeEarned: v.number(),
      joinedAt: nullableTime,
      lastActivityAt: timestamp,
      referralCode: v.string(),
      birthday: nullableString,
      createdAt: timestamp,
    }),
  ),
  ledger: v.array(v.object({ ...AdminCustomer.entries.history.item.entries, customerId: v.string() })),
  /** Points waiting out the return window. */
  pending: v.array(
    v.object({
      customerId: v.string(),
      action: v.string(),
      reference: v.string(),
      points: v.number(),
      reason: v.string(),
      availableAt: timestamp,
      status: v.string(),
      createdAt: timestamp,
      settledAt: nullableTime,
    }),
  ),
  redemptions: v.array(
    v.object({
      id: v.string(),
      customerId: v.string(),
      rewardId: v.string(),
      /** The reward as it was when redeemed. */
      reward: v.unknown(),
      pointsSpent: v.number(),
      status: v.string(),
      code: nullableString,
      createdAt: timestamp,
      issuedAt: nullableTime,
    }),
  ),
});

const ExportedRequest = v.object({
  id: v.string(),
  orderId: v.string(),
  email: nullableString,
  status: v.string(),
  scheduledFor: timestamp,
  sentAt: nullableTime,
  reminderSentAt: nullableTime,
  clickedAt: nullableTime,
  reviewedAt: nullableTime,
  createdAt: timestamp,
  /** Photos uploaded on the request's page, waiting for their review. */
  waitingMedia: v.array(v.object({ id: v.string(), productId: v.string(), files: v.array(v.string()) })),
});

/** The export: one JSON document of everything one store holds about the person. */
export const PersonExport = v.object({
  store: v.string(),
  exportedAt: timestamp,
  /** The request as it was asked. */
  request: v.object({
    customerId: v.optional(v.string()),
    email: v.optional(v.string()),
    voter: v.optional(v.string()),
  }),
  /** The ids and addresses found to be this person's. */
  person: v.object({ customerIds: v.array(v.string()), emails: v.array(v.string()) }),
  reviews: v.array(ExportedReview),
  votes: v.array(v.object({ reviewId: v.string(), value: v.number(), createdAt: timestamp })),
  orders: v.array(ExportedOrder),
  loyalty: ExportedLoyalty,
  reviewRequests: v.array(ExportedRequest),
  /** Questions and answers are planned (API.md); always empty for now. */
  questions: v.array(v.unknown()),
});
export type PersonExport = v.InferOutput<typeof PersonExport>;

const held = count(0, Number.MAX_SAFE_INTEGER);

/**
 * A lookup (GET /v1/admin/privacy/lookup): who the person is and how much the store holds about
 * them, counted — what support sees before downloading the export or erasing; none of the records.
 */
export const PersonLookup = v.object({
  /** The ids and addresses found to be this person's (as in the export). */
  person: PersonExport.entries.person,
  counts: v.object({
    reviews: held,
    orders: held,
    loyaltyAccounts: held,
    /** Points entries, pending ones included. */
    ledgerEntries: held,
    redemptions: held,
    reviewRequests: held,
    votes: held,
  }),
});
export type PersonLookup = v.InferOutput<typeof PersonLookup>;

/** What an erasure changed (0s when the person was erased before). */
export const ErasureResult = v.object({
  erased: v.object({
    reviews: count(0, Number.MAX_SAFE_INTEGER),
    orders: count(0, Number.MAX_SAFE_INTEGER),
    questions: count(0, Number.MAX_SAFE_INTEGER),
    requests: count(0, Number.MAX_SAFE_INTEGER),
  }),
});
