// JSX types for the custom elements defineElements() registers: their attributes as
// @plaudit/embed types them, one line for all six.
import type { PlauditElementAttributes } from "@plaudit/embed";
import "preact";

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements extends PlauditElementAttributes {}
  }
}
