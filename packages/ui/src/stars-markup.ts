// The read-only star row as markup data: the same elements and classes as the Preact <Stars>
// (stars.tsx), for widgets rendered without Preact.
import { el, type Markup } from "./markup.ts";
import { fillStep } from "./stars-styles.ts";

export const STAR_PATH =
  "M12 2.5l2.94 5.96 6.56.95-4.75 4.63 1.12 6.54L12 17.5l-5.87 3.08 1.12-6.54L2.5 9.41l6.56-.95z";

const star = (size: number) =>
  el(
    "svg",
    {
      width: size,
      height: size,
      viewBox: "0 0 24 24",
      "aria-hidden": "true",
      focusable: "false",
      fill: "currentColor",
    },
    el("path", { d: STAR_PATH }),
  );
const row = (size: number) => [0, 1, 2, 3, 4].map(() => star(size));

export function starsMarkup(value: number, label: string, size = 16): Markup {
  return el(
    "span",
    { class: "plaudit-stars", role: "img", "aria-label": label },
    el("span", { class: "plaudit-stars__empty", "aria-hidden": "true" }, row(size)),
    el(
      "span",
      { class: `plaudit-stars__fill plaudit-fill-${fillStep(value)}`, "aria-hidden": "true" },
      row(size),
    ),
  );
}
