// The star badge for product cards and pages. Deliberately small: it is on every collection page
// (24 badges → one /summaries request, batched by the store's client).
import {
  createI18n,
  getStore,
  type PlauditStore,
  resolveLocale,
  summaryKey,
  type WidgetConfig,
} from "@plaudit/core";
import { adoptStyles, baseCss, renderIntoRoot, starsCss, themeCss, useStore } from "@plaudit/ui";
import { h } from "preact";
import { badgeCatalogs } from "../messages/badge.ts";
import { StarsBadgeView, starsBadgeCss } from "./stars-badge-view.tsx";

export interface MountStarsBadgeOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
  store?: PlauditStore;
}

/** Where the badge links: data-href, else the reviews widget's host (by its id), else #plaudit-reviews. */
export function reviewsHref(host: Element, config: WidgetConfig): string {
  if (config.options.href) return config.options.href;
  const reviews = host.ownerDocument.querySelector('[data-plaudit="reviews"][id]');
  return `#${reviews?.id || "plaudit-reviews"}`;
}

export function mountStarsBadge({
  host,
  root,
  config,
  store = getStore(),
}: MountStarsBadgeOptions): () => void {
  const productId = config.productId;
  if (!productId) {
    throw new Error(
      '[plaudit] the stars badge needs a product: add data-product-id="your-product-id" to its element',
    );
  }
  const storeConfig = { apiBase: config.apiBase, store: config.store };
  const key = summaryKey(config.store, productId);
  const i18n = createI18n(config.locale ?? resolveLocale(host), badgeCatalogs);
  const href = reviewsHref(host, config);

  function StarsBadge() {
    const summary = useStore(store, (state) => state.summaries[key]?.data);
    return h(StarsBadgeView, { summary, i18n, href, theme: config.theme });
  }

  adoptStyles(root, [themeCss, baseCss, starsCss, starsBadgeCss]);
  const unmount = renderIntoRoot(root, h(StarsBadge, null), { kind: "stars", host });
  void store.loadSummary(storeConfig, productId);
  return unmount;
}
