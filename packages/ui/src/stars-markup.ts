// The read-only star row as markup data: the same elements and classes as the Preact <Stars>
// (stars.tsx), for widgets rendered without Preact.
import { el, type Markup } from "./markup.ts";
import { fillStep, starRow } from "./stars-styles.ts";

export const STAR_PATH =
  "M12 2.5l2.94 5.96 6.56.95-4.75 4.63 1.12 6.54L12 17.5l-5.87 3.08 1.12-6.54L2.5 9.41l6.56-.95z";

const row = (size: number) => {
  const { width, viewBox, d } = starRow(size);
  return el(
    "svg",
    { width, height: size, viewBox, "aria-hidden": "true", focusable: "false", fill: "currentColor" },
    el("path", { d }),
  );
};

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
