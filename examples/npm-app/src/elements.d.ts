// JSX types for the custom elements defineElements() registers.
import "preact";

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      "plaudit-stars": { "product-id": string; store: string; api?: string; href?: string };
      "plaudit-reviews": { "product-id": string; store: string; api?: string; "product-name"?: string };
    }
  }
}
