// What both painters do to a host: decide whether there is anything to paint, put the server's
// markup in (its CSS as an adopted constructed sheet, its state script into the host), and take
// it all back. The CSS is adopted, not inserted as a <style>: a page whose CSP refuses inline styles
// (`style-src 'self'`) still shows the painted widget styled, as it shows the mounted one
// (docs/ssr.md, "Styles and CSP").
import { sheetOf } from "@plaudit/ui";
import { hasServerMarkup, type ServerState } from "../hydration/server-state.ts";

/**
 * Where a host stands: "server" (server rendering painted it, docs/ssr.md: nothing to fetch),
 * "empty" (paint it), or undefined (server state without its markup, i.e. light-DOM rendering, or a
 * root someone filled: the widget's own code renders those).
 */
export function standing(root: ShadowRoot, server: ServerState | undefined): "server" | "empty" | undefined {
  if (server && hasServerMarkup(root)) return "server";
  return server || root.childNodes.length > 0 ? undefined : "empty";
}

export interface PutPainted {
  /** Drops the painted sheet (the widget adopted its own). */
  dropCss(): void;
  /** Takes back everything painting added. */
  takeBack(): void;
}

/** Puts the server's markup into `root`. */
export function putPainted(
  host: HTMLElement,
  root: ShadowRoot,
  markup: DocumentFragment,
  css: string,
  state: HTMLScriptElement,
): PutPainted {
  const sheet = sheetOf(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  root.append(markup);
  host.append(state);
  const dropCss = () => {
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
  };
  return {
    dropCss,
    takeBack() {
      dropCss();
      state.remove();
      root.replaceChildren();
    },
  };
}

/** A Performance mark a merchant's monitoring (and bench/) reads: the widget shows its content. */
export const markContent = (doc: Document, kind: string): void =>
  void doc.defaultView?.performance?.mark?.(`plaudit:${kind}:content`);
