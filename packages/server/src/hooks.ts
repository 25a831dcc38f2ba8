import type { Tx } from "./db/transaction.ts";

// Points where other modules join a write, inside its transaction. Loyalty registers here to award
// purchase/referral points on an order and review points on a submitted review; because they run
// in the same transaction, points and the order/review commit or roll back together.

export interface RecordedOrder {
  storeId: string;
  orderId: string;
  customerId: string;
  email: string | null;
  total: number;
  currency: string;
  referralCode: string | null;
  createdAt: string;
  fulfilledAt: string | null;
  items: { productId: string; quantity: number; price: number }[];
}

export interface SubmittedReview {
  storeId: string;
  reviewId: string;
  productId: string;
  customerId: string | null;
  verified: boolean;
  mediaCount: number;
  status: "published" | "pending";
  // No rating on purpose: points must never depend on it (16 CFR 465).
}

/** A review that became published (by moderation; reviewSubmitted covers reviews published at once). */
export type PublishedReview = Omit<SubmittedReview, "status">;

/** An order that reached its shopper (recorded fulfilled, or marked so later; first time only). */
export interface FulfilledOrder {
  storeId: string;
  orderId: string;
  fulfilledAt: string;
}

/** An order refunded or canceled (first time only). */
export interface RefundedOrder {
  storeId: string;
  orderId: string;
}

/** A merchant's reply set on a review that had none. */
export interface RepliedReview {
  storeId: string;
  reviewId: string;
}

/**
 * Each hook runs inside the transaction it joins, through `tx`. If PostgreSQL breaks a deadlock,
 * the whole transaction runs again (db/transaction.ts), hooks included: keep them to database
 * work, or make any other effect idempotent. "Once" below is once per committed transaction.
 */
export interface ServerHooks {
  /** Runs once per new order (not on an idempotent replay). */
  orderRecorded: ((tx: Tx, order: RecordedOrder) => Promise<void>)[];
  /** Runs once per stored review (not for honeypot submissions). */
  reviewSubmitted: ((tx: Tx, review: SubmittedReview) => Promise<void>)[];
  /** Runs when moderation moves a stored review into "published" (loyalty's review points). */
  reviewPublished: ((tx: Tx, review: PublishedReview) => Promise<void>)[];
  /** Runs when moderation moves a published review out of "published" (points taken back). */
  reviewUnpublished: ((tx: Tx, review: PublishedReview) => Promise<void>)[];
  /**
   * Runs when moderation changes which of a review's photos and videos are shown (`mediaCount` is
   * the new count of shown ones), with whether the review is published.
   */
  reviewMediaChanged: ((tx: Tx, review: PublishedReview & { published: boolean }) => Promise<void>)[];
  /** Runs once per order, when it is first known fulfilled (review requests schedule from it). */
  orderFulfilled: ((tx: Tx, order: FulfilledOrder) => Promise<void>)[];
  /** Runs once per refunded order (review requests cancel what is not yet sent). */
  orderRefunded: ((tx: Tx, order: RefundedOrder) => Promise<void>)[];
  /** Runs when a review gets a reply where it had none (the reviewer is told, once). */
  reviewReplied: ((tx: Tx, review: RepliedReview) => Promise<void>)[];
}

export function withDefaultHooks(hooks: Partial<ServerHooks> = {}): ServerHooks {
  return {
    orderRecorded: hooks.orderRecorded ?? [],
    reviewSubmitted: hooks.reviewSubmitted ?? [],
    reviewPublished: hooks.reviewPublished ?? [],
    reviewUnpublished: hooks.reviewUnpublished ?? [],
    reviewMediaChanged: hooks.reviewMediaChanged ?? [],
    orderFulfilled: hooks.orderFulfilled ?? [],
    orderRefunded: hooks.orderRefunded ?? [],
    reviewReplied: hooks.reviewReplied ?? [],
  };
}
