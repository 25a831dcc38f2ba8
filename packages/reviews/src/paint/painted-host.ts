// What both painters do to a host: decide whether there is anything to paint, put the server's
// markup in (its CSS as an adopted constructed sheet, its state script into the host), and take
// it all back. The CSS is adopted, not inserted as a <style>: a page whose CSP refuses inline styles
// (`style-src 'self'`) still shows the painted widget styled, as it shows the mounted one
// (docs/ssr.md, "Styles and CSP").
import {
  focusAt,
  type Painted,
  pathIn,
  readConfig,
  setJson,
  trusted,
  type WidgetConfig,
} from "@plaudit/core";
import { CODE_SHEETS, type CodeStyled, CSS_PART, sheetOf } from "@plaudit/ui";
import { hasServerMarkup, type ServerState, STATE_ATTRIBUTE, scriptJson } from "../hydration/server-state.ts";

// Markup a released paint left showing for the paint that follows it (a product swap, refresh()):
// taken back in the task the new markup goes in, so the widget never blanks (and what follows it
// never moves) for the round trip in between.
const leaving = new WeakMap<ShadowRoot, () => void>();

/** Lets go of a host's painted markup: now, or (`leave`) when the next paint puts its own in. */
export function letGo(root: ShadowRoot | null, takeBack: () => void, leave = false): void {
  if (root && leave) leaving.set(root, takeBack);
  else takeBack();
}

/** Takes back what a released paint left in the host's root, if anything. */
export function clearLeft(root: ShadowRoot | null): void {
  const left = root ? leaving.get(root) : undefined;
  if (!left) return;
  leaving.delete(root!);
  left();
}

/**
 * Where a host stands: "server" (server rendering painted it, docs/ssr.md: nothing to fetch),
 * "empty" (paint it: nothing there, or what a released paint left), or undefined (server state
 * without its markup, i.e. light-DOM rendering, or a root someone filled: the widget's own code
 * renders those).
 */
export function standing(root: ShadowRoot | null, server?: ServerState): "server" | "empty" | undefined {
  if (root && leaving.has(root)) return "empty";
  if (server && root && hasServerMarkup(root)) return "server";
  return server || root?.firstChild ? undefined : "empty";
}

/**
 * Painted's `again`, for both painters: `other` is painted from memory (`show`, given its own config)
 * when that config asks for the markup at hand — the same `address`, what the markup is read by
 * (product, server, store, language, theme, page size) — and its root is free to paint. Its other
 * data-* (a variant's id, a badge's link, a product name for JSON-LD) are its own. A keyboard the
 * old host took with it to <body> goes on to the same control in the new one (WCAG 2.4.3).
 */
export function paintAgain(
  other: HTMLElement,
  inherited: Partial<WidgetConfig>,
  address: (host: HTMLElement, config: WidgetConfig) => string,
  asked: string,
  focused: Element | undefined,
  show: (config: WidgetConfig) => Painted | undefined,
): Painted | undefined {
  try {
    const config = readConfig(other, inherited);
    if (address(other, config) !== asked || standing(other.shadowRoot) !== "empty") return;
    const painted = show(config);
    // The same markup: the control at the same place (the second card's "Helpful", not the first's).
    if (painted) focusAt(other.shadowRoot!, pathIn(focused?.getRootNode() as ShadowRoot, focused));
    return painted;
  } catch {
    // A bad attribute, a root that cannot take the markup: painted the usual way.
  }
}

export interface PutPainted {
  /** The host's shadow root, holding the markup. */
  root: ShadowRoot;
  /** Puts the widget's state script into the host (where its code will read it). */
  keep(state: HTMLScriptElement): void;
  /** Drops the painted sheets the widget's code did not adopt (its own are the same texts' sheets). */
  dropCss(): void;
  /** Takes back everything painting added. */
  takeBack(): void;
}

/**
 * Puts the server's markup into `host`'s shadow root, attaching one (open) only now: until the
 * markup is here, what the page put inside the host shows.
 */
export function putPainted(host: HTMLElement, markup: DocumentFragment, css: string): PutPainted {
  // First: a browser without constructable sheets throws here, before anything is attached. One
  // sheet per part (CSS_PART): the parts another widget on the page adopted are parsed already.
  const sheets = css.split(CSS_PART).map(sheetOf);
  const root: CodeStyled = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  clearLeft(root);
  const had = root.adoptedStyleSheets;
  root.adoptedStyleSheets = [...had, ...sheets.filter((sheet) => !had.includes(sheet))];
  root.append(markup);
  let kept: HTMLScriptElement | undefined;
  // The code adopts the sheets of the same texts, the very same sheets: those stay (and those an
  // earlier mount of its code adopted, a product ago).
  const dropCss = () => {
    const own = root[CODE_SHEETS] ?? [];
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter(
      (adopted) => !sheets.includes(adopted) || own.includes(adopted),
    );
  };
  return {
    root,
    keep(state) {
      // Only painted where no state fits: one still there is another product's (server rendering,
      // then a single-page app swapped the product) and would be read instead of this one.
      for (const stale of host.querySelectorAll(`:scope > [${STATE_ATTRIBUTE}]`)) stale.remove();
      kept = state;
      host.append(state);
    },
    dropCss,
    takeBack() {
      dropCss();
      kept?.remove();
      root.replaceChildren();
    },
  };
}

/**
 * Server markup whose inline <style> the page's CSP refused (a stale hash, a missing nonce: docs/ssr.md,
 * "Blocked anyway") gets that CSS as a constructed sheet now, as the widget's code does when it
 * hydrates — which waits for the shopper's first use — without moving anything outside the widget
 * (refused-styles.ts, a chunk of its own: only such a page loads it). Answers how to drop the copy
 * of the CSS (the code adopted its own), `all`: and what holds the host's box (let go).
 */
export function adoptRefusedStyles(root: ShadowRoot, pin?: boolean): (all?: boolean) => void {
  const styles = [...root.querySelectorAll("style")];
  // None (`styles: "link"`: the page's stylesheet may still be loading), or applied: nothing to do.
  if (styles.length === 0 || styles.some((style) => style.sheet)) return () => undefined;
  let drop: ((all?: boolean) => void) | undefined;
  let dropped = false;
  void import("./refused-styles.ts").then((loaded) => {
    // The code came first and styled it (or the widget was let go): too late to hold anything.
    if (!dropped) drop = loaded.holdRefusedStyles(root, styles, pin);
  });
  return (all) => {
    dropped = true;
    drop?.(all);
  };
}

/** A state script as server rendering writes it (docs/ssr.md): JSON that cannot end the script. */
export function stateScript(doc: Document, state: ServerState): HTMLScriptElement {
  const script = doc.createElement("script");
  script.type = "application/json";
  script.setAttribute(STATE_ATTRIBUTE, "");
  setJson(script, scriptJson(state));
  return script;
}

/** A Performance mark a merchant's monitoring (and bench/) reads: the widget shows its content. */
export const markContent = (doc: Document, kind: string): void =>
  void doc.defaultView?.performance?.mark?.(`plaudit:${kind}:content`);

/**
 * A read of our server's rendered markup (the snippet, the badges). Revalidated every time (a 304
 * when nothing changed): after this shopper's own write (a vote, a review) a reload must not paint
 * the cached answer without it, and knowing of such a write means reading storage, 4–12 ms of a
 * 4×-throttled page's first access.
 */
export const readPainted = (url: string): Promise<Response> =>
  fetch(url, { credentials: "omit", cache: "no-cache" });

/**
 * Our server's rendered markup, parsed inert (a <template> runs nothing; a declarative shadow root in
 * it stays a template). Only ever the server renderer's output, where every user text is escaped:
 * the one place the paint turns a string into nodes.
 */
export function parseInert(doc: Document, html: string): DocumentFragment {
  const parsed = doc.createElement("template");
  // Through the "plaudit" policy on a page that enforces Trusted Types (core's trusted-types.ts).
  parsed.innerHTML = trusted()?.createHTML(html) ?? html;
  return parsed.content;
}

/**
 * The thumbnails' placeholder colour (the server's `data-placeholder`), set as their code sets it:
 * through the CSSOM (a strict CSP refuses style attributes, not this), so a card shows its photo's
 * colour until the photo loads, painted or server-rendered, before the code comes.
 */
export function showPlaceholders(markup: ParentNode): void {
  for (const img of markup.querySelectorAll<HTMLElement>("img[data-placeholder]")) {
    img.style.backgroundColor = img.dataset.placeholder!;
  }
}
