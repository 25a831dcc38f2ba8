// The reviews widget's logic with no DOM and no Preact (the "connector"): which list the shopper is
// looking at, and the actions that change it. A React or Vue storefront can drive its own view with it.
import {
  isGone,
  type Loadable,
  listKey,
  type PlauditClient,
  type PlauditStore,
  type Rating,
  type Review,
  type ReviewInput,
  type ReviewListState,
  type ReviewQuery,
  type ReviewSort,
  type StoreConfig,
  type SubmitReviewResponse,
  type Summary,
  summaryKey,
  type VoteValue,
} from "@plaudit/core";

/** How a helpful vote went: counted, refused (rolled back), or on a review removed since the page loaded. */
export type VoteOutcome = "saved" | "failed" | "gone";

export interface ReviewFilters {
  sort: ReviewSort;
  /** Star ratings to show; empty shows all. */
  rating: Rating[];
  media: boolean;
  verified: boolean;
  /** Text search as submitted (not as typed). */
  q: string;
}

export interface ReviewsState {
  productId: string;
  filters: ReviewFilters;
  summary: Loadable<Summary> | undefined;
  list: ReviewListState | undefined;
  myVotes: Record<string, VoteValue>;
}

export interface ReviewsActions {
  setSort(sort: ReviewSort): void;
  toggleRating(rating: Rating): void;
  setMedia(on: boolean): void;
  setVerified(on: boolean): void;
  /** Searches now (Enter). */
  search(q: string): void;
  /** Searches once typing pauses. */
  searchSoon(q: string): void;
  clearFilters(): void;
  loadMore(): Promise<void>;
  /** Loads the summary and the list again after an error. */
  retry(): void;
  /**
   * Optimistic; "failed" when the server refused and the vote was rolled back, "gone" when the
   * review was removed since the page loaded (404: it left the list).
   */
  vote(review: Review, value: VoteValue): Promise<VoteOutcome>;
  /**
   * Sends a review of this product through the store (with the page's shopper token), so a
   * headless storefront can submit without the Preact view. Rejects with the PlauditError.
   */
  submitReview(input: ReviewInput): Promise<SubmitReviewResponse>;
  /** Uploads a photo or video for a review (through the same store). */
  uploadMedia: PlauditClient["uploadMedia"];
}

export interface ReviewsController {
  getState(): ReviewsState;
  subscribe(listener: () => void): () => void;
  actions: ReviewsActions;
  /** Loads the summary and the first page. */
  start(): void;
  destroy(): void;
}

export interface ReviewsControllerOptions {
  store: PlauditStore;
  config: StoreConfig;
  productId: string;
  pageSize?: number;
  searchDelayMs?: number;
}

export const DEFAULT_FILTERS: ReviewFilters = {
  sort: "newest",
  rating: [],
  media: false,
  verified: false,
  q: "",
};

/** The API query for a set of filters: defaults left out, so equal filters share one list. */
export function toReviewQuery(filters: ReviewFilters, limit: number): ReviewQuery {
  const query: ReviewQuery = { sort: filters.sort, limit };
  if (filters.rating.length) query.rating = [...filters.rating].sort();
  if (filters.media) query.media = true;
  if (filters.verified) query.verified = true;
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}

export function createReviewsController(options: ReviewsControllerOptions): ReviewsController {
  const { store, config, productId, pageSize = 10, searchDelayMs = 400 } = options;
  let filters = DEFAULT_FILTERS;
  let snapshot: ReviewsState | undefined;
  // The last list shown with cards, and what stands for a new one still loading (see getState).
  let lastCards: ReviewListState | undefined;
  let held: ReviewListState | undefined;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();

  const currentKey = () => listKey(config.store, productId, toReviewQuery(filters, pageSize));

  function getState(): ReviewsState {
    const state = store.getState();
    const summary = state.summaries[summaryKey(config.store, productId)];
    let list = state.reviewLists[currentKey()];
    if (list?.items.length) lastCards = list;
    else if (list?.status === "loading" && lastCards) {
      // Another sort or filter on a slow API: the cards shown stay, busy (dimmed) and without
      // "Load more", until the answer replaces them. A skeleton in their place would move
      // everything below the widget twice, the second time long after the shopper's input.
      if (held?.items !== lastCards.items) held = { ...lastCards, status: "loading", nextCursor: null };
      list = held;
    }
    const myVotes = state.myVotes;
    // Same inputs, same object: views re-render only when something they show changed.
    if (
      snapshot?.filters !== filters ||
      snapshot.summary !== summary ||
      snapshot.list !== list ||
      snapshot.myVotes !== myVotes
    ) {
      snapshot = { productId, filters, summary, list, myVotes };
    }
    return snapshot;
  }

  let shown = getState();
  const notify = () => {
    const next = getState();
    if (next === shown) return;
    shown = next;
    for (const listener of [...listeners]) listener();
  };
  const unsubscribe = store.subscribe(notify);

  const loadList = () => void store.loadReviews(config, productId, toReviewQuery(filters, pageSize));
  // A review published from this page (the write dialog) belongs in the list the shopper is looking
  // at; the store refreshes the summary itself, and the client reads past the browser cache after a write.
  const offSubmitted = store.events.on("review:submitted", (detail) => {
    if (detail.store === config.store && detail.productId === productId && detail.status === "published") {
      loadList();
    }
  });

  function setFilters(change: Partial<ReviewFilters>) {
    filters = { ...filters, ...change };
    notify();
    loadList();
  }

  const actions: ReviewsActions = {
    setSort: (sort) => setFilters({ sort }),
    toggleRating(rating) {
      const on = filters.rating.includes(rating);
      setFilters({ rating: on ? filters.rating.filter((r) => r !== rating) : [...filters.rating, rating] });
    },
    setMedia: (media) => setFilters({ media }),
    setVerified: (verified) => setFilters({ verified }),
    search(q) {
      clearTimeout(searchTimer);
      if (q.trim() !== filters.q.trim()) setFilters({ q });
    },
    searchSoon(q) {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => actions.search(q), searchDelayMs);
    },
    clearFilters: () => setFilters({ rating: [], media: false, verified: false, q: "" }),
    loadMore: () => store.loadMoreReviews(config, currentKey()),
    retry() {
      void store.loadSummary(config, productId);
      loadList();
    },
    async vote(review, value) {
      try {
        await store.vote(config, review, value);
        return "saved";
      } catch (error) {
        // Removed by the merchant since the page loaded: the store took it out of the list.
        return isGone(error) ? "gone" : "failed";
      }
    },
    submitReview: (input) => store.submitReview(config, productId, input),
    uploadMedia: (file, options) => store.client(config).uploadMedia(file, options),
  };

  return {
    getState,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    actions,
    start() {
      void store.loadSummary(config, productId);
      loadList();
    },
    destroy() {
      clearTimeout(searchTimer);
      unsubscribe();
      offSubmitted();
      listeners.clear();
    },
  };
}
