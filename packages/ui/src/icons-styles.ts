// The icons' stylesheet, shared by the Preact icons (icons.tsx) and the server's markup of them:
// an icon is one empty element whose background (the text colour) is clipped to the icon's shape
// here. Not an inline SVG: ten review cards carried thirty of them (sixty elements, ~0.5 KB of
// path data each card) for every page to parse, lay out and paint. Not a data: URL mask either:
// that is an image load under the page's `img-src`, and a shop without `data:` there would get no
// icons (the star rows are drawn the same way, stars-styles.ts).

/**
 * Each icon's outline at the size it is drawn, in px (CSS path() has no viewBox): Material's
 * check and thumb up, scaled from their 24-unit box to 14 and 16 px.
 */
const ICONS = {
  check: { size: 14, path: "M5.25 9.43L2.82 7l-.83.82L5.25 11.08 12.25 4.08l-.82-.82z" },
  thumb: {
    size: 16,
    path: "M1.33 14h2.67V6H1.33v8zm13.33-7.33c0-.73-.6-1.33-1.33-1.33h-4.21l.63-3.05.02-.21c0-.27-.11-.53-.29-.71L8.78.67 4.39 5.06C4.15 5.3 4 5.63 4 6v6.67c0 .73.6 1.33 1.33 1.33h6c.55 0 1.03-.33 1.23-.81l2.01-4.7c.06-.15.09-.31.09-.49v-1.33z",
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
