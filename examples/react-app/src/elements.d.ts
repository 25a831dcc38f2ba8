// JSX types for the custom elements defineElements() registers (React 19 passes these through
// as attributes).
import "react";

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "plaudit-stars": { "product-id": string; store: string; api?: string; href?: string };
      "plaudit-reviews": { "product-id": string; store: string; api?: string; "product-name"?: string };
    }
  }
}
