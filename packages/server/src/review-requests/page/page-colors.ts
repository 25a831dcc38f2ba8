import { themeDefault } from "@plaudit/reviews/server";
import type { RequestSettings } from "../settings.ts";

// The hosted review page in the merchant's colors (settings.theme), readable whatever they pick:
// a page with any color of its own keeps one scheme (a dark-mode browser would otherwise put the
// dark theme's light text on the merchant's white), the button text is chosen against the accent,
// and saving refuses colors that leave text under 4.5:1 or the accent (buttons, focus ring, the
// chosen rating) under 3:1 against the background (WCAG 2.2 AA: 1.4.3, 1.4.11).
//
// The contrast formula is WCAG's own (relative luminance of sRGB): a few lines, where the npm
// packages for it are unmaintained or pull a module loader in.

type Theme = RequestSettings["theme"];
type Scheme = "light" | "dark";

/** WCAG 2.2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colors, 1–21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE = "#ffffff";
const BLACK = "#000000";
/** The scheme whose text suits `background`: dark when white text reads better on it. */
const schemeFor = (background: string): Scheme =>
  contrast(background, WHITE) > contrast(background, BLACK) ? "dark" : "light";

const hasColors = (theme: Theme | undefined): theme is Theme =>
  Boolean(theme?.accent || theme?.text || theme?.background);

/** `auto` (follows the browser) without colors of the merchant's; else the one scheme they suit. */
export function pageScheme(theme: Theme | undefined): Scheme | "auto" {
  if (!hasColors(theme)) return "auto";
  if (theme.background) return schemeFor(theme.background);
  // Text alone: the background that suits it (light text asks for the dark scheme).
  if (theme.text) return schemeFor(theme.text) === "dark" ? "light" : "dark";
  return "light";
}

/** The page's colors, the merchant's where set and the scheme's defaults elsewhere. */
function pageColors(theme: Theme, scheme: Scheme) {
  return {
    background: theme.background ?? themeDefault("bg", scheme),
    text: theme.text ?? themeDefault("text", scheme),
    accent: theme.accent ?? themeDefault("accent", scheme),
  };
}

/** Text on the accent (the submit button): white or black, whichever reads better (≥ 4.58:1). */
export const textOnAccent = (accent: string): string =>
  contrast(accent, WHITE) >= contrast(accent, BLACK) ? WHITE : BLACK;

/** The `--plaudit-*` declarations for the merchant's colors (checked `#rrggbb` when saved). */
export function themeTokens(theme: Theme | undefined): string {
  if (!hasColors(theme)) return "";
  return [
    theme.accent
      ? `--plaudit-accent:${theme.accent};--plaudit-focus:${theme.accent};--plaudit-on-accent:${textOnAccent(theme.accent)};`
      : "",
    theme.text ? `--plaudit-text:${theme.text};` : "",
    theme.background ? `--plaudit-bg:${theme.background};` : "",
  ].join("");
}

export const MIN_TEXT_CONTRAST = 4.5;
export const MIN_ACCENT_CONTRAST = 3;
const ratio = (n: number) => `${Math.floor(n * 10) / 10}:1`;

/**
 * What saving `theme` would make unreadable, by field (`theme.text`, `theme.accent`, or
 * `theme.background` when only the background was set), or null. The messages are the server's
 * English; field-messages.ts translates them.
 */
export function themeProblems(theme: Theme | undefined): Record<string, string> | null {
  if (!hasColors(theme)) return null;
  const scheme = pageScheme(theme);
  const colors = pageColors(theme, scheme === "auto" ? "light" : scheme);
  const problems: Record<string, string> = {};
  const text = contrast(colors.text, colors.background);
  if (text < MIN_TEXT_CONTRAST)
    problems[theme.text ? "theme.text" : "theme.background"] =
      `has ${ratio(text)} contrast with the ${theme.text ? "background" : "text"}: text needs at least ${MIN_TEXT_CONTRAST}:1`;
  const accent = contrast(colors.accent, colors.background);
  if (accent < MIN_ACCENT_CONTRAST)
    problems[theme.accent ? "theme.accent" : "theme.background"] ??=
      `has ${ratio(accent)} contrast with the ${theme.accent ? "background" : "accent"}: buttons and the focus ring need at least ${MIN_ACCENT_CONTRAST}:1`;
  return Object.keys(problems).length > 0 ? problems : null;
}
