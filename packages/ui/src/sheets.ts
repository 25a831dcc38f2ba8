// One constructed stylesheet per css text for the whole page: 24 star badges share one parsed
// sheet, and so do the painted and the mounted widgets that ask for the same text. Its own file:
// the loader's first paint adopts the server's CSS with it before any widget code loads.
const sheets = new Map<string, CSSStyleSheet>();

export function sheetOf(css: string): CSSStyleSheet {
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  return sheet;
}
