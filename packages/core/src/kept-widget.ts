// A live widget taken out of the page (a theme's section re-render, an SPA's or a framework's swap),
// kept as it was drawn that moment for the loader's hold (embed's widget-hosts.ts): a host put in
// its place that asks for the same widget shows a copy at once — no blank frame, nothing below it
// moving, no request — while its code mounts at once and renders from the page's store, and the
// keyboard goes back to the same control. What it was drawn from may have changed since the widget
// first loaded (a review written, a vote, a shopper signed in): the copy is of the widget as the
// shopper last saw it, never of an older answer, and only until its own code has rendered.
import { readConfig, type WidgetConfig } from "./config.ts";
import { type FocusPath, focusAt, pathIn } from "./focus-path.ts";
import type { Painted } from "./painted.ts";

/**
 * How long the loader holds a widget taken out of the page for a host put in its place (a route's or
 * a section's round trip on a slow network), and how long a widget's first page read is reused by
 * the one that takes its place. Longer would keep memory for nothing and show older answers.
 */
export const HELD_MS = 10_000;

// The copy's own element in the new host's root, drawn as if it were not there (its children laid
// out as the widget's own): a name no widget renders, so the widget's first render never takes it over.
const COPY = "plaudit-copy";
let contents: CSSStyleSheet[] | undefined;
const copyCss = (): CSSStyleSheet[] => {
  if (!contents) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`${COPY}{display:contents}`);
      contents = [sheet];
    } catch {
      contents = [];
    }
  }
  return contents;
};

/** Where each box of a widget the shopper scrolled stands (a panel's body, a strip of photos). */
export type Scrolled = Map<Element, number[]>;

/**
 * Follows the scrolling inside `root` until `signal` aborts: a copy is drawn where the shopper was,
 * not back at the top (a clone starts at 0, and a box taken out of the page reads 0 by then).
 */
export function followScroll(root: ShadowRoot, signal: AbortSignal): Scrolled {
  const scrolled: Scrolled = new Map();
  root.addEventListener(
    "scroll",
    ({ target }) => {
      const box = target as Element;
      scrolled.set(box, [box.scrollTop, box.scrollLeft]);
    },
    { capture: true, passive: true, signal },
  );
  return scrolled;
}

/** What a widget's markup is read by, for a host and its config (another host asking the same gets the copy). */
export type Address = (host: HTMLElement, config: WidgetConfig) => string;

/**
 * The widget in `root` as drawn now, for a host whose config has the same `address` as `asked`
 * (computed while the old host was in the page: a detached host finds no `lang` above it).
 * `focused`: the control the keyboard was on when its host was taken out; `scrolled`: where its
 * boxes stood (followScroll).
 */
export function keptWidget(
  root: ShadowRoot,
  address: Address,
  asked: string,
  focused?: Element,
  scrolled: Scrolled = new Map(),
): Painted {
  const drawn = root.ownerDocument.createElement(COPY);
  drawn.append(...[...root.childNodes].map((node) => node.cloneNode(true)));
  const sheets = root.adoptedStyleSheets;
  const path = pathIn(root, focused);
  const boxes: [FocusPath | undefined, number[]][] = [...scrolled].map(([box, at]) => [
    pathIn(root, box),
    at,
  ]);
  const again = (other: HTMLElement, inherited: Partial<WidgetConfig>): Painted | undefined => {
    try {
      // A root with markup of its own (server rendering) is the server's; another product, language,
      // theme or option of the kind's is another widget.
      if (other.shadowRoot?.firstChild || address(other, readConfig(other, inherited)) !== asked) return;
    } catch {
      return;
    }
    const copy = other.shadowRoot ?? other.attachShadow({ mode: "open" });
    const own = copyCss();
    copy.adoptedStyleSheets = [...sheets, ...own];
    const shown = drawn.cloneNode(true) as Element;
    copy.append(shown);
    const at = (path: FocusPath | undefined) => {
      let box: Element | undefined = shown;
      for (const index of path ?? [-1]) box = box?.children[index];
      return box;
    };
    // Taken out with the keyboard in it (on <body> now): showModal below puts it on the dialog's
    // first control, focusAt then on the one it was on.
    const doc = copy.ownerDocument;
    const lost = !doc.activeElement || doc.activeElement === doc.body;
    // An open modal dialog (the loyalty panel) left the top layer with its host: back in it, as
    // modal as it was (the page behind inert), until the widget's code opens its own in its place
    // (keptDialog). Its `open` attribute came with the clone: showModal refuses a dialog that has it.
    for (const dialog of shown.querySelectorAll("dialog[open]")) {
      dialog.removeAttribute("open");
      try {
        (dialog as HTMLDialogElement).showModal();
      } catch {
        dialog.setAttribute("open", "");
      }
    }
    for (const [path, [top, left]] of boxes) at(path)?.scrollTo(left!, top!);
    if (lost && path) (doc.activeElement as HTMLElement | null)?.blur();
    focusAt(copy, path && [0, ...path]);
    return {
      used: Promise.resolve(),
      live: true,
      handOver() {
        // The copy stays while the code mounts: a widget that measures itself as it mounts (the
        // reviews: how many cards reach the view) measures one of its own size, and the page's
        // scroll is not clamped to a shorter page meanwhile. Preact's first render drops it (no
        // view of the widget's has its name); a widget of plain DOM appends beside it, and it goes
        // after. Its sheets are those the widget adopts again (ui's adoptStyles keeps one of each).
        const at = pathIn(copy, copy.activeElement)?.slice(1);
        return () => {
          shown.remove();
          copy.adoptedStyleSheets = copy.adoptedStyleSheets.filter((sheet) => !own.includes(sheet));
          focusAt(copy, at);
        };
      },
      release() {
        copy.replaceChildren();
        copy.adoptedStyleSheets = [];
      },
      again,
    };
  };
  return { used: Promise.resolve(), live: true, handOver: () => () => undefined, release() {}, again };
}

/**
 * The open dialog of a copy in `root` (a panel the shopper had open when the page swapped its
 * host): the widget's code, mounting over the copy, opens its own in its place, focused and
 * scrolled as this one (loyalty's panel/as-it-was.ts).
 */
export const keptDialog = (root: ShadowRoot): HTMLDialogElement | null =>
  root.querySelector(`${COPY} dialog[open]`);
