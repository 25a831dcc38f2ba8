// Inline SVG icons as Preact elements: no icon font, no extra request, decorative (aria-hidden).
import type { SVGAttributes } from "preact";
import { STAR_PATH } from "./stars-styles.ts";

const THUMB_UP =
  "M2 21h4V9H2v12zm20-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L13.17 1 6.59 7.59C6.22 7.95 6 8.45 6 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";
const CHECK = "M9 16.17L4.83 12l-1.42 1.41L9 19 21 7l-1.41-1.41z";

interface IconProps {
  size?: number;
  class?: string;
}

function icon(
  path: string,
  { size = 16, class: className }: IconProps,
  extra?: SVGAttributes<SVGSVGElement>,
) {
  return (
    <svg
      class={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="currentColor"
      {...extra}
    >
      <path d={path} />
    </svg>
  );
}

export const StarIcon = (props: IconProps) => icon(STAR_PATH, props);
export const ThumbUpIcon = (props: IconProps) => icon(THUMB_UP, props);
/** The thumb-up drawn upside down, so both share one path. */
export const ThumbDownIcon = (props: IconProps) => icon(THUMB_UP, props, { transform: "rotate(180)" });
export const CheckIcon = (props: IconProps) => icon(CHECK, props);
