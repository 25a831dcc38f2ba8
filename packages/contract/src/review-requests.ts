import * as v from "valibot";
import { ProductRef } from "./catalog.ts";
import { count, cursorPage, queryCursor, text, timestamp } from "./fields.ts";
import { LIMITS } from "./limits.ts";
import { PLAUDIT_LOCALES } from "./vocabulary.ts";

// Review requests (API.md, "Review requests"): the store's settings, the request list and its
// funnel. Nothing here can depend on a rating: every fulfilled order is asked alike (16 CFR 465).

const email = v.pipe(
  v.string("must be an email address"),
  v.trim(),
  v.maxLength(LIMITS.emailMax, "is too long"),
  v.email("must be an email address"),
);
const color = v.pipe(
  v.string("must be a #rrggbb color"),
  v.regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb color"),
);

/** The languages of review-request emails, the hosted page and the notifications (he is right to left). */
export const REQUEST_LOCALES = PLAUDIT_LOCALES;
export type RequestLocale = (typeof REQUEST_LOCALES)[number];

/** GET|PUT /v1/admin/review-requests/settings */
export const RequestSettings = v.object(
  {
    enabled: v.boolean("must be true or false"),
    delayDays: v.optional(count(0, 60), 7),
    /** 0: no reminder. */
    reminderDays: v.optional(count(0, 60), 7),
    maxPerAddressPer30Days: v.optional(count(1, 30), 5),
    from: v.object({ name: text(1, 100, "a sender name"), email }, "must be { name, email }"),
    /** Where shoppers' answers to the emails go (Reply-To); null: to `from`. */
    replyTo: v.optional(
      v.pipe(
        v.nullable(email),
        v.description(
          "Where shoppers' answers to the review requests and reply notices go (their Reply-To header), such as your support address; null (the default): to the from address. An addition to shared/API.md's settings (docs/review-requests.md).",
        ),
      ),
      null,
    ),
    /** The merchant's address for reviews awaiting moderation, or null. */
    notifyEmail: v.optional(v.nullable(email), null),
    /** The language of the merchant's notices (additive: API.md names the fields above). */
    notifyLocale: v.optional(
      v.pipe(
        v.picklist(REQUEST_LOCALES, `must be one of ${REQUEST_LOCALES.join(", ")}`),
        v.description(
          "The language of the notices sent to notifyEmail (a review awaiting moderation): en (default), de or he. An addition to shared/API.md's settings (docs/review-requests.md).",
        ),
      ),
      "en",
    ),
    photoIncentivePoints: v.optional(count(0, 1_000_000), 0),
    /** The hosted review page's colors (the widgets' --plaudit-* tokens); unset: the defaults. */
    theme: v.optional(
      v.pipe(
        v.object(
          { accent: v.optional(color), text: v.optional(color), background: v.optional(color) },
          "must be { accent?, text?, background? }",
        ),
        v.description(
          "The hosted review page's colors (#rrggbb; unset: the defaults). An addition to shared/API.md's settings (docs/review-requests.md).",
        ),
      ),
      {},
    ),
  },
  "must be a JSON object",
);
export type RequestSettings = v.InferOutput<typeof RequestSettings>;

/**
 * What GET (and PUT) answer: the saved settings, or the defaults (off, no sender yet: `from` is
 * null), and whether this server can send them.
 */
export const RequestSettingsAnswer = v.object({
  ...RequestSettings.entries,
  from: v.nullable(RequestSettings.entries.from),
  mailReady: v.pipe(
    v.boolean(),
    v.description(
      "Whether this server can send the emails: PLAUDIT_SMTP_URL and PLAUDIT_PUBLIC_URL are set. When false, requests still fall due, wait and say why (lastError) until they are. Read-only; an addition to shared/API.md's settings (docs/review-requests.md).",
    ),
  ),
});
export type RequestSettingsAnswer = v.InferOutput<typeof RequestSettingsAnswer>;

export const REQUEST_STATUSES = [
  "scheduled",
  "sent",
  "reviewed",
  "failed",
  "suppressed",
  "canceled",
] as const;
export type ReviewRequestStatus = (typeof REQUEST_STATUSES)[number];

export const ReviewRequest = v.object({
  id: v.string(),
  orderId: v.string(),
  /** null once the address was erased. */
  email: v.nullable(v.string()),
  status: v.picklist(REQUEST_STATUSES),
  scheduledFor: timestamp,
  sentAt: v.optional(timestamp),
  reminderSentAt: v.optional(timestamp),
  clickedAt: v.optional(timestamp),
  reviewedAt: v.optional(timestamp),
  /** Attempts at the first message (mail-server refusals included). */
  attempts: v.number(),
  lastError: v.optional(v.string()),
  /**
   * The products of the request's order (each once, as the email and the review page list them),
   * named from the catalog as the admin names products everywhere (additive: API.md names only
   * the fields above).
   */
  products: v.array(ProductRef),
});
export type ReviewRequest = v.InferOutput<typeof ReviewRequest>;

export const ReviewRequestPage = cursorPage(ReviewRequest);

export const ReviewRequestQuery = v.object({
  status: v.optional(v.picklist(REQUEST_STATUSES, `must be one of ${REQUEST_STATUSES.join(", ")}`)),
  cursor: queryCursor(LIMITS.cursorMax),
});

/**
 * The hosted review page's form, urlencoded as a browser sends it without JavaScript: every value a
 * string, absent ones empty. Its text is then checked as a ReviewSubmission (rating 1–5, lengths).
 */
export const ReviewPageForm = v.object({
  product: v.optional(v.string(), ""),
  rating: v.optional(v.pipe(v.string(), v.description("1–5")), ""),
  title: v.optional(v.string(), ""),
  body: v.optional(v.string(), ""),
  name: v.optional(v.string(), ""),
});

/** The hosted pages' query: the product the shopper clicked in the email, and the stars. */
export const ReviewPageQuery = v.object({
  product: v.optional(v.pipe(v.string(), v.description("a product of the order"))),
  rating: v.optional(v.pipe(v.string(), v.description("1–5: preselected stars"))),
});

/** The funnel, all time: how many requests are in each state and went through each step. */
export const ReviewRequestMetrics = v.object({
  total: v.number(),
  scheduled: v.number(),
  sent: v.number(),
  reminded: v.number(),
  failed: v.number(),
  clicked: v.number(),
  reviewed: v.number(),
  suppressed: v.number(),
  canceled: v.number(),
});

/**
 * POST /v1/admin/review-requests/suppressions and POST …/suppressions/lift: the address a shopper
 * asked (by the mailto unsubscribe, or by writing to the shop) to stop or resume review requests.
 */
export const SuppressionRequest = v.object(
  {
    email: v.pipe(
      email,
      v.description(
        "The shopper's address; compared without case or surrounding space, as the one-click unsubscribe does.",
      ),
    ),
  },
  "must be a JSON object",
);
export type SuppressionRequest = v.InferOutput<typeof SuppressionRequest>;

/** GET /v1/admin/review-requests/suppressions?email= (the list holds keyed hashes: ask by address). */
export const SuppressionQuery = v.object({ email: SuppressionRequest.entries.email });

/** Why an address is on the store's suppression list. */
export const SUPPRESSION_REASONS = ["unsubscribed", "erased", "bounced"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** Whether the store mails review requests to one address. */
export const SuppressionStatus = v.object({
  /** The address as compared: trimmed, lower case. */
  email: v.string(),
  suppressed: v.boolean(),
  /** Why it is on the list (the first reason stays); null when it is not. */
  reason: v.nullable(v.picklist(SUPPRESSION_REASONS)),
  since: v.nullable(timestamp),
  /**
   * Whether the merchant may lift it. Never for an erased person: their erasure (GDPR art. 17)
   * is what keeps the address off the list of people mailed, and a merchant typing the address
   * back is no request from them.
   */
  liftable: v.boolean(),
  /** The audit log's target for this address: a pseudonym (the store's keyed hash), never the address. */
  auditTarget: v.string(),
});
export type SuppressionStatus = v.InferOutput<typeof SuppressionStatus>;

/** What stopping an address answers: its status, and how many of its requests were stopped now. */
export const SuppressionResult = v.object({
  ...SuppressionStatus.entries,
  stopped: count(0, Number.MAX_SAFE_INTEGER),
});
export type SuppressionResult = v.InferOutput<typeof SuppressionResult>;
