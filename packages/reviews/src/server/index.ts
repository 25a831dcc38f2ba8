// @plaudit/reviews/server: the reviews widget and star badge rendered in Node (no DOM), for
// product pages that put reviews in their first HTML. docs/ssr.md.
export {
  DEFAULT_PAGE_SIZE,
  type ServerState,
  STATE_ATTRIBUTE,
  scriptJson,
} from "../hydration/server-state.ts";
export type { ShadowMode, StylesMode } from "./host-markup.ts";
export type { ProductData, ServerClientOptions } from "./load-data.ts";
export { type BrandFact, JSON_LD_ATTRIBUTE, type ProductFacts, productJsonLd } from "./product-json-ld.ts";
export type { RenderOptions } from "./render-options.ts";
export {
  firstPageKey,
  type RenderReviewsOptions,
  type RenderReviewsResult,
  renderReviews,
} from "./render-reviews.tsx";
export {
  DEFAULT_REVIEWS_ID,
  type RenderStarsOptions,
  type RenderStarsResult,
  renderStars,
  type StarsBadgeHtmlOptions,
  starsBadgeHtml,
} from "./render-stars.ts";
export {
  pageThemeCss,
  reviewsWidgetCss,
  starsWidgetCss,
  themeDefault,
  widgetCss,
  widgetCssFile,
  widgetStyleHashes,
} from "./widget-css.ts";
