// The widgets' CSS as one text, for server-rendered shadow roots: inlined as a <style> in the
// declarative template (default) or served by the Plaudit server as a versioned file for
// `styles: "link"` (strict `style-src 'self'` pages on the server's own origin).
import { createHash } from "node:crypto";
import { baseCss, CSS_PART, iconsCss, starsCss, themeCss } from "@plaudit/ui";
import { reviewsCss } from "../reviews/reviews-styles.ts";
import { starsBadgeCss } from "../stars-badge/stars-badge-markup.ts";

export { themeDefault } from "@plaudit/ui";

const reviewsParts = [themeCss, baseCss, starsCss, iconsCss, reviewsCss];
const starsParts = [themeCss, baseCss, starsCss, starsBadgeCss];
/**
 * What the reviews widget adopts in the browser (mount-reviews.ts), in the same order, its parts
 * apart (CSS_PART): the paint adopts each part as the sheet the widget's code adopts for it.
 */
export const reviewsWidgetCss = reviewsParts.join(CSS_PART);
/** What the star badge adopts in the browser (mount-stars-badge.ts), its parts apart too. */
export const starsWidgetCss = starsParts.join(CSS_PART);
/**
 * The theme tokens and base of every widget root, for whole pages the server renders in the
 * widgets' look (the hosted review page): put `plaudit-root` on the body.
 */
export const pageThemeCss = [themeCss, baseCss].join("\n");
/** Both, for the one linked file. */
export const widgetCss = [themeCss, baseCss, starsCss, iconsCss, reviewsCss, starsBadgeCss].join("\n");

// Our own constants, but they go into a raw-text <style>: make sure nothing can close it.
for (const css of [reviewsWidgetCss, starsWidgetCss, widgetCss]) {
  if (/<\/style/i.test(css)) throw new Error("[plaudit] widget CSS must not contain </style");
}
// And no part may hold the mark between parts: the paint would split it there.
for (const css of [...reviewsParts, ...starsParts]) {
  if (css.includes(CSS_PART)) throw new Error(`[plaudit] widget CSS must not contain ${CSS_PART}`);
}

/** Content-hashed file name, e.g. `plaudit-3f2a9c1b.css`: cacheable forever, changes when the CSS does. */
export const widgetCssFile = `plaudit-${createHash("sha256").update(widgetCss).digest("hex").slice(0, 10)}.css`;

const sha256 = (css: string) => `sha256-${createHash("sha256").update(css).digest("base64")}`;

/**
 * CSP hash sources of the inline <style> each server-rendered host carries (`styles: "inline"`):
 * `style-src 'self' 'sha256-…' 'sha256-…'` lets them apply with no nonce and no 'unsafe-inline'.
 * They change only with a release (the CSS is fixed text); `plaudit-server csp` prints them and the
 * snippet route sends the one it used in `Plaudit-Style-Src`.
 */
export const widgetStyleHashes = {
  reviews: sha256(reviewsWidgetCss),
  stars: sha256(starsWidgetCss),
} as const;
