// The star badge for product cards and pages. Deliberately small: it is on every collection page
// (24 badges → one /summaries request, batched by the store's client).
import {
  getStore,
  mountSpeaking,
  type PlauditStore,
  requireProduct,
  resolveLocale,
  type Summary,
  summaryKey,
  type WidgetConfig,
} from "@plaudit/core";
import { adoptStyles, baseCss, starsCss, themeCss, toDom } from "@plaudit/ui";
import { badgeLoadable } from "../messages/loadable.ts";
import { reviewsHref } from "./reviews-href.ts";
import { starsBadgeCss, starsBadgeMarkup } from "./stars-badge-markup.ts";

export interface MountStarsBadgeOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
  store?: PlauditStore;
}

export function mountStarsBadge({
  host,
  root,
  config,
  store = getStore(),
}: MountStarsBadgeOptions): () => void {
  const productId = requireProduct(config, "stars");
  const storeConfig = { apiBase: config.apiBase, store: config.store };
  const key = summaryKey(config.store, productId);
  const href = reviewsHref(host, config);
  // Asked now, while a German page's catalog is on its way.
  void store.loadSummary(storeConfig, productId);

  // In the page's language from the first render: a German page's badge waits for its catalog.
  return mountSpeaking(config.locale ?? resolveLocale(host), badgeLoadable, "stars", (i18n) => {
    // Re-rendered only when this product's summary object changes (the store replaces, never mutates).
    let shown: Summary | undefined | null = null;
    const render = () => {
      const summary = store.getState().summaries[key]?.data;
      if (summary === shown) return;
      // The first badge with a number: the collection page's "content visible" timing.
      if (summary && !shown) root.ownerDocument.defaultView?.performance?.mark?.("plaudit:stars:content");
      shown = summary;
      root.replaceChildren(
        toDom(root.ownerDocument, starsBadgeMarkup({ summary, i18n, href, theme: config.theme })),
      );
    };

    adoptStyles(root, [themeCss, baseCss, starsCss, starsBadgeCss]);
    render();
    const unsubscribe = store.subscribe(render);
    return () => {
      unsubscribe();
      root.replaceChildren();
    };
  });
}
