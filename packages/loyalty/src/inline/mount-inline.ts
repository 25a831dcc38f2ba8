// Mounting the inline widgets (points, points-for) into their shadow roots.
import {
  followTokenAttribute,
  getStore,
  mountSpeaking,
  type PlauditStore,
  resolveLocale,
  shopperToken,
  type WidgetConfig,
} from "@plaudit/core";
import { adoptStyles, baseCss, renderIntoRoot, themeCss } from "@plaudit/ui";
import { h } from "preact";
import { createLoyaltyController } from "../loyalty-controller.ts";
import { inlineLoadable } from "../messages/loadable.ts";
import { inlineCss } from "./inline-styles.ts";
import { PointsBalance, PointsFor } from "./points-views.tsx";

export interface MountInlineOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
  /** Default: the page's shared store. */
  store?: PlauditStore;
}

/** The widget's styles, its language and its controller on the store it was given. */
function prepare(options: MountInlineOptions, member: boolean) {
  const { host, root, config, store = getStore() } = options;
  adoptStyles(root, [themeCss, baseCss, inlineCss]);
  const locale = config.locale ?? resolveLocale(host);
  if (member) shopperToken(store, config);
  // The balance follows the page's shopper (signed out: nothing shown), as the launcher does.
  const controller = createLoyaltyController(
    member ? { store, config, customerToken: () => store.customerToken() } : { store, config, member: false },
  );
  const unfollow = member ? followTokenAttribute(store, host) : () => {};
  return { host, root, config, locale, controller, unfollow };
}

export function mountPoints(options: MountInlineOptions): () => void {
  const { host, root, config, locale, controller, unfollow } = prepare(options, true);
  // In the page's language from the first render: a German page's widget waits for its catalog.
  const unmount = mountSpeaking(locale, inlineLoadable, "points", (i18n) =>
    renderIntoRoot(root, h(PointsBalance, { controller, i18n, theme: config.theme }), {
      kind: "points",
      host,
    }),
  );
  return () => {
    unfollow();
    unmount();
    controller.destroy();
  };
}

/** Reads data-amount ("49.99", a dot for decimals); a variant switch that changes it re-renders. */
export function mountPointsFor(options: MountInlineOptions): () => void {
  const { host, root, config, locale, controller } = prepare(options, false);
  const unmount = mountSpeaking(locale, inlineLoadable, "points-for", (i18n) => {
    const render = () => {
      const text = host.getAttribute("data-amount") ?? "";
      const amount = Number(text);
      if (text.trim() === "" || !Number.isFinite(amount)) {
        console.warn(
          `[plaudit] data-amount="${text}" on <${host.localName} data-plaudit="points-for"> is not a number: write the price like 49.99`,
        );
      }
      return renderIntoRoot(root, h(PointsFor, { controller, i18n, theme: config.theme, amount }), {
        kind: "points-for",
        host,
      });
    };
    let shown = render();
    const watch = new MutationObserver(() => {
      shown();
      shown = render();
    });
    watch.observe(host, { attributes: true, attributeFilter: ["data-amount"] });
    return () => {
      watch.disconnect();
      shown();
    };
  });
  return () => {
    unmount();
    controller.destroy();
  };
}
