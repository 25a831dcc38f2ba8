// Custom elements for npm users (React, Vue, Svelte storefronts): attributes in, a widget in the
// element's own shadow root out, for all six kinds — each made from its kind's one definition, as
// the loader's entry and the npm mount function are. They do not need the script-tag loader.
import {
  getStore,
  prepareHost,
  THEMES,
  type Theme,
  type WidgetConfig,
  type WidgetDefinition,
} from "@plaudit/core";
import { loyaltyWidget, pointsForWidget, pointsWidget } from "@plaudit/loyalty";
import { galleryWidget, reviewsWidget, starsWidget } from "@plaudit/reviews";

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

/** The element's attributes as the WidgetConfig a data-attribute host would give. */
export function configFromAttributes(el: Element): WidgetConfig | undefined {
  const store = el.getAttribute("store");
  if (!store) return undefined;
  const options: Record<string, string> = {};
  for (const { name, value } of Array.from(el.attributes)) {
    if (!COMMON_ATTRIBUTES.includes(name) && !name.startsWith("data-")) options[camel(name)] = value;
  }
  const theme = el.getAttribute("theme") as Theme | null;
  const locale = el.getAttribute("locale");
  const productId = el.getAttribute("product-id");
  return {
    store,
    apiBase: (el.getAttribute("api") ?? location.origin).replace(/\/+$/, ""),
    ...(locale ? { locale } : {}),
    theme: theme && (THEMES as readonly string[]).includes(theme) ? theme : "auto",
    ...(productId ? { productId } : {}),
    options,
  };
}

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
      const config = configFromAttributes(this);
      // Frameworks often set attributes one at a time: wait for what the kind needs.
      if (!config || (definition.needsProduct && !config.productId)) return;
      try {
        this.unmount = definition.mount({
          host: this,
          root: prepareHost(this),
          config,
          options: definition.options(config),
          store: getStore(),
        });
      } catch (error) {
        console.error(`[plaudit] <plaudit-${definition.kind}> could not mount`, error);
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
