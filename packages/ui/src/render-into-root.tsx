import { type ComponentChild, hydrate, render } from "preact";
import { ErrorBoundary } from "./error-boundary.tsx";

export interface RenderIntoRootOptions {
  /** Widget kind, reported with errors ("reviews", "stars", …). */
  kind: string;
  /** The [data-plaudit] element, reported with errors. */
  host?: Element;
  /** Adopt markup the server already rendered into a declarative shadow root. */
  hydrate?: boolean;
}

/**
 * Server markup puts its <style>/<link> before the widget, so it is styled from the first painted
 * frame. Preact hydrates a root's children in order and would move the widget in front of them
 * (losing focus inside it): move the styles behind it instead. Not rendered themselves, and the
 * widget's constructable sheets are adopted already, so nothing on screen changes.
 */
function moveServerStylesBehind(root: ShadowRoot): void {
  const leading: Element[] = [];
  for (let node = root.firstElementChild; node; node = node.nextElementSibling) {
    if (node.localName !== "style" && node.localName !== "link") break;
    leading.push(node);
  }
  if (leading.length > 0 && leading.length < root.childElementCount) root.append(...leading);
}

/**
 * Renders a widget view into its shadow root behind an ErrorBoundary and answers the unmount
 * function the loader calls. Calling unmount twice is harmless.
 */
export function renderIntoRoot(
  root: ShadowRoot,
  view: ComponentChild,
  options: RenderIntoRootOptions,
): () => void {
  const tree = (
    <ErrorBoundary kind={options.kind} element={options.host}>
      {view}
    </ErrorBoundary>
  );
  if (options.hydrate) {
    moveServerStylesBehind(root);
    hydrate(tree, root);
  } else render(tree, root);
  let mounted = true;
  return () => {
    if (!mounted) return;
    mounted = false;
    render(null, root);
  };
}
