// JSX types for the custom elements defineElements() registers (React 19 passes these through
// as attributes): their attributes as @plaudit/embed types them, one line for all six.
import type { PlauditElementAttributes } from "@plaudit/embed";
import "react";

declare module "react" {
  namespace JSX {
    interface IntrinsicElements extends PlauditElementAttributes {}
  }
}
