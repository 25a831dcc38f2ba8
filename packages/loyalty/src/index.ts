// @plaudit/loyalty for npm users: mount the widgets into your own elements, or drive your own
// views (React, Vue…) with the controller and the shared-store actions.
import { getStore, type PlauditStore, type Theme, type WidgetConfig } from "@plaudit/core";
import { prepareHost } from "@plaudit/ui";
import {
  mountPointsFor as mountPointsForWidget,
  mountPoints as mountPointsWidget,
} from "./inline/mount-inline.ts";
import { mountLauncher } from "./launcher/mount-launcher.ts";

export interface MountLoyaltyOptions {
  /** Public store id. */
  store: string;
  /** Your Plaudit server, e.g. "https://reviews.example.com". */
  apiBase: string;
  /** Your server's signed token for the logged-in shopper; absent shows the guest view. */
  customerToken?: string;
  /** BCP 47 tag; default: the page's `lang`. */
  locale?: string;
  /** Default "auto". */
  theme?: Theme;
  /** Launcher corner: "end" (default; right in LTR, left in RTL) or "start". */
  position?: "start" | "end";
  /** "inline" renders the launcher in the page's flow instead of fixed in a corner. */
  launcher?: "fixed" | "inline";
  joinUrl?: string;
  signInUrl?: string;
  /** Purchase amount for mountPointsFor, in the store's currency. */
  amount?: number;
  /** Default: the page's shared store (one per page, shared with the script tag). */
  plauditStore?: PlauditStore;
}

function widgetConfig(opts: MountLoyaltyOptions): WidgetConfig {
  const options: Record<string, string> = {};
  if (opts.customerToken) options.customerToken = opts.customerToken;
  if (opts.position) options.position = opts.position;
  if (opts.launcher) options.launcher = opts.launcher;
  if (opts.joinUrl) options.joinUrl = opts.joinUrl;
  if (opts.signInUrl) options.signInUrl = opts.signInUrl;
  return {
    store: opts.store,
    apiBase: opts.apiBase.replace(/\/+$/, ""),
    ...(opts.locale ? { locale: opts.locale } : {}),
    theme: opts.theme ?? "auto",
    options,
  };
}

const mountArgs = (el: HTMLElement, opts: MountLoyaltyOptions) => ({
  host: el,
  root: prepareHost(el),
  config: widgetConfig(opts),
  store: opts.plauditStore ?? getStore(),
});

/** Renders the launcher (and, on click, the panel) into `el`'s shadow root; returns the unmount. */
export const mountLoyalty = (el: HTMLElement, opts: MountLoyaltyOptions): (() => void) =>
  mountLauncher(mountArgs(el, opts));

/** Renders the member's balance inline (nothing for guests); returns the unmount. */
export const mountPoints = (el: HTMLElement, opts: MountLoyaltyOptions): (() => void) =>
  mountPointsWidget(mountArgs(el, opts));

/** Renders "Earn N points with this purchase" for `opts.amount` (or el's data-amount). */
export function mountPointsFor(el: HTMLElement, opts: MountLoyaltyOptions): () => void {
  if (opts.amount !== undefined) el.setAttribute("data-amount", String(opts.amount));
  return mountPointsForWidget(mountArgs(el, opts));
}

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
