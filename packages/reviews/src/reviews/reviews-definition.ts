// The reviews widget kind, defined once: the loader entry (entries/reviews.ts), mountReviews and
// <plaudit-reviews> all come from it (@plaudit/ui's define-widget.ts).
import { defineWidget, pageSizeOf, requireProduct } from "@plaudit/core";
import { seedFirstPage } from "../hydration/seed-first-page.ts";
import { hasServerMarkup, readServerState } from "../hydration/server-state.ts";
import { reviewsLoadable } from "../messages/loadable.ts";
import { mountReviewsWidget } from "./mount-reviews.ts";

export const reviewsWidget = defineWidget({
  kind: "reviews",
  needsProduct: true,
  catalogs: reviewsLoadable,
  attributes: ["product-name", "page-size", "customer-token", "json-ld", "product-jsonld-id"],
  options: (config) => ({ productId: requireProduct(config, "reviews"), pageSize: pageSizeOf(config, 10) }),
  mount({ host, root, config, options, store }) {
    // Server-rendered (docs/ssr.md): the host carries the data its markup shows. Seed the store
    // with it (no request) and adopt the markup in place (no layout shift).
    const state = readServerState(host, config, options.productId, options.pageSize);
    const seeded = state !== undefined && seedFirstPage(store, state);
    // Light-DOM server markup (shadow: "light") is left behind in the host: render fresh from the data.
    const hydrate = seeded && hasServerMarkup(root);
    return mountReviewsWidget({ host, root, config, store, hydrate, seeded, pageSize: options.pageSize });
  },
});
