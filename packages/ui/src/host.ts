// Where a widget lives: an open shadow root on its host, styled with constructable stylesheets so
// it works under `style-src 'self'` (no inline <style>) and no host CSS leaks in or out.

// The shadow root itself is core's (define-widget.ts: the three ways to mount a kind attach it).
export { prepareHost } from "@plaudit/core";

import { CODE_SHEETS, type CodeStyled, sheetOf } from "./sheets.ts";

function canConstructSheets(): boolean {
  try {
    return (
      typeof CSSStyleSheet === "function" &&
      "replaceSync" in CSSStyleSheet.prototype &&
      new CSSStyleSheet() !== null
    );
  } catch {
    return false;
  }
}

/**
 * Server markup whose own styles did not apply — a CSP refused its inline <style>, or its <link>
 * has not loaded — was laid out unstyled: the height its widget takes now, else undefined.
 */
function unstyledServerHeight(root: ShadowRoot): number | undefined {
  // Before hydration the only <style>/<link> in a root are the server's (user text is escaped).
  const serverStyles = [...root.querySelectorAll<HTMLStyleElement | HTMLLinkElement>("style,link")];
  if (serverStyles.length === 0 || serverStyles.some((style) => style.sheet !== null)) return undefined;
  const height = root.querySelector(".plaudit-root")?.getBoundingClientRect().height;
  return height || undefined;
}

/**
 * Adopts the given css texts into `root`, keeping sheets adopted by others (a second widget
 * kind in the same root). Browsers without constructable sheets get a <style> element with
 * textContent — those browsers predate the CSP levels that would block it.
 */
export function adoptStyles(root: ShadowRoot, cssTexts: string[]): void {
  if (!canConstructSheets() || !("adoptedStyleSheets" in root)) {
    for (const css of cssTexts) {
      const style = root.ownerDocument.createElement("style");
      style.textContent = css;
      root.prepend(style);
    }
    return;
  }
  const wanted = cssTexts.map(sheetOf);
  // Said on the root: a painted widget's hand-over keeps these, the same sheets it had adopted.
  (root as CodeStyled)[CODE_SHEETS] = wanted;
  // Styling unstyled server markup changes its height: keep the widget at least as tall as it was,
  // so nothing outside it moves (docs/ssr.md, "Styles and CSP"). Content below our box stays put.
  const held = unstyledServerHeight(root);
  if (held !== undefined) {
    const hold = new CSSStyleSheet();
    hold.replaceSync(`:host>.plaudit-root{min-block-size:${held}px}`);
    wanted.push(hold);
  }
  const current = root.adoptedStyleSheets;
  root.adoptedStyleSheets = [...current, ...wanted.filter((sheet) => !current.includes(sheet))];
}
