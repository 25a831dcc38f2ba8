import { StarIcon } from "./icons.tsx";
import { fillStep } from "./stars-styles.ts";

export interface StarsProps {
  /** 0–5; fractions are drawn to the nearest tenth of a star. */
  value: number;
  /** Text alternative, e.g. "4.5 out of 5 stars" (the caller owns the wording and locale). */
  label: string;
  size?: number;
}

const row = (size: number) => [0, 1, 2, 3, 4].map((i) => <StarIcon key={i} size={size} />);

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
