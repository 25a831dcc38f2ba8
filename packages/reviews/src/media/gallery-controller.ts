// The gallery widget's logic with no DOM (the "connector"): pages of published review media from
// GET /media (site-wide or one product's), "Load more" over the cursor, and the review behind an
// item for the lightbox. A storefront can drive its own view with it.
import {
  type GalleryItem,
  isPlauditError,
  type PlauditError,
  type PlauditStore,
  type Review,
  type StoreConfig,
} from "@plaudit/core";

export interface GalleryState {
  status: "loading" | "ready" | "error" | "loading-more";
  items: GalleryItem[];
  nextCursor: string | null;
  /** The last failure; with status "ready" it was a "Load more" (the items shown stay). */
  error?: PlauditError;
}

export interface GalleryController {
  getState(): GalleryState;
  subscribe(listener: () => void): () => void;
  /** Loads the first page. */
  start(): void;
  loadMore(): Promise<void>;
  /** The first page again after it failed. */
  retry(): void;
  /** The review an item belongs to (the gallery route does not carry it); undefined if gone. */
  reviewOf(item: Pick<GalleryItem, "reviewId">): Promise<Review | undefined>;
  destroy(): void;
}

export interface GalleryControllerOptions {
  store: PlauditStore;
  config: StoreConfig;
  /** One product's media only; default the whole store's. */
  productId?: string;
  pageSize?: number;
}

export function createGalleryController(options: GalleryControllerOptions): GalleryController {
  const { store, config, productId, pageSize = 12 } = options;
  const client = store.client(config);
  let state: GalleryState = { status: "loading", items: [], nextCursor: null };
  let generation = 0;
  const listeners = new Set<() => void>();
  const reviews = new Map<string, Promise<Review | undefined>>();

  const set = (next: GalleryState) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };

  async function load(cursor?: string) {
    const mine = ++generation;
    try {
      const page = await client.listMedia({
        limit: pageSize,
        ...(productId ? { product: productId } : {}),
        ...(cursor ? { cursor } : {}),
      });
      if (mine !== generation) return;
      // A new upload can shift keyset pages by one; never show an item twice.
      const shown = new Set(state.items.map((item) => item.id));
      const items = cursor
        ? [...state.items, ...page.items.filter((item) => !shown.has(item.id))]
        : page.items;
      set({ status: "ready", items, nextCursor: page.nextCursor });
    } catch (error) {
      if (mine !== generation) return;
      set(
        cursor
          ? { ...state, status: "ready", error: error as PlauditError }
          : { status: "error", items: [], nextCursor: null, error: error as PlauditError },
      );
    }
  }

  async function findReview(item: Pick<GalleryItem, "reviewId">): Promise<Review | undefined> {
    try {
      return await client.getReview(item.reviewId);
    } catch (error) {
      // Unpublished or deleted since the gallery page was read: the lightbox shows the photo alone.
      if (isPlauditError(error) && error.code === "review_not_found") return undefined;
      throw error;
    }
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => void load(),
    async loadMore() {
      if (state.status !== "ready" || !state.nextCursor) return;
      const { nextCursor } = state;
      set({ ...state, status: "loading-more", error: undefined });
      await load(nextCursor);
    },
    retry() {
      set({ status: "loading", items: [], nextCursor: null });
      void load();
    },
    reviewOf(item) {
      let found = reviews.get(item.reviewId);
      if (!found) {
        found = findReview(item);
        reviews.set(item.reviewId, found);
        // A failed look-up may be tried again on the next visit.
        found.catch(() => reviews.delete(item.reviewId));
      }
      return found;
    },
    destroy() {
      generation++;
      listeners.clear();
    },
  };
}
