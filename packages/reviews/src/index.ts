// @plaudit/reviews for npm users: mount the widgets into your own elements, or build the
// structured data yourself (the server-side renderer does).
import { mountFunctionOf, type WidgetMountOptions } from "@plaudit/core";
import { galleryWidget } from "./media/gallery-definition.ts";
import { reviewsWidget } from "./reviews/reviews-definition.ts";
import { starsWidget } from "./stars-badge/stars-definition.ts";

export interface MountWidgetOptions extends WidgetMountOptions {
  /** The product the reviews or the badge are for. */
  productId: string;
  /** Shown in the write form and structured data. */
  productName?: string;
  /** Star badge link target; default the reviews widget. */
  href?: string;
  /** Reviews (gallery: items) per page (1–50, default 10; gallery 12). */
  pageSize?: number;
  /** Gallery: "grid" (default) or "carousel". */
  layout?: string;
}

// Each from its kind's one definition (also the loader's entry and the custom element).
// Marked pure (the call only makes a function), so a bundler drops the ones a page never calls,
// and with them their widget's code.

/** Renders the reviews widget into `el`'s shadow root; returns the unmount. */
export const mountReviews: (el: HTMLElement, opts: MountWidgetOptions) => () => void =
  /* @__PURE__ */ mountFunctionOf(reviewsWidget);

/** Renders a star badge into `el`'s shadow root; returns the unmount. */
export const mountStars: (el: HTMLElement, opts: MountWidgetOptions) => () => void =
  /* @__PURE__ */ mountFunctionOf(starsWidget);

/** The gallery's options: site-wide without a product. */
export type MountGalleryOptions = Omit<MountWidgetOptions, "productId"> & { productId?: string };

/** Renders the photo and video gallery (site-wide, or `productId`'s) into `el`'s shadow root. */
export const mountGallery: (el: HTMLElement, opts: MountGalleryOptions) => () => void =
  /* @__PURE__ */ mountFunctionOf(galleryWidget);

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
  type VoteOutcome,
} from "./reviews/reviews-controller.ts";
export { ReviewsView, type ReviewsViewProps } from "./reviews/reviews-view.tsx";
export { type StarsBadgeProps, starsBadgeCss, starsBadgeMarkup } from "./stars-badge/stars-badge-markup.ts";
export { galleryWidget, reviewsWidget, starsWidget };
