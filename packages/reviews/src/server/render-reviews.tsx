// The reviews widget, server-rendered with the very view and props the browser uses (ReviewsView
// as ReviewsWidget renders it on its first frame), plus the page's one Product JSON-LD node.
import { createI18n, type ReviewPage, type Summary } from "@plaudit/core";
import { renderToString } from "preact-render-to-string";
import { firstPageKey } from "../hydration/seed-first-page.ts";
import { DEFAULT_PAGE_SIZE, type ServerState } from "../hydration/server-state.ts";
import type { JsonLdNode } from "../json-ld.ts";
import { reviewsCatalogs } from "../messages/index.ts";
import { DEFAULT_FILTERS, type ReviewsActions, toReviewQuery } from "../reviews/reviews-controller.ts";
import { ReviewsView } from "../reviews/reviews-view.tsx";
import { emptyHostMarkup, hostMarkup } from "./host-markup.ts";
import { loadProductData } from "./load-data.ts";
import { jsonLdScript, productJsonLd } from "./product-json-ld.ts";
import { type RenderOptions, resolveOptions } from "./render-options.ts";
import { DEFAULT_REVIEWS_ID, starsHtml } from "./render-stars.ts";
import { reviewsWidgetCss } from "./widget-css.ts";

export interface RenderReviewsOptions extends RenderOptions {
  /** Skip the API reads: the summary and the first page (newest first, `pageSize` long) you already have. */
  data?: { summary: Summary; reviews: ReviewPage };
  /** Reviews per page, 1–50 (default 10); written as `data-page-size`. */
  pageSize?: number;
  /** The reviews host's id, which the star badge links to; default "plaudit-reviews". */
  id?: string;
  /** The star badge's link; default `#` + `id`. */
  starsHref?: string;
}

export interface RenderReviewsResult {
  /** The reviews host: `<div data-plaudit="reviews">` with its shadow root, markup and state. */
  html: string;
  /** The star badge host for the same product (no extra request). */
  stars: string;
  /** `<script type="application/ld+json" data-plaudit-jsonld>`: put it anywhere in the page, once. */
  jsonLd: string;
  /** The Product node itself. */
  jsonLdNode?: JsonLdNode;
  /** What the browser seeds its store with (also embedded in `html`). */
  state?: ServerState;
  /** Set when the API could not be read: `html` is then an empty host the browser fills in. */
  error?: unknown;
}

// The server page has nothing to act on: the browser attaches the real actions when it hydrates.
const inert = new Proxy({}, { get: () => () => undefined }) as ReviewsActions;
const noop = () => undefined;

export async function renderReviews(options: RenderReviewsOptions): Promise<RenderReviewsResult> {
  const resolved = resolveOptions(options);
  const { store, product } = options;
  const pageSize = Math.min(
    50,
    Math.max(1, Math.trunc(options.pageSize ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE),
  );
  const id = options.id ?? DEFAULT_REVIEWS_ID;
  const starOptions = { ...options, href: options.starsHref ?? `#${id}` };
  const attributes = {
    id,
    "data-product-id": product.id,
    "data-store": store,
    "data-api": resolved.api,
    "data-locale": resolved.locale,
    "data-theme": resolved.theme,
    "data-product-name": product.name,
    "data-page-size": pageSize === DEFAULT_PAGE_SIZE ? undefined : String(pageSize),
  };

  let data = options.data;
  if (!data) {
    if (!resolved.api)
      throw new TypeError("[plaudit] renderReviews needs `api` (your Plaudit server) or `data`");
    const loaded = await loadProductData({
      api: resolved.api,
      store,
      productId: product.id,
      pageSize,
      withReviews: true,
      client: options.client,
    });
    if ("error" in loaded) {
      return {
        html: emptyHostMarkup("reviews", attributes),
        stars: starsHtml(starOptions, resolved, undefined),
        jsonLd: "",
        error: loaded.error,
      };
    }
    data = loaded;
  }

  const { summary, reviews } = data;
  const i18n = createI18n(resolved.locale, reviewsCatalogs);
  const markup = renderToString(
    <ReviewsView
      state={{
        productId: product.id,
        filters: DEFAULT_FILTERS,
        summary: { status: "ready", data: summary },
        list: {
          productId: product.id,
          query: toReviewQuery(DEFAULT_FILTERS, pageSize),
          status: "ready",
          ...reviews,
        },
        myVotes: {},
      }}
      i18n={i18n}
      actions={inert}
      theme={resolved.theme}
      // The browser's widget shows "Write a review" (its dialog loads on the first press).
      onWrite={noop}
      onVote={noop}
      onLoadMore={noop}
    />,
  );
  const state: ServerState = {
    v: 1,
    store,
    productId: product.id,
    summary,
    reviews,
    ...(pageSize === DEFAULT_PAGE_SIZE ? {} : { pageSize }),
  };
  const node = productJsonLd(product, summary, reviews.items);
  return {
    html: hostMarkup({
      kind: "reviews",
      attributes,
      markup,
      shadow: resolved.shadow,
      styles: resolved.styles,
      css: reviewsWidgetCss,
      stylesheet: resolved.stylesheet,
      nonce: resolved.nonce,
      state,
    }),
    stars: starsHtml(starOptions, resolved, summary),
    jsonLd: jsonLdScript(product.id, node),
    jsonLdNode: node,
    state,
  };
}

/** The list key the browser's reviews widget reads first (tests, custom integrations). */
export { firstPageKey };
