// The icons' stylesheet, shared by the Preact icons (icons.tsx) and the server's markup of them:
// an icon is one empty element whose background (the text colour) is clipped to the icon's shape
// here. Not an inline SVG: ten review cards carried thirty of them (sixty elements, ~0.5 KB of
// path data each card) for every page to parse, lay out and paint. Not a data: URL mask either:
// that is an image load under the page's `img-src`, and a shop without `data:` there would get no
// icons (the star rows are drawn the same way, stars-styles.ts).

/**
 * Each icon's outline at the size it is drawn, in px (CSS path() has no viewBox): Material's
 * check and thumb up, scaled from their 24-unit box to 14 and 16 px, every point within 0.06 px
 * (to a tenth of a px, the relative steps taken between rounded points so no error adds up).
 */
const ICONS = {
  check: { size: 14, path: "M5.3 9.4L2.8 7l-.8.8L5.3 11.1 12.3 4.1l-.9-.8z" },
  thumb: {
    size: 16,
    path: "M1.3 14h2.7V6H1.3v8zm13.4-7.3c0-.8-.6-1.4-1.4-1.4h-4.2l.7-3 0-.2c0-.3-.1-.6-.3-.7L8.8.7 4.4 5.1C4.1 5.3 4 5.6 4 6v6.7c0 .7.6 1.3 1.3 1.3h6c.6 0 1.1-.3 1.3-.8l2-4.7c0-.2.1-.3.1-.5v-1.3z",
  },
} as const;

export type IconName = keyof typeof ICONS;

let shapes = "";
for (const [name, { size, path }] of Object.entries(ICONS)) {
  shapes += `.plaudit-icon--${name}{inline-size:${size}px;block-size:${size}px;clip-path:path("${path}")}`;
}

// Painted in the text's colour, as fill="currentColor" was. Forced colors would paint the
// background over with the page's Canvas and hide the icon: it keeps the colour its text is forced
// to instead. Printing leaves backgrounds out unless the icon asks otherwise. The thumb down is
// the thumb up turned, as the SVG's rotate(180) turned it (mirrored by no page direction).
export const iconsCss = `
.plaudit-icon{display:inline-block;flex:none;background:currentColor;
forced-color-adjust:none;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.plaudit-icon--down{transform:rotate(180deg)}
${shapes}`;
