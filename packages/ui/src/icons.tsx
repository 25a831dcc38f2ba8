// The icons as Preact elements: one empty element each, decorative (aria-hidden), drawn by iconsCss
// (icons-styles.ts). The server renders these same components, so its markup hydrates in place.
import type { IconName } from "./icons-styles.ts";

const icon = (name: IconName, turned = false) => (
  <span
    class={`plaudit-icon plaudit-icon--${name}${turned ? " plaudit-icon--down" : ""}`}
    aria-hidden="true"
  />
);

export const ThumbUpIcon = () => icon("thumb");
/** The thumb up turned over. */
export const ThumbDownIcon = () => icon("thumb", true);
export const CheckIcon = () => icon("check");
