// @plaudit/loyalty for npm users: mount the widgets into your own elements, or drive your own
// views (React, Vue…) with the controller and the shared-store actions.
import { mountFunctionOf, type WidgetMountOptions } from "@plaudit/core";
import { pointsForWidget, pointsWidget } from "./inline/points-definitions.ts";
import { loyaltyWidget } from "./launcher/loyalty-definition.ts";

export interface MountLoyaltyOptions extends WidgetMountOptions {
  /** Launcher corner: "end" (default; right in LTR, left in RTL) or "start". */
  position?: "start" | "end";
  /** "inline" renders the launcher in the page's flow instead of fixed in a corner. */
  launcher?: "fixed" | "inline";
  joinUrl?: string;
  signInUrl?: string;
  /** Purchase amount for mountPointsFor, in the store's currency. */
  amount?: number;
}

// Each from its kind's one definition (also the loader's entry and the custom element).
// Marked pure (the call only makes a function), so a bundler drops the ones a page never calls,
// and with them their widget's code.

/** Renders the launcher (and, on click, the panel) into `el`'s shadow root; returns the unmount. */
export const mountLoyalty: (el: HTMLElement, opts: MountLoyaltyOptions) => () => void =
  /* @__PURE__ */ mountFunctionOf(loyaltyWidget);

/** Renders the member's balance inline (nothing for guests); returns the unmount. */
export const mountPoints: (el: HTMLElement, opts: MountLoyaltyOptions) => () => void =
  /* @__PURE__ */ mountFunctionOf(pointsWidget);

/** Renders "Earn N points with this purchase" for `opts.amount` (or el's data-amount). */
export const mountPointsFor: (el: HTMLElement, opts: MountLoyaltyOptions) => () => void =
  /* @__PURE__ */ mountFunctionOf(pointsForWidget);

export { customerTokenFor } from "./customer-token.ts";
export {
  createLoyaltyController,
  type LoyaltyController,
  type LoyaltyControllerOptions,
} from "./loyalty-controller.ts";
export {
  type GuestReason,
  type LoyaltyActions,
  type LoyaltyState,
  loyaltyActions,
  loyaltyEntry,
  loyaltyState,
  type MemberState,
  type MemberStatus,
  mayRetrySameAttempt,
  type RedemptionAttempt,
  type StoreLoyalty,
} from "./loyalty-slice.ts";
export {
  doneActions,
  type HistoryRow,
  historyLabelKey,
  type TierProgress,
  tierName,
  tierProgress,
} from "./member-progress.ts";
export {
  inlineCatalogs,
  type LoyaltyMessageKey,
  type LoyaltyMessages,
  loyaltyCatalogs,
} from "./messages/index.ts";
export { LoyaltyPanel, type LoyaltyPanelProps, type PanelLinks } from "./panel/loyalty-panel.tsx";
export { earningPoints, purchasePoints, reviewPointsFor } from "./points.ts";
export { loyaltyWidget, pointsForWidget, pointsWidget };
