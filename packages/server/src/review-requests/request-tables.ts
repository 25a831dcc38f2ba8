// The review-request tables for Kysely (db/migrations/0032-review-requests.ts).

import type { ReviewRequestStatus } from "@plaudit/contract";

export type { ReviewRequestStatus };

export interface ReviewRequestSettingsTable {
  store_id: string;
  /** JSON of RequestSettings (settings.ts). */
  settings: string;
  updated_at: string;
}

/** One review request per fulfilled order with an email. */
export interface ReviewRequestsTable {
  id: string;
  store_id: string;
  order_id: string;
  /** Null once the address is erased (the request then never sends). */
  email: string | null;
  /** The suppression list's keyed hash of the address: the per-address cap counts by it. */
  address_hash: string;
  status: ReviewRequestStatus;
  scheduled_for: string;
  /** Made when the request is: every attempt at the first message carries this same id. */
  message_id: string;
  sent_at: string | null;
  reminder_sent_at: string | null;
  /** A reminder holds its place under the per-address cap from here until it is sent (or gives up). */
  reminder_claimed_at: string | null;
  clicked_at: string | null;
  reviewed_at: string | null;
  /** Attempts at the first message (SMTP refusals included). */
  attempts: number;
  last_error: string | null;
  created_at: string;
}

export interface ReviewRequestReviewsTable {
  request_id: string;
  product_id: string;
  review_id: string;
  created_at: string;
}

export interface ReviewRequestMediaTable {
  request_id: string;
  product_id: string;
  media_id: string;
  created_at: string;
  /** SHA-256 (hex) of the uploaded file's bytes: one copy of a file per request and product. */
  content_hash: string | null;
}

export interface ReviewRequestTables {
  review_request_settings: ReviewRequestSettingsTable;
  review_requests: ReviewRequestsTable;
  review_request_reviews: ReviewRequestReviewsTable;
  review_request_media: ReviewRequestMediaTable;
}
