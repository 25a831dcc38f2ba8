// Fetching what a server render shows through core's client, with a store made for this one
// call: a page-wide store in a server process would share shoppers' state between requests.
import {
  type ClientOptions,
  createEvents,
  createPlauditStore,
  type PlauditError,
  type ReviewPage,
  type Summary,
  summaryKey,
} from "@plaudit/core";
import { DEFAULT_FILTERS, toReviewQuery } from "../reviews/reviews-controller.ts";

export type ServerClientOptions = Omit<ClientOptions, "apiBase" | "store">;

export interface ProductData {
  summary: Summary;
  /** The first page of the default list (newest first). */
  reviews: ReviewPage;
}

export interface LoadArgs {
  api: string;
  store: string;
  productId: string;
  pageSize: number;
  withReviews: boolean;
  client?: ServerClientOptions;
}

/** The summary (and first page) of a product, or the PlauditError that stopped them. */
export async function loadProductData(args: LoadArgs): Promise<ProductData | { error: PlauditError }> {
  const plaudit = createPlauditStore({
    // Node has no HTTP cache: the client revalidates with its own ETags.
    client: { manualEtags: true, ...args.client },
    // Errors belong to this render's caller, not to a page-wide bus.
    events: createEvents(),
    storage: () => undefined,
  });
  const config = { apiBase: args.api.replace(/\/+$/, ""), store: args.store };
  const [, key] = await Promise.all([
    plaudit.loadSummary(config, args.productId),
    args.withReviews
      ? plaudit.loadReviews(config, args.productId, toReviewQuery(DEFAULT_FILTERS, args.pageSize))
      : undefined,
  ]);
  const state = plaudit.getState();
  const summary = state.summaries[summaryKey(args.store, args.productId)];
  const list = key === undefined ? undefined : state.reviewLists[key];
  if (summary?.error) return { error: summary.error };
  if (list?.error) return { error: list.error };
  return {
    summary: summary?.data as Summary,
    reviews: list
      ? { items: list.items, nextCursor: list.nextCursor, total: list.total }
      : { items: [], nextCursor: null, total: 0 },
  };
}
