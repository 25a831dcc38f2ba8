import { fillStep, starRow } from "./stars-styles.ts";

export interface StarsProps {
  /** 0–5; fractions are drawn to the nearest tenth of a star. */
  value: number;
  /** Text alternative, e.g. "4.5 out of 5 stars" (the caller owns the wording and locale). */
  label: string;
  size?: number;
}

// One SVG of five stars (stars-styles.ts), the same element as the markup version draws.
const row = (size: number) => {
  const { width, viewBox, d } = starRow(size);
  return (
    <svg
      width={width}
      height={size}
      viewBox={viewBox}
      aria-hidden="true"
      focusable="false"
      fill="currentColor"
    >
      <path d={d} />
    </svg>
  );
};

/** A read-only star rating with fractional fill and one text alternative for the whole row. */
export function Stars({ value, label, size = 16 }: StarsProps) {
  return (
    <span class="plaudit-stars" role="img" aria-label={label}>
      <span class="plaudit-stars__empty" aria-hidden="true">
        {row(size)}
      </span>
      <span class={`plaudit-stars__fill plaudit-fill-${fillStep(value)}`} aria-hidden="true">
        {row(size)}
      </span>
    </span>
  );
}
