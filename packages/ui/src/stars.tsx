import { starsAttributes } from "./stars-markup.ts";
import type { StarSize } from "./stars-styles.ts";

export interface StarsProps {
  /** 0–5; fractions are drawn to the nearest tenth of a star. */
  value: number;
  /** Text alternative, e.g. "4.5 out of 5 stars" (the caller owns the wording and locale). */
  label: string;
  size?: StarSize;
}

/** A read-only star rating with fractional fill: one element with one text alternative (starsCss draws it). */
export function Stars({ value, label, size }: StarsProps) {
  return <span {...starsAttributes(value, label, size)} />;
}
