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
  if (options.hydrate) hydrate(tree, root);
  else render(tree, root);
  let mounted = true;
  return () => {
    if (!mounted) return;
    mounted = false;
    render(null, root);
  };
}
