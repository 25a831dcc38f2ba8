// One definition per widget kind, three ways to mount it (DESIGN.md, "embed … made from one
// definition per widget kind"):
//   entryOf(definition)          the loader's entry chunk: mount({ host, root, config })
//   mountFunctionOf(definition)  the npm call: mountReviews(el, { store, apiBase, productId, … })
//   elementOf(definition)        (in @plaudit/embed) the custom element <plaudit-reviews …>
// It lives in core (nothing of Preact in it) so the loader's entry chunks share core's one file.
// All three turn their input into one WidgetConfig and parse the kind's options from it once,
// with `definition.options`, then call `definition.mount`. Each way is its own function so a
// loader entry chunk carries only the entry.
import { camel, checkSettings, pageSizeOf, requireProduct, type Theme, type WidgetConfig } from "./config.ts";
import { followFocus } from "./focus-path.ts";
import { type Address, followScroll, keptWidget } from "./kept-widget.ts";
import { catalogsFor, type LoadableCatalogs } from "./load-catalog.ts";
import { resolveLocale } from "./locale.ts";
import { getStore } from "./store.ts";

// Reading a kind's options is config work (config.ts: the loader's first paint needs it without
// the store); re-exported here, where the kinds' definitions have always found them.
export { pageSizeOf, requireProduct };

import type { Painted } from "./painted.ts";
import type { PlauditStore } from "./store-types.ts";

/** Attaches an open shadow root, or reuses one already there (declarative shadow DOM from SSR). */
export function prepareHost(host: HTMLElement): ShadowRoot {
  return host.shadowRoot ?? host.attachShadow({ mode: "open" });
}

export interface WidgetMountArgs<Options> {
  host: HTMLElement;
  /** The host's open shadow root (reused when server rendering already attached one). */
  root: ShadowRoot;
  config: WidgetConfig;
  /** What `definition.options(config)` made of the config. */
  options: Options;
  /** The store to use: the page's, or the one an npm caller passed (never reached around). */
  store: PlauditStore;
}

export interface WidgetDefinition<Options = unknown> {
  /** `data-plaudit="…"`, `<plaudit-…>`. */
  kind: string;
  /** The kind needs `data-product-id` / `product-id` / `productId`. */
  needsProduct?: boolean;
  /**
   * The store's program and the shopper, no product's (the loyalty kinds): `product-id` means
   * nothing to it, and its custom element does not watch it.
   */
  storeWide?: boolean;
  /** The kind's own attributes beyond the common ones (custom elements observe them). */
  attributes?: readonly string[];
  /**
   * The catalogs its first render speaks from (load-catalog.ts): the loader waits for the page's
   * language before it hands painted markup over to `mount` (readyOf).
   */
  catalogs?: LoadableCatalogs;
  /** Reads and checks the kind's options from its config, once; throws an error that says what to do. */
  options(config: WidgetConfig): Options;
  /** Wires the controller and its view into `root`; answers the unmount. */
  mount(args: WidgetMountArgs<Options>): () => void;
}

/** Declares a widget kind (a typed identity: the three ways to mount it take the definition). */
/* @__NO_SIDE_EFFECTS__ */
export const defineWidget = <Options>(definition: WidgetDefinition<Options>): WidgetDefinition<Options> =>
  definition;

/** What the loader hands an entry chunk (docs/widget-contract.md). */
export interface MountOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
}

/** What the loader's `mount` answers: the unmount, and the widget as drawn now (kept-widget.ts). */
export interface Mounted {
  (): void;
  /** Called when the host was taken out, before the unmount: a copy for a host put in its place. */
  keep?(): Painted;
}

/**
 * What a kind's markup is read by: the server, store, language, theme and product, and the kind's
 * own attributes. Other data-* (a variant's id a theme writes on every host of a section) do not
 * change it: a host that differs only in those gets the copy.
 */
const addressOf =
  <Options>(definition: WidgetDefinition<Options>): Address =>
  (host, config) =>
    JSON.stringify([
      config.apiBase,
      config.store,
      config.locale ?? resolveLocale(host),
      config.theme,
      config.productId,
      (definition.attributes ?? []).map((name) => config.options[camel(name)]),
    ]);

/** The loader's entry: the page's one store. */
export const entryOf = <Options>(definition: WidgetDefinition<Options>) => {
  const address = addressOf(definition);
  return ({ host, root, config }: MountOptions): Mounted => {
    // Asked now, while the host is in the page (its language comes from the `lang` above it).
    const asked = address(host, config);
    const focus = followFocus(host);
    const scrolled = followScroll(root, focus.stop.signal);
    const unmount = definition.mount({
      host,
      root,
      config,
      options: definition.options(config),
      store: getStore(),
    });
    const mounted: Mounted = () => {
      focus.stop.abort();
      unmount();
    };
    mounted.keep = () => keptWidget(root, address, asked, focus.at, scrolled);
    return mounted;
  };
};

/**
 * The loader's wait before `mount` (docs/widget-contract.md): the kind's catalog in the host's
 * language, so a painted widget is handed over only when its code can render in that language at
 * once (its held clicks replayed on live markup). Not a promise when there is nothing to wait for.
 */
export const readyOf =
  <Options>(definition: WidgetDefinition<Options>) =>
  ({ host, config }: Pick<MountOptions, "host" | "config">): unknown =>
    definition.catalogs && catalogsFor(config.locale ?? resolveLocale(host), definition.catalogs);

/** What every npm mount call takes; kind-specific options ride along (e.g. `pageSize`, `amount`). */
export interface WidgetMountOptions {
  /** Public store id. */
  store: string;
  /** Your Plaudit server, e.g. "https://reviews.example.com". */
  apiBase: string;
  productId?: string;
  /** BCP 47 tag; default: the page's `lang`. */
  locale?: string;
  /** Default "auto". */
  theme?: Theme;
  /** Your server's signed token for the logged-in shopper: it becomes the page's shopper. */
  customerToken?: string;
  /** Default: the page's shared store (one per page, shared with the script tag). */
  plauditStore?: PlauditStore;
}

const COMMON = new Set(["store", "apiBase", "productId", "locale", "theme", "plauditStore"]);

/** How an npm call's messages name its options (the data-* names are the script tag's). */
const OPTION_NAMES: Record<string, string> = { api: "apiBase", "product-id": "productId" };

/**
 * An npm call's options as the WidgetConfig a data-attribute host would give, checked as the
 * script tag's data-* are (config.ts's checkSettings): a wrong one throws a PlauditConfigError
 * naming the option. `where` says which call ("in mountReviews's options").
 */
export function configFromOptions(given: WidgetMountOptions, where = "in the mount options"): WidgetConfig {
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    if (!COMMON.has(key) && value !== undefined && value !== null && value !== "")
      options[key] = String(value);
  }
  const settings = checkSettings(
    {
      store: given.store,
      api: given.apiBase,
      // Empty is unset, as an empty attribute is for the custom elements.
      locale: given.locale || undefined,
      theme: given.theme || undefined,
      productId: given.productId || undefined,
    },
    where,
    (setting) => OPTION_NAMES[setting] ?? setting,
    typeof document === "undefined" ? undefined : document.baseURI,
  );
  return { ...settings, options };
}

/** The npm mount call: renders into `el`'s shadow root; answers the unmount. */
export const mountFunctionOf =
  <Options>(definition: WidgetDefinition<Options>) =>
  (el: HTMLElement, given: WidgetMountOptions): (() => void) => {
    const config = configFromOptions(given, `in the options of the ${definition.kind} widget's mount call`);
    return definition.mount({
      host: el,
      root: prepareHost(el),
      config,
      options: definition.options(config),
      store: given.plauditStore ?? getStore(),
    });
  };
