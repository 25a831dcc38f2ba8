// @plaudit/reviews for npm users: mount the widgets into your own elements, or build the
// structured data yourself (the server-side renderer does).
import { getStore, type PlauditStore, type Theme, type WidgetConfig } from "@plaudit/core";
import { prepareHost } from "@plaudit/ui";
import { mountReviewsWidget } from "./reviews/mount-reviews.ts";
import { mountStarsBadge } from "./stars-badge/mount-stars-badge.ts";

export interface MountWidgetOptions {
  /** Public store id. */
  store: string;
  /** Your Plaudit server, e.g. "https://reviews.example.com". */
  apiBase: string;
  productId: string;
  /** BCP 47 tag; default: the page's `lang`. */
  locale?: string;
  /** Default "auto". */
  theme?: Theme;
  /** Shown in the write form and structured data. */
  productName?: string;
  /** Your server's signed token for the logged-in shopper (verified-buyer badge). */
  customerToken?: string;
  /** Star badge link target; default the reviews widget. */
  href?: string;
  /** Reviews per page (1–50, default 10). */
  pageSize?: number;
  /** Default: the page's shared store (one per page, shared with the script tag). */
  plauditStore?: PlauditStore;
}

function widgetConfig(opts: MountWidgetOptions): WidgetConfig {
  const options: Record<string, string> = {};
  if (opts.productName) options.productName = opts.productName;
  if (opts.customerToken) options.customerToken = opts.customerToken;
  if (opts.href) options.href = opts.href;
  if (opts.pageSize) options.pageSize = String(opts.pageSize);
  return {
    store: opts.store,
    apiBase: opts.apiBase.replace(/\/+$/, ""),
    ...(opts.locale ? { locale: opts.locale } : {}),
    theme: opts.theme ?? "auto",
    productId: opts.productId,
    options,
  };
}

/** Renders the reviews widget into `el`'s shadow root; returns the unmount. */
export function mountReviews(el: HTMLElement, opts: MountWidgetOptions): () => void {
  return mountReviewsWidget({
    host: el,
    root: prepareHost(el),
    config: widgetConfig(opts),
    store: opts.plauditStore ?? getStore(),
  });
}

/** Renders a star badge into `el`'s shadow root; returns the unmount. */
export function mountStars(el: HTMLElement, opts: MountWidgetOptions): () => void {
  return mountStarsBadge({
    host: el,
    root: prepareHost(el),
    config: widgetConfig(opts),
    store: opts.plauditStore ?? getStore(),
  });
}

export {
  buildProductJsonLd,
  type JsonLdNode,
  type ProductJsonLdInput,
  productJsonLdId,
  serializeJsonLd,
} from "./json-ld.ts";
export { reviewsCatalogs } from "./messages/index.ts";
export {
  createReviewsController,
  DEFAULT_FILTERS,
  type ReviewFilters,
  type ReviewsActions,
  type ReviewsController,
  type ReviewsState,
  toReviewQuery,
} from "./reviews/reviews-controller.ts";
export { ReviewsView, type ReviewsViewProps } from "./reviews/reviews-view.tsx";
export { type StarsBadgeProps, starsBadgeCss, starsBadgeMarkup } from "./stars-badge/stars-badge-markup.ts";
