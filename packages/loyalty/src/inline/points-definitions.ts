// The inline loyalty kinds, defined once each (loader entries, mountPoints / mountPointsFor,
// <plaudit-points> / <plaudit-points-for>).
import { defineWidget } from "@plaudit/core";
import { mountPoints, mountPointsFor } from "./mount-inline.ts";

/** The member's balance inline (nothing for guests). */
export const pointsWidget = defineWidget({
  kind: "points",
  storeWide: true,
  attributes: ["customer-token"],
  options: () => ({}),
  mount: ({ host, root, config, store }) => mountPoints({ host, root, config, store }),
});

/** "Earn N points with this purchase" for the host's data-amount (or the npm `amount`). */
export const pointsForWidget = defineWidget({
  kind: "points-for",
  storeWide: true,
  // No customer-token: what a purchase earns is the program's alone (mountPointsFor loads no
  // member), so a token would change nothing here.
  attributes: ["amount"],
  options: () => ({}),
  mount({ host, root, config, store }) {
    // The amount is read from the host as it changes (a variant switch): the npm option and the
    // element's attribute land there.
    if (config.options.amount !== undefined) host.setAttribute("data-amount", config.options.amount);
    return mountPointsFor({ host, root, config, store });
  },
});
