// The read-only star row's stylesheet, shared by the Preact <Stars> and the markup version: a row
// is one element, its background the fill, clipped to five stars here (no per-row SVG to parse,
// lay out and paint: a product page shows a dozen rows, a collection page two dozen).

/** One star in a 24-unit box. */
export const STAR_PATH =
  "M12 2.5l2.94 5.96 6.56.95-4.75 4.63 1.12 6.54L12 17.5l-5.87 3.08 1.12-6.54L2.5 9.41l6.56-.95z";

/** The row sizes in use: 16 px stars (cards, badges), 20 px (the summary). */
export type StarSize = 16 | 20;

/** Tenths of a star, 0–50: the fill comes from classes so it needs no inline style (strict CSP, SSR). */
export const fillStep = (value: number): number => Math.round(Math.min(5, Math.max(0, value || 0)) * 10);

/**
 * A whole number 0–109 as two classes, its tens and its units, which set `--p-tens` and `--p-units`
 * (starsCss): a star row's tenths of a star (tens: whole stars) and a histogram bar's percent. 21
 * rules where a class per value took 152 (51 fills, 101 bars), 5.8 KB of CSS parsed on every product
 * page. Classes, not a style attribute: a strict CSP refuses those (docs/ssr.md).
 */
export const digitClasses = (n: number): string =>
  `plaudit-tens-${Math.floor(n / 10)} plaudit-units-${n % 10}`;

/**
 * Five `size` px stars 2 px apart as one CSS path in px. A clip-path, not a mask image: a data: URL
 * mask is an image load under the page's `img-src`, and a shop without `data:` there would get
 * no stars at all (a mask that fails to load hides the whole element).
 */
function fiveStars(size: StarSize): string {
  const px = (n: number) => +((n * size) / 24).toFixed(2);
  // STAR_PATH's corners, then the outline as steps from corner to corner: the same text for every
  // star, after its own move to its first corner.
  const corners: [number, number][] = [];
  for (const [, command, args] of STAR_PATH.matchAll(/([MLl])([^MLlz]+)/g)) {
    const n = args!.match(/-?(?:\d+\.?\d*|\.\d+)/g)!.map(Number);
    for (let i = 0; i < n.length; i += 2) {
      const [x, y] = command === "l" ? corners.at(-1)! : [0, 0];
      corners.push([x + n[i]!, y + n[i + 1]!]);
    }
  }
  const outline = corners
    .slice(1)
    .map(([x, y], i) => `${px(x - corners[i]![0])} ${px(y - corners[i]![1])}`)
    .join(" ");
  const [x0, y0] = corners[0]!;
  let d = "";
  for (let star = 0; star < 5; star++)
    d += `M${+(px(x0) + star * (size + 2)).toFixed(2)} ${px(y0)}l${outline}z`;
  return `path("${d}")`;
}

// The fill ends past the whole stars (each with the gap after it) and into the next star by its
// part of the star's drawn width (STAR_PATH spans 2.5–21.5 of its 24 units): 4.1 fills a tenth of
// the fifth star. A share of the whole row would end 4.1 in the gap before it, drawn as 4.0.
let digits = "";
for (let n = 0; n <= 10; n++) {
  digits += `.plaudit-tens-${n}{--p-tens:${n}}${n < 10 ? `.plaudit-units-${n}{--p-units:${n}}` : ""}`;
}

// The fill runs from the inline start, so RTL pages fill right to left. Forced colors would drop
// the gradient and leave the row blank: it keeps its own, in system colours. Printing leaves
// backgrounds out unless the row asks otherwise.
export const starsCss = `
.plaudit-stars{display:inline-block;flex:none;vertical-align:middle;inline-size:88px;block-size:16px;--p-star-size:16px;
--p-fill:calc(var(--p-tens,0)*(var(--p-star-size) + 2px) + (2.5 + 1.9*var(--p-units,0))*var(--p-star-size)/24);
--p-fill-to:90deg;background:linear-gradient(var(--p-fill-to),var(--p-star) var(--p-fill),var(--p-star-empty) 0);
clip-path:${fiveStars(16)};forced-color-adjust:none;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.plaudit-stars--20{inline-size:108px;block-size:20px;--p-star-size:20px;clip-path:${fiveStars(20)}}
[dir="rtl"] .plaudit-stars{--p-fill-to:-90deg}
@media (forced-colors:active){.plaudit-stars{--p-star:CanvasText;--p-star-empty:GrayText}}
${digits}`;
