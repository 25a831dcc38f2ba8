// The star row's styles and fill steps, shared by the Preact <Stars> and the markup version.

/** Tenths of a star, 0–50: the fill width comes from a class so it needs no inline style (strict CSP, SSR). */
export const fillStep = (value: number): number => Math.round(Math.min(5, Math.max(0, value || 0)) * 10);

// The star of icons.tsx (STAR_PATH) after its first point, every step relative: five of them in
// one path draw a whole row in one SVG (2 elements a row, not 10: a product page shows a dozen rows).
const STAR_REST = "l2.94 5.96 6.56.95-4.75 4.63 1.12 6.54-5.87-3.08-5.87 3.08 1.12-6.54-4.75-4.63 6.56-.95z";

/** Five `size` px stars 2 px apart as one SVG: its width in px, viewBox and path (24 units a star). */
export function starRow(size: number): { width: number; viewBox: string; d: string } {
  const step = ((size + 2) * 24) / size;
  let d = "";
  for (let star = 0; star < 5; star++) d += `M${+(12 + star * step).toFixed(3)} 2.5${STAR_REST}`;
  return { width: size * 5 + 8, viewBox: `0 0 ${+(4 * step + 24).toFixed(3)} 24`, d };
}

let fills = "";
for (let step = 0; step <= 50; step++) fills += `.plaudit-fill-${step}{inline-size:${step * 2}%}`;

// The fill row sits over the empty row from the inline start, so RTL pages fill right to left.
export const starsCss = `
.plaudit-stars{position:relative;display:inline-flex;inline-size:max-content;vertical-align:middle;line-height:0;flex:none}
.plaudit-stars__empty,.plaudit-stars__fill{display:inline-flex;gap:2px;white-space:nowrap}
.plaudit-stars__empty{color:var(--p-star-empty)}
.plaudit-stars__fill{position:absolute;inset-block-start:0;inset-inline-start:0;overflow:hidden;color:var(--p-star)}
.plaudit-stars svg{flex:none}
${fills}`;
