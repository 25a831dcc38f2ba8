// The star badge, server-rendered from the markup mount-stars-badge.ts builds in the browser.
import { createI18n, type Summary, type Theme } from "@plaudit/core";
import { toHtml } from "@plaudit/ui";
import type { ServerState } from "../hydration/server-state.ts";
import { reviewsCatalogs } from "../messages/index.ts";
import { starsBadgeMarkup } from "../stars-badge/stars-badge-markup.ts";
import { emptyHostMarkup, hostMarkup } from "./host-markup.ts";
import { loadProductData } from "./load-data.ts";
import { type RenderOptions, type ResolvedOptions, resolveOptions } from "./render-options.ts";
import { starsWidgetCss } from "./widget-css.ts";

export interface RenderStarsOptions extends RenderOptions {
  /** Skip the API read: the summary you already have (e.g. from renderReviews' `state`). */
  data?: { summary: Summary };
  /** Where the badge links; default "#plaudit-reviews" (renderReviews' host id). */
  href?: string;
}

export interface RenderStarsResult {
  html: string;
  state?: ServerState;
  /** Why the badge was left for the browser to load (the API could not be read). */
  error?: unknown;
}

export const DEFAULT_REVIEWS_ID = "plaudit-reviews";

export interface StarsBadgeHtmlOptions {
  /** BCP 47 tag, matched to the badge's catalogs (en, de, he; else en). Default "en". */
  locale?: string;
  /** Default "auto". */
  theme?: Theme;
  /** Where the badge links; default "#plaudit-reviews". */
  href?: string;
}

/**
 * The star badge's markup for inside its shadow root (no host, no style): what `renderStars`
 * embeds, and what the server's batched badges route answers for each product.
 */
export function starsBadgeHtml(summary: Summary, options: StarsBadgeHtmlOptions = {}): string {
  const i18n = createI18n(options.locale ?? "en", reviewsCatalogs);
  const href = options.href ?? `#${DEFAULT_REVIEWS_ID}`;
  return toHtml(starsBadgeMarkup({ summary, i18n, href, theme: options.theme ?? "auto" }));
}

export function starsHtml(
  options: RenderStarsOptions,
  resolved: ResolvedOptions,
  summary: Summary | undefined,
): string {
  const href = options.href ?? `#${DEFAULT_REVIEWS_ID}`;
  const attributes = {
    "data-product-id": options.product.id,
    "data-store": options.store,
    "data-api": resolved.api,
    "data-locale": resolved.locale,
    "data-theme": resolved.theme,
    "data-href": href,
  };
  if (!summary) return emptyHostMarkup("stars", attributes);
  return hostMarkup({
    kind: "stars",
    attributes,
    markup: starsBadgeHtml(summary, { locale: resolved.locale, theme: resolved.theme, href }),
    shadow: resolved.shadow,
    styles: resolved.styles,
    css: starsWidgetCss,
    stylesheet: resolved.stylesheet,
    nonce: resolved.nonce,
    state: { v: 1, store: options.store, productId: options.product.id, summary },
  });
}

/** `{ html }` of a star badge host with its summary embedded (no request when it hydrates). */
export async function renderStars(options: RenderStarsOptions): Promise<RenderStarsResult> {
  const resolved = resolveOptions(options);
  let summary = options.data?.summary;
  if (!summary) {
    if (!resolved.api) throw new TypeError("[plaudit] renderStars needs `api` or `data`");
    const loaded = await loadProductData({
      api: resolved.api,
      store: options.store,
      productId: options.product.id,
      pageSize: 1,
      withReviews: false,
      client: options.client,
    });
    if ("error" in loaded) return { html: starsHtml(options, resolved, undefined), error: loaded.error };
    summary = loaded.summary;
  }
  return {
    html: starsHtml(options, resolved, summary),
    state: { v: 1, store: options.store, productId: options.product.id, summary },
  };
}
