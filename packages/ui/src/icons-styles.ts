// The icons' stylesheet, shared by the Preact icons (icons.tsx) and the server's markup of them:
// an icon is one empty element whose background (the text colour) is clipped to the icon's shape
// here. Not an inline SVG: ten review cards carried thirty of them (sixty elements, ~1 KB of path
// data each card) for every page to parse, lay out and paint. Not a data: URL mask either: that is
// an image load under the page's `img-src`, and a shop without `data:` there would get no icons.

/** Each icon's outline in a 24-unit box (Material's), and the size it is drawn at, in px. */
const ICONS = {
  check: { path: "M9 16.17L4.83 12l-1.42 1.41L9 19 21 7l-1.41-1.41z", size: 14 },
  thumb: {
    path: "M2 21h4V9H2v12zm20-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L13.17 1 6.59 7.59C6.22 7.95 6 8.45 6 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z",
    size: 16,
  },
} as const;

export type IconName = keyof typeof ICONS;

/** `path` (no arcs: every number is a coordinate) scaled from 24 units to `size` px, for CSS path(). */
export function scaledPath(path: string, size: number): string {
  let out = "";
  let at = 0;
  for (const match of path.matchAll(/-?(?:\d+\.?\d*|\.\d+)/g)) {
    out += path.slice(at, match.index);
    const n = String(+((Number(match[0]) * size) / 24).toFixed(2)).replace(/^(-?)0\./, "$1.");
    // "1.5.3" is two numbers in path data; once scaled they may need a separator.
    if (/[\d.]$/.test(out) && !n.startsWith("-")) out += " ";
    out += n;
    at = match.index + match[0].length;
  }
  return out + path.slice(at);
}

let shapes = "";
for (const [name, { path, size }] of Object.entries(ICONS)) {
  shapes += `.plaudit-icon--${name}{inline-size:${size}px;block-size:${size}px;clip-path:path("${scaledPath(path, size)}")}`;
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
