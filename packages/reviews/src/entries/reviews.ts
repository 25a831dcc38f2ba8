// Entry chunk for data-plaudit="reviews" (docs/widget-contract.md).
import { getStore, type WidgetConfig } from "@plaudit/core";
import { seedFirstPage } from "../hydration/seed-first-page.ts";
import { hasServerMarkup, readServerState } from "../hydration/server-state.ts";
import { mountReviewsWidget } from "../reviews/mount-reviews.ts";

export interface MountOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
}

export function mount(options: MountOptions): () => void {
  const { host, root, config } = options;
  const store = getStore();
  // Server-rendered (docs/ssr.md): the host carries the data its markup shows. Seed the store with
  // it (no request) and adopt the markup in place (no layout shift).
  const pageSize = Math.min(50, Math.max(1, Number(config.options.pageSize) || 10));
  const state = config.productId ? readServerState(host, config, config.productId, pageSize) : undefined;
  const seeded = state !== undefined && seedFirstPage(store, state);
  // Light-DOM server markup (shadow: "light") is left behind in the host: render fresh from the data.
  const hydrate = seeded && hasServerMarkup(root);
  return mountReviewsWidget({ host, root, config, store, hydrate, seeded });
}
