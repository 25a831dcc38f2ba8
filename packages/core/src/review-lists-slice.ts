// Review lists: one per (store, product, query), replaced by loadReviews, grown by loadMoreReviews.
import type { ReviewPage, ReviewQuery } from "./api-types.ts";
import { reviewSearch } from "./client.ts";
import type { PlauditError } from "./errors.ts";
import type { PlauditActions, ReviewListState, SliceContext } from "./store-types.ts";

/** The identity of a list: the same filters in any spelling give the same key; the cursor is not part of it. */
export function listKey(store: string, productId: string, query: ReviewQuery = {}): string {
  return JSON.stringify([store, productId, reviewSearch({ ...query, cursor: undefined })]);
}

export function reviewListsSlice(ctx: SliceContext): Pick<PlauditActions, "loadReviews" | "loadMoreReviews"> {
  const { api } = ctx;
  // The request each list is waiting for; a newer loadReviews supersedes an older one's answer.
  const pending = new Map<string, Promise<void>>();

  const patch = (key: string, change: Partial<ReviewListState>) =>
    api.setState((state) => {
      const list = state.reviewLists[key];
      return list ? { reviewLists: { ...state.reviewLists, [key]: { ...list, ...change } } } : state;
    });

  /**
   * Sends a list's request and keeps it as the one the list waits for: its answer (or failure) is
   * applied only while no newer request replaced it.
   */
  const track = (
    key: string,
    send: Promise<ReviewPage>,
    answered: (page: ReviewPage) => void,
    failed: (error: PlauditError) => void,
  ): Promise<void> => {
    const request: Promise<void> = send
      .then(
        (page) => {
          if (pending.get(key) === request) answered(page);
        },
        (error: PlauditError) => {
          if (pending.get(key) === request) failed(error);
        },
      )
      .finally(() => {
        if (pending.get(key) === request) pending.delete(key);
      });
    pending.set(key, request);
    return request;
  };

  return {
    async loadReviews(config, productId, query = {}) {
      const key = listKey(config.store, productId, query);
      const current = api.getState().reviewLists[key];
      if (current?.status === "loading") {
        await pending.get(key);
        return key;
      }
      const { cursor: _cursor, ...listQuery } = query;
      api.setState((state) => ({
        reviewLists: {
          ...state.reviewLists,
          [key]: {
            productId,
            query: listQuery,
            // Items already shown stay until the fresh page replaces them: no flash of emptiness.
            items: current?.items ?? [],
            nextCursor: current?.nextCursor ?? null,
            total: current?.total ?? 0,
            status: "loading",
          },
        },
      }));
      const request = track(
        key,
        ctx.client(config).listReviews(productId, listQuery),
        (page) =>
          patch(key, {
            status: "ready",
            items: page.items,
            nextCursor: page.nextCursor,
            total: page.total,
            totalCapped: page.totalCapped === true,
            error: undefined,
          }),
        (error) => patch(key, { status: "error", error }),
      );
      await request;
      return key;
    },

    async loadMoreReviews(config, key) {
      // Pressed while the list is read again (the widget's code checking the page the server
      // painted, a review just published): the next page is the one after the fresh first page.
      if (api.getState().reviewLists[key]?.status === "loading") await pending.get(key);
      const list = api.getState().reviewLists[key];
      if (list?.status === "loading-more") return pending.get(key);
      if (list?.status !== "ready" || list.nextCursor === null) return;
      patch(key, { status: "loading-more" });
      return track(
        key,
        ctx.client(config).listReviews(list.productId, { ...list.query, cursor: list.nextCursor }),
        (page) => {
          const latest = api.getState().reviewLists[key];
          // A review can move between pages while new ones arrive; never show it twice.
          const seen = new Set(latest?.items.map((review) => review.id));
          patch(key, {
            status: "ready",
            items: [...(latest?.items ?? []), ...page.items.filter((review) => !seen.has(review.id))],
            nextCursor: page.nextCursor,
            total: page.total,
            totalCapped: page.totalCapped === true,
            error: undefined,
          });
        },
        // The pages already shown stay; the error lets the view offer "try again".
        (error) => patch(key, { status: "ready", error }),
      );
    },
  };
}
