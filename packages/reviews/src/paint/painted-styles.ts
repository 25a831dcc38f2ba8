// The server's markup comes with its CSS as text (a <style> in the snippet, `css` in the badges'
// answer). It is adopted as a constructed stylesheet, not inserted as a <style>: a page whose CSP
// refuses inline styles (`style-src 'self'`) still shows the painted widget styled, as it shows
// the mounted one (docs/ssr.md, "Styles and CSP").

// One sheet per css text for the page: 24 painted badges share one parsed stylesheet.
const sheets = new Map<string, CSSStyleSheet>();

function sheetOf(css: string): CSSStyleSheet {
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  return sheet;
}

/** Adopts `css` into `root` next to what it has; answers how to take it back out. */
export function adoptPaintedCss(root: ShadowRoot, css: string): () => void {
  const sheet = sheetOf(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return () => {
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
  };
}

/** A Performance mark a merchant's monitoring (and bench/) reads: the widget shows its content. */
export const markContent = (doc: Document, kind: string): void =>
  void doc.defaultView?.performance?.mark?.(`plaudit:${kind}:content`);
