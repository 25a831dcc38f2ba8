// Custom elements for npm users (React, Vue, Svelte storefronts): attributes in, a widget in the
// element's own shadow root out, for all six kinds — each made from its kind's one definition, as
// the loader's entry and the npm mount function are. They do not need the script-tag loader.
import {
  checkSettings,
  getStore,
  LIST_LIMIT_MAX,
  PlauditConfigError,
  pageSizeOf,
  prepareHost,
  type WidgetConfig,
  type WidgetDefinition,
} from "@plaudit/core";
import { loyaltyWidget, pointsForWidget, pointsWidget } from "@plaudit/loyalty";
import { galleryWidget, reviewsWidget, starsWidget } from "@plaudit/reviews";
import { createErrorReporter } from "./report-error.ts";

/** Every kind's element, `<plaudit-${kind}>`. */
export const WIDGET_DEFINITIONS: readonly WidgetDefinition<unknown>[] = [
  reviewsWidget,
  starsWidget,
  galleryWidget,
  loyaltyWidget,
  pointsWidget,
  pointsForWidget,
] as WidgetDefinition<unknown>[];

const COMMON_ATTRIBUTES = ["store", "api", "product-id", "locale", "theme"];

/** What the element watches (a change remounts it): the common attributes it reads and its own. */
function watchedAttributes(definition: WidgetDefinition<unknown>): string[] {
  const common = definition.storeWide
    ? COMMON_ATTRIBUTES.filter((name) => name !== "product-id")
    : COMMON_ATTRIBUTES;
  return [...common, ...(definition.attributes ?? [])];
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * The element's attributes as the WidgetConfig a data-attribute host would give, checked as the
 * script tag's data-* are (core's checkSettings, the one check): a wrong value throws a
 * PlauditConfigError naming the attribute. Undefined while `store` is not set (frameworks set
 * attributes one at a time); an empty attribute is unset.
 */
export function configFromAttributes(el: Element): WidgetConfig | undefined {
  const attr = (name: string) => el.getAttribute(name) || undefined;
  const store = attr("store");
  if (!store) return undefined;
  const options: Record<string, string> = {};
  for (const { name, value } of Array.from(el.attributes)) {
    if (!COMMON_ATTRIBUTES.includes(name) && !name.startsWith("data-")) options[camel(name)] = value;
  }
  const settings = checkSettings(
    {
      store,
      api: attr("api") ?? location.origin,
      locale: attr("locale"),
      theme: attr("theme"),
      productId: attr("product-id"),
    },
    `on <${el.localName}>`,
    (setting) => setting,
    el.ownerDocument.baseURI,
  );
  return { ...settings, options };
}

/**
 * A page size the kind would not take as given (core's pageSizeOf, the one rule: "abc", 0, more
 * than the API lists): said, and the kind's default (or the most) shown, as for the script tag.
 */
function checkPageSize(el: Element, config: WidgetConfig): void {
  const given = config.options.pageSize;
  if (given === undefined || pageSizeOf(config, Number.NaN) === Number(given)) return;
  throw new PlauditConfigError(
    `[plaudit] page-size="${given}" on <${el.localName}> is not a page size it shows: use a whole number from 1 to ${LIST_LIMIT_MAX}`,
  );
}

/** Each message once, however many elements fail the same way; every failure on `error`. */
const reportError = createErrorReporter();

/** `<plaudit-${kind}>` for one definition. */
export function elementOf(definition: WidgetDefinition<unknown>): CustomElementConstructor {
  return class PlauditElement extends HTMLElement {
    static observedAttributes = watchedAttributes(definition);
    private unmount: (() => void) | undefined;

    connectedCallback() {
      this.render();
    }

    disconnectedCallback() {
      this.unmount?.();
      this.unmount = undefined;
    }

    attributeChangedCallback(name: string, old: string | null, value: string | null) {
      // customer-token removed: the storefront signed the shopper out (an absent token alone,
      // on a new element, says nothing: another element or the script tag may name the shopper).
      if (name === "customer-token" && old?.trim() && !value?.trim()) getStore().identifyShopper(null);
      if (this.isConnected) this.render();
    }

    private render() {
      this.unmount?.();
      this.unmount = undefined;
      // Never a throw into the page: a wrong attribute is said once, with `[plaudit]`, and the
      // element stays empty (as a script-tag host with a wrong data-* does) until it is fixed.
      try {
        const config = configFromAttributes(this);
        // Frameworks often set attributes one at a time: wait for what the kind needs.
        if (!config || (definition.needsProduct && !config.productId)) return;
        const options = definition.options(config);
        this.unmount = definition.mount({
          host: this,
          root: prepareHost(this),
          config,
          options,
          store: getStore(),
        });
        // A page size it cannot show is shown as the kind's default: said, not refused.
        if ("pageSize" in (options as object)) checkPageSize(this, config);
      } catch (error) {
        reportError(error, definition.kind, this);
      }
    }
  };
}

/**
 * Registers `<plaudit-reviews>`, `<plaudit-stars>`, `<plaudit-gallery>`, `<plaudit-loyalty>`,
 * `<plaudit-points>` and `<plaudit-points-for>` (attributes: store, api, product-id, locale, theme,
 * and each kind's own, as its data-* attributes without the prefix). Safe to call more than once.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const definition of WIDGET_DEFINITIONS) {
    const name = `plaudit-${definition.kind}`;
    if (!registry.get(name)) registry.define(name, elementOf(definition));
  }
}
