// The shared store's state, one slice per concern (docs/core-api.md). Other packages may add
// their own top-level keys (see `ensureSlice` in store.ts): the index signature lets them.
import type { StoreApi } from "zustand/vanilla";
import type {
  Review,
  ReviewInput,
  ReviewQuery,
  SubmitReviewResponse,
  Summary,
  VoteValue,
} from "./api-types.ts";
import type { PlauditClient } from "./client.ts";
import type { PlauditError } from "./errors.ts";
import type { PlauditEvents } from "./events.ts";

/** Which API and store a widget talks to (from its WidgetConfig). */
export interface StoreConfig {
  apiBase: string;
  store: string;
}

export interface Loadable<T> {
  status: "idle" | "loading" | "ready" | "error";
  data?: T;
  error?: PlauditError;
}

export interface ReviewListState {
  productId: string;
  /** The query without its cursor. */
  query: ReviewQuery;
  status: "idle" | "loading" | "ready" | "error" | "loading-more";
  items: Review[];
  nextCursor: string | null;
  total: number;
  /** The server's search stopped at its match cap (`totalCapped`): `total` is a floor. */
  totalCapped?: boolean;
  /** Reviews taken out since the list loaded (the merchant removed them: a vote found a 404). */
  removed?: number;
  error?: PlauditError;
}

export interface SubmissionState {
  status: "idle" | "sending" | "sent" | "error";
  result?: SubmitReviewResponse;
  error?: PlauditError;
}

export interface PlauditState {
  /** key: summaryKey(store, productId) */
  summaries: Record<string, Loadable<Summary>>;
  /** key: listKey(store, productId, query) */
  reviewLists: Record<string, ReviewListState>;
  /** reviewId → this shopper's vote */
  myVotes: Record<string, VoteValue>;
  /** key: summaryKey(store, productId) */
  submissions: Record<string, SubmissionState>;
  /** The shopper on this page: one identity for every widget (shopper.ts). */
  shopper: { customerToken?: string };
  /** Slices added by other packages (loyalty, media…), typed by their owners. */
  [slice: string]: unknown;
}

export interface PlauditActions {
  /** One client per (apiBase, store). */
  client(config: StoreConfig): PlauditClient;
  /** Batched through the client; skips a summary already loading or loaded. Never rejects: errors live in state. */
  loadSummary(config: StoreConfig, productId: string): Promise<void>;
  /** Replaces the list; returns its key. An identical list already loading is not fetched twice. Never rejects. */
  loadReviews(config: StoreConfig, productId: string, query?: ReviewQuery): Promise<string>;
  /** Appends the next cursor page. Never rejects. */
  loadMoreReviews(config: StoreConfig, listKey: string): Promise<void>;
  /** Optimistic; rolls back and rejects with the PlauditError on failure. */
  vote(config: StoreConfig, review: Review, value: VoteValue): Promise<void>;
  /**
   * The page's shopper is the one the store's server signed this token for (a host's or the script
   * tag's data-customer-token, or an npm option). Empty or absent changes nothing. `null` says
   * "signed out": the page has no shopper from now on (the script tag's token is not read again),
   * and every widget shows its guest view — a single-page storefront calls it when the shopper
   * signs out without a page load.
   */
  identifyShopper(customerToken: string | null | undefined): void;
  /** The page's shopper token: as identified, else the script tag's (read once); undefined: a guest. */
  customerToken(): string | undefined;
  /**
   * Sends with the page's shopper token unless `input` names one; emits review:submitted (with the
   * token, so loyalty refreshes the balance); refreshes the product's summary when published.
   * Rejects on failure.
   */
  submitReview(config: StoreConfig, productId: string, input: ReviewInput): Promise<SubmitReviewResponse>;
  /** Stable anonymous id in localStorage (falls back to memory). */
  voterId(): string;
  events: PlauditEvents;
}

export type PlauditStore = StoreApi<PlauditState> & PlauditActions;

/** What a slice's actions are built from. */
export interface SliceContext {
  api: StoreApi<PlauditState>;
  client(config: StoreConfig): PlauditClient;
  events: PlauditEvents;
  /** The browser storage the store keeps the voter id and votes in (may be undefined or throw). */
  storage: () => Storage | undefined;
  voterId(): string;
  /** The page's shopper token (store.customerToken): votes and reviews speak for that customer. */
  customerToken(): string | undefined;
  loadSummary(config: StoreConfig, productId: string, force?: boolean): Promise<void>;
}
