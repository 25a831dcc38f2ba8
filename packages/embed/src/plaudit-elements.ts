// Custom elements for npm users (React, Vue, Svelte storefronts): attributes in, a widget in
// the element's own shadow root out. They do not need the script-tag loader.
import type { Theme } from "@plaudit/core";
import { type MountWidgetOptions, mountReviews, mountStars } from "@plaudit/reviews";

type MountWidget = (el: HTMLElement, options: MountWidgetOptions) => () => void;

const ATTRIBUTES = ["product-id", "store", "api", "locale", "theme", "product-name", "href", "page-size"];

function elementClass(kind: string, mountWidget: MountWidget): CustomElementConstructor {
  return class PlauditElement extends HTMLElement {
    static observedAttributes = ATTRIBUTES;
    private unmount: (() => void) | undefined;

    connectedCallback() {
      this.render();
    }

    disconnectedCallback() {
      this.unmount?.();
      this.unmount = undefined;
    }

    attributeChangedCallback() {
      if (this.isConnected) this.render();
    }

    private render() {
      this.unmount?.();
      this.unmount = undefined;
      const productId = this.getAttribute("product-id");
      const store = this.getAttribute("store");
      if (!productId || !store) return; // frameworks often set attributes one at a time
      const options: MountWidgetOptions = {
        store,
        productId,
        apiBase: this.getAttribute("api") ?? location.origin,
      };
      const optional = {
        locale: this.getAttribute("locale"),
        theme: this.getAttribute("theme") as Theme | null,
        productName: this.getAttribute("product-name"),
        href: this.getAttribute("href"),
      };
      for (const [key, value] of Object.entries(optional))
        if (value) Object.assign(options, { [key]: value });
      const pageSize = Number(this.getAttribute("page-size"));
      if (pageSize) options.pageSize = pageSize;
      try {
        this.unmount = mountWidget(this, options);
      } catch (error) {
        console.error(`[plaudit] <plaudit-${kind}> could not mount`, error);
      }
    }
  };
}

/**
 * Registers `<plaudit-reviews>` and `<plaudit-stars>` (attributes: product-id, store, api,
 * locale, theme, product-name, href, page-size). Safe to call more than once.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  if (!registry.get("plaudit-reviews"))
    registry.define("plaudit-reviews", elementClass("reviews", mountReviews));
  if (!registry.get("plaudit-stars")) registry.define("plaudit-stars", elementClass("stars", mountStars));
}
