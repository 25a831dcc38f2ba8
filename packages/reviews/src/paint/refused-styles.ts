// Server markup whose inline <style> the page's CSP refused (a stale hash, a missing nonce: docs/ssr.md,
// "Blocked anyway"), styled by the loader's paint with a constructed copy of that CSS — so that
// nothing outside the widget moves. The unstyled markup was laid out by the browser's defaults: its
// heading's margins went out through the host (and collapsed with the page's own), and it gave the
// host a height (the star badge: a line of the page's font, where styled it is 20 px). The styled
// root keeps those margins and that height: at least that height, or (`pin`) exactly that, and a host
// the unstyled markup left empty stays empty.
// A chunk of its own: only a page that refused our <style> loads it.
import { sheetOf } from "@plaudit/ui";

/** Adopts the refused CSS with its hold; answers how to drop the copy (`all`: and the hold). */
export function holdRefusedStyles(
  root: ShadowRoot,
  styles: HTMLStyleElement[],
  pin?: boolean,
): (all?: boolean) => void {
  const widget = root.querySelector(".plaudit-root");
  const css = sheetOf(styles.map((style) => style.textContent).join("\n"));
  const hold = new CSSStyleSheet();
  if (widget) {
    const host = root.host;
    const box = (element: Element) => element.getBoundingClientRect();
    // A copy: the property answers a live array.
    const adopted = [...root.adoptedStyleSheets];
    const [w, h] = [box(widget), box(host)];
    // Laid out at all (not in a hidden tab): else there is no height to keep.
    const shown = host.getClientRects().length > 0;
    let margins = "";
    if (shown && getComputedStyle(host).display === "block") {
      // The host as a flow root holds the margins that otherwise go through it: their size is how far
      // the widget's edges move away from the host's.
      hold.replaceSync(":host{display:flow-root!important}");
      root.adoptedStyleSheets = [...adopted, hold];
      const [wf, hf] = [box(widget), box(host)];
      margins = `margin-block:${wf.top - hf.top - w.top + h.top}px ${hf.bottom - wf.bottom - h.bottom + w.bottom}px;`;
    }
    hold.replaceSync(`:host>.plaudit-root{${margins}}`);
    root.adoptedStyleSheets = [...adopted, css, hold];
    // Styled: the root's height that gives the host back the height it had. A host left empty (the
    // badge of a product without reviews) stays empty: its neighbours' margins collapsed through it.
    const height = box(widget).height + h.height - box(host).height;
    if (shown) {
      hold.replaceSync(
        `:host>.plaudit-root{${margins}${pin ? (h.height ? "" : "display:none;") : "min-"}block-size:${height}px}`,
      );
    }
  } else {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, css];
  }
  return (all) => {
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter(
      (adopted) => adopted !== css && (!all || adopted !== hold),
    );
  };
}
