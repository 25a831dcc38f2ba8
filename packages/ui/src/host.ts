// Where a widget lives: an open shadow root on its host, styled with constructable stylesheets so
// it works under `style-src 'self'` (no inline <style>) and no host CSS leaks in or out.

/** Attaches an open shadow root, or reuses one already there (declarative shadow DOM from SSR). */
export function prepareHost(host: HTMLElement): ShadowRoot {
  return host.shadowRoot ?? host.attachShadow({ mode: "open" });
}

// One sheet per css text for the whole page: 24 star badges share one parsed stylesheet.
const sheets = new Map<string, CSSStyleSheet>();

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
  const wanted = cssTexts.map((css) => {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    return sheet;
  });
  const current = root.adoptedStyleSheets;
  root.adoptedStyleSheets = [...current, ...wanted.filter((sheet) => !current.includes(sheet))];
}
