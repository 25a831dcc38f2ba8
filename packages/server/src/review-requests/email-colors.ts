import { contrast, MIN_ACCENT_CONTRAST, MIN_TEXT_CONTRAST, textOnAccent } from "./page/page-colors.ts";
import type { RequestSettings } from "./settings.ts";

// The colors of every Plaudit email, in light mode, in dark mode (clients that honour
// prefers-color-scheme: Apple Mail, some Outlooks) and as a client that inverts colors itself
// shows them (the Gmail and Outlook apps darken light backgrounds and lighten dark text). The
// store's accent (settings.theme, the hosted page's) colors the button and the links where it
// reads on the email's card by the hosted page's WCAG rules (page-colors.ts): 3:1 for the button,
// 4.5:1 for link text, its label white or black by textOnAccent; elsewhere Plaudit's own.

/** One scheme's colors (#rrggbb). */
export interface SchemeColors {
  page: string;
  card: string;
  text: string;
  muted: string;
  border: string;
  star: string;
  link: string;
  button: string;
  onButton: string;
}

export interface EmailColors {
  light: SchemeColors;
  dark: SchemeColors;
}

const LIGHT: SchemeColors = {
  page: "#f6f8fa",
  card: "#ffffff",
  text: "#1f2328",
  muted: "#57606a",
  border: "#d0d7de",
  star: "#b45309",
  link: "#0a58ca",
  button: "#0a58ca",
  onButton: "#ffffff",
};

const DARK: SchemeColors = {
  page: "#0d1117",
  card: "#161b22",
  text: "#e6edf3",
  muted: "#9198a1",
  border: "#30363d",
  star: "#e3b341",
  link: "#4493f8",
  button: "#4493f8",
  onButton: "#0d1117",
};

/** What a client that inverts colors makes of one: each channel turned over. */
export function inverted(hex: string): string {
  const value = 0xffffff - Number.parseInt(hex.slice(1), 16);
  return `#${value.toString(16).padStart(6, "0")}`;
}

/** Whether `color` reads on `background` as given and as an inverting client shows both. */
const reads = (color: string, background: string, min: number) =>
  contrast(color, background) >= min && contrast(inverted(color), inverted(background)) >= min;

function withAccent(base: SchemeColors, accent: string | undefined): SchemeColors {
  if (!accent || !/^#[0-9a-f]{6}$/i.test(accent)) return base;
  const onButton = textOnAccent(accent);
  const button = reads(accent, base.card, MIN_ACCENT_CONTRAST) && reads(onButton, accent, MIN_TEXT_CONTRAST);
  return {
    ...base,
    ...(reads(accent, base.card, MIN_TEXT_CONTRAST) ? { link: accent } : {}),
    ...(button ? { button: accent, onButton } : {}),
  };
}

/** The email's colors for a store's theme (none: Plaudit's own). */
export function emailColors(theme: RequestSettings["theme"] | undefined): EmailColors {
  return { light: withAccent(LIGHT, theme?.accent), dark: withAccent(DARK, theme?.accent) };
}
