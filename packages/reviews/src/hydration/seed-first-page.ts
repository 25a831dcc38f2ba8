// Seeding the reviews widget's first list page from server-rendered state.
import { listKey, type PlauditStore } from "@plaudit/core";
import { DEFAULT_FILTERS, toReviewQuery } from "../reviews/reviews-controller.ts";
import { sameData, seedSummary } from "./seed-summary.ts";
import { DEFAULT_PAGE_SIZE, type ServerState } from "./server-state.ts";

/** The first page's list key: the one the reviews controller reads with default filters. */
export const firstPageKey = (store: string, productId: string, pageSize = DEFAULT_PAGE_SIZE): string =>
  listKey(store, productId, toReviewQuery(DEFAULT_FILTERS, pageSize));

/**
 * Puts the server's summary and first page into the store under the keys the widget reads. Data
 * the store already has stays (another widget may have newer data); answers whether the store now
 * holds exactly what the server rendered, i.e. whether the widget can hydrate.
 */
export function seedFirstPage(store: PlauditStore, state: ServerState): boolean {
  const reviews = state.reviews;
  if (!reviews) return false;
  const pageSize = state.pageSize ?? DEFAULT_PAGE_SIZE;
  const key = firstPageKey(state.store, state.productId, pageSize);
  const existing = store.getState().reviewLists[key];
  if (!existing) {
    store.setState((current) => ({
      reviewLists: {
        ...current.reviewLists,
        [key]: {
          productId: state.productId,
          query: toReviewQuery(DEFAULT_FILTERS, pageSize),
          status: "ready",
          items: reviews.items,
          nextCursor: reviews.nextCursor,
          total: reviews.total,
        },
      },
    }));
  }
  const listMatches =
    !existing ||
    (existing.status === "ready" &&
      existing.nextCursor === reviews.nextCursor &&
      sameData(existing.items, reviews.items));
  return seedSummary(store, state) && listMatches;
}
