// The attributes of each custom element defineElements() registers, as types, so a storefront
// declares the elements for its framework's templates in one line instead of writing them out
// (docs/embed.md, "Custom elements in TypeScript"). Each kind's own attributes are its
// definition's `attributes` (the ones the element observes); plaudit-elements.test.ts holds the
// two together.
import type { Theme } from "@plaudit/core";

/** What every `<plaudit-…>` element takes. */
export interface PlauditElementBaseAttributes {
  /** Public store id (required: the element waits for it). */
  store: string;
  /** Your Plaudit server; default the page's origin. */
  api?: string;
  /** BCP 47 tag; default the page's `lang`. */
  locale?: string;
  theme?: Theme;
}

/** Each element's attributes by tag name: `PlauditElementAttributes["plaudit-reviews"]`. */
export interface PlauditElementAttributes {
  "plaudit-reviews": PlauditElementBaseAttributes & {
    "product-id": string;
    "product-name"?: string;
    "page-size"?: number | string;
    "customer-token"?: string;
    "json-ld"?: "off";
    "product-jsonld-id"?: string;
  };
  "plaudit-stars": PlauditElementBaseAttributes & {
    "product-id": string;
    href?: string;
  };
  "plaudit-gallery": PlauditElementBaseAttributes & {
    "product-id"?: string;
    "page-size"?: number | string;
    layout?: "grid" | "carousel";
    /** Present (`""`): every 5 s; or a number of seconds (≥ 3). */
    autoplay?: number | string;
    "product-url-template"?: string;
    label?: string;
  };
  "plaudit-loyalty": PlauditElementBaseAttributes & {
    "customer-token"?: string;
    position?: "start" | "end";
    launcher?: "inline";
    "join-url"?: string;
    "signin-url"?: string;
  };
  "plaudit-points": PlauditElementBaseAttributes & {
    "customer-token"?: string;
  };
  "plaudit-points-for": PlauditElementBaseAttributes & {
    /** The price in the store's currency, a dot for decimals: `49.99`. */
    amount: number | string;
  };
}
