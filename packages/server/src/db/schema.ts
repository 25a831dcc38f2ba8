import type { Generated } from "kysely";
import type { AdminUserTables } from "../admin-users/tables.ts";
import type { AuditTables } from "../audit/audit-table.ts";
import type { JobTables } from "../jobs/job-table.ts";
import type { KeyTables } from "../keys/key-tables.ts";
import type { LoyaltyTables } from "../loyalty/loyalty-tables.ts";
import type { MediaTables } from "../media/media-table.ts";
import type { PrivacyTables } from "../privacy/privacy-tables.ts";
import type { ReviewRequestTables } from "../review-requests/request-tables.ts";
import type { SuppressionTables } from "../suppression/suppression-tables.ts";

// The database's shape for Kysely. Booleans are integers (0/1) and times are ISO 8601 UTC strings
// ("2026-01-02T03:04:05.678Z") on both SQLite and PostgreSQL, so the same queries and the same
// lexicographic ordering work on both.

export interface StoresTable {
  id: string;
  name: string;
  /**
   * The one secret of the days before named keys; migration 0010 moved it into admin_keys and
   * signing_secrets and emptied it ("" and a unique placeholder). Unused.
   */
  secret_key: string;
  secret_hash: string;
  /** JSON array of origins; a `*` in place of the port allows any port (http://localhost:*). */
  allowed_origins: string;
  /** JSON `RateLimitSettings` or null for the defaults. */
  rate_limits: string | null;
  token_lifetime_seconds: Generated<number>;
  moderation: Generated<"publish" | "hold">;
  created_at: string;
  /** Bytes of media the store may keep; null: the default (media/media-limits.ts). */
  media_quota_bytes: Generated<number | string | null>;
  /** 1: media from reviewers without a verified purchase wait for moderation. */
  hold_unverified_media: Generated<number>;
  /** IANA time zone the admin counts the store's days in; null: UTC (contract/time-zone.ts). */
  time_zone: Generated<string | null>;
}

export interface ProductsTable {
  store_id: string;
  product_id: string;
  name: string | null;
  /** The catalog's facts (catalog/), null until the merchant sends them. */
  url: string | null;
  image_url: string | null;
  brand: string | null;
  gtin: string | null;
  mpn: string | null;
  sku: string | null;
  group_id: string | null;
  updated_at: string | null;
}

export interface ReviewsTable {
  id: string;
  store_id: string;
  product_id: string;
  rating: number;
  title: string;
  body: string;
  /** Lower-cased title + body (JavaScript's Unicode lower-casing) for case-insensitive search. */
  search_text: string;
  author_name: string;
  author_email: string;
  customer_id: string | null;
  verified: number;
  status: "published" | "pending" | "rejected";
  created_at: string;
  helpful_up: Generated<number>;
  helpful_down: Generated<number>;
  /** helpful_up − helpful_down, kept as a column so the `helpful` sort can page by keyset. */
  helpful_score: Generated<number>;
  reply_body: string | null;
  reply_at: string | null;
  media_count: Generated<number>;
  /** 1 when media_count > 0: the `media` sort's first key. */
  has_media: Generated<number>;
  /** Why the spam rules held it for moderation (reviews/spam-rules.ts); null when not held by them. */
  hold_reason: Generated<string | null>;
  /** A keyed hash of the sender's address (never the address): bursts from one address. */
  sender_key: Generated<string | null>;
  /** A hash of the normalised body: the same text sent for several products. */
  body_hash: Generated<string | null>;
}

export interface ReviewVotesTable {
  review_id: string;
  voter: string;
  /** +1 helpful, −1 not helpful. */
  value: number;
  created_at: string;
}

export interface RatingSummariesTable {
  store_id: string;
  product_id: string;
  count: number;
  rating_sum: number;
  h1: number;
  h2: number;
  h3: number;
  h4: number;
  h5: number;
  media_count: number;
}

export interface OrdersTable {
  store_id: string;
  order_id: string;
  customer_id: string;
  email: string | null;
  total: number;
  currency: string;
  referral_code: string | null;
  created_at: string;
  /** For the review request's greeting; null when the store did not send it. */
  customer_name: string | null;
  /** BCP 47 tag of the shopper's language (the review request's language), or null. */
  locale: string | null;
  /** When the order reached the shopper (or shipped): review requests count from here. */
  fulfilled_at: string | null;
}

export interface OrderItemsTable {
  store_id: string;
  order_id: string;
  product_id: string;
  quantity: number;
  price: number;
}

export interface ReviewTables {
  stores: StoresTable;
  products: ProductsTable;
  reviews: ReviewsTable;
  review_votes: ReviewVotesTable;
  rating_summaries: RatingSummariesTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
}

/**
 * Every table of the server. Loyalty and media add their tables as their own interface in their
 * own file and extend this one (`extends ReviewTables, LoyaltyTables`).
 */
export interface Schema
  extends ReviewTables,
    LoyaltyTables,
    MediaTables,
    JobTables,
    SuppressionTables,
    ReviewRequestTables,
    AuditTables,
    KeyTables,
    PrivacyTables,
    AdminUserTables {}
