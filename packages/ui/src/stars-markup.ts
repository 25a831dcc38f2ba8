// The read-only star row as markup data: the one element the Preact <Stars> (stars.tsx) renders
// too, so server markup hydrates in place. Drawn by starsCss (stars-styles.ts).
import { el, type Markup } from "./markup.ts";
import { digitClasses, fillStep, type StarSize } from "./stars-styles.ts";

/** The row's attributes; the label is its text alternative, e.g. "4.5 out of 5 stars". */
export const starsAttributes = (value: number, label: string, size: StarSize = 16) => ({
  class: `plaudit-stars${size === 20 ? " plaudit-stars--20" : ""} ${digitClasses(fillStep(value))}`,
  role: "img" as const,
  "aria-label": label,
});

export const starsMarkup = (value: number, label: string, size: StarSize = 16): Markup =>
  el("span", starsAttributes(value, label, size));
