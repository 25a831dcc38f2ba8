// The star badge kind, defined once (loader entry, mountStars, <plaudit-stars>). It must not import
// the list code: a collection page loads 24 of these.
import { defineWidget, requireProduct } from "@plaudit/core";
import { seedSummary } from "../hydration/seed-summary.ts";
import { readServerState } from "../hydration/server-state.ts";
import { badgeLoadable } from "../messages/loadable.ts";
import { mountStarsBadge } from "./mount-stars-badge.ts";

export const starsWidget = defineWidget({
  kind: "stars",
  needsProduct: true,
  catalogs: badgeLoadable,
  attributes: ["href"],
  options: (config) => ({ productId: requireProduct(config, "stars") }),
  mount({ host, root, config, options, store }) {
    // Server-rendered (docs/ssr.md): the summary came with the page, so the badge needs no request.
    const state = readServerState(host, config, options.productId);
    if (state) seedSummary(store, state);
    return mountStarsBadge({ host, root, config, store });
  },
});
