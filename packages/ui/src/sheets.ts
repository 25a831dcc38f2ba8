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

/**
 * Between the parts of a widget's CSS where the server sends them as one text (the snippet's and the
 * badges' <style>, server/widget-css.ts): an empty comment, nothing to CSS. The paint splits there
 * and adopts each part as the sheet of its own text: the theme, base and stars parts the reviews
 * and the badges both carry are parsed once a page, and they are the very sheets the widgets' code
 * adopts when it comes (no parse at hand-over).
 */
export const CSS_PART = "/**/";

/**
 * On a shadow root: the sheets the widget's own code adopted (ui's adoptStyles), none before its
 * code mounts. What a painted widget's hand-over keeps of the sheets it adopted; a page's scripts
 * and tests can tell a mounted widget by it (docs/widget-contract.md).
 */
export const CODE_SHEETS = Symbol.for("plaudit.sheets");

/** A shadow root, with the sheets its widget's code adopted when it has. */
export type CodeStyled = ShadowRoot & { [CODE_SHEETS]?: CSSStyleSheet[] };
