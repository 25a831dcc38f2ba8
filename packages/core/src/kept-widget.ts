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

/** What a widget's markup is read by, for a host and its config (another host asking the same gets the copy). */
export type Address = (host: HTMLElement, config: WidgetConfig) => string;

/**
 * The widget in `root` as drawn now, for a host whose config has the same `address` as `asked`
 * (computed while the old host was in the page: a detached host finds no `lang` above it).
 * `focused`: the control the keyboard was on when its host was taken out.
 */
export function keptWidget(root: ShadowRoot, address: Address, asked: string, focused?: Element): Painted {
  const drawn = [...root.childNodes].map((node) => node.cloneNode(true));
  // A modal dialog (the loyalty panel) left the top layer with its host: a copy would draw inline.
  for (const node of drawn)
    for (const dialog of (node as Element).querySelectorAll?.("dialog") ?? []) dialog.remove();
  const sheets = root.adoptedStyleSheets;
  const path: FocusPath | undefined = pathIn(root, focused);
  const again = (other: HTMLElement, inherited: Partial<WidgetConfig>): Painted | undefined => {
    try {
      // A root with markup of its own (server rendering) is the server's; another product, language,
      // theme or option of the kind's is another widget.
      if (other.shadowRoot?.firstChild || address(other, readConfig(other, inherited)) !== asked) return;
    } catch {
      return;
    }
    const copy = other.shadowRoot ?? other.attachShadow({ mode: "open" });
    copy.adoptedStyleSheets = sheets;
    copy.append(...drawn.map((node) => node.cloneNode(true)));
    focusAt(copy, path);
    const clear = () => {
      copy.replaceChildren();
      copy.adoptedStyleSheets = [];
    };
    return {
      used: Promise.resolve(),
      live: true,
      handOver() {
        // Its code renders anew in the same task: the keyboard goes to the same place in that.
        const at = pathIn(copy, copy.activeElement);
        clear();
        return () => focusAt(copy, at);
      },
      release: clear,
      again,
    };
  };
  return { used: Promise.resolve(), live: true, handOver: () => () => undefined, release() {}, again };
}
