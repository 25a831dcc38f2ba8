// The gallery widget's logic with no DOM (the "connector"): pages of published review media from
// GET /media (site-wide or one product's), "Load more" over the cursor, and the review behind an
// item for the lightbox. A storefront can drive its own view with it.
import {
  type GalleryItem,
  HELD_MS,
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

// First pages read in the last HELD_MS, by server, store, product and page size: a gallery whose
// host the page swapped for an equal one (a section re-render, an SPA's route and back) renders the
// same items at once, with no request and no "loading" in between (the loader shows a copy of the
// old one until then). A review published from this page may bring new photos: forgotten then.
const firstPages = new Map<string, { items: GalleryItem[]; nextCursor: string | null; at: number }>();

export function createGalleryController(options: GalleryControllerOptions): GalleryController {
  const { store, config, productId, pageSize = 12 } = options;
  const client = store.client(config);
  const readAs = JSON.stringify([config.apiBase, config.store, productId, pageSize]);
  const read = firstPages.get(readAs);
  const fresh = read && Date.now() - read.at < HELD_MS ? read : undefined;
  let state: GalleryState = fresh
    ? { status: "ready", items: fresh.items, nextCursor: fresh.nextCursor }
    : { status: "loading", items: [], nextCursor: null };
  const offSubmitted = store.events.on("review:submitted", () => firstPages.clear());
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
      if (!cursor) firstPages.set(readAs, { items: page.items, nextCursor: page.nextCursor, at: Date.now() });
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
    start: () => void (state.status === "ready" ? undefined : load()),
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
      offSubmitted();
    },
  };
}
