import { StarIcon } from "./icons.tsx";

export interface StarsProps {
  /** 0–5; fractions are drawn to the nearest tenth of a star. */
  value: number;
  /** Text alternative, e.g. "4.5 out of 5 stars" (the caller owns the wording and locale). */
  label: string;
  size?: number;
}

/** Tenths of a star, 0–50: the fill width comes from a class so it needs no inline style (strict CSP, SSR). */
export const fillStep = (value: number): number => Math.round(Math.min(5, Math.max(0, value || 0)) * 10);

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

let fills = "";
for (let step = 0; step <= 50; step++) fills += `.plaudit-fill-${step}{inline-size:${step * 2}%}`;

// The fill row sits over the empty row from the inline start, so RTL pages fill right to left.
export const starsCss = `
.plaudit-stars{position:relative;display:inline-flex;vertical-align:middle;line-height:0;flex:none}
.plaudit-stars__empty,.plaudit-stars__fill{display:inline-flex;gap:2px;white-space:nowrap}
.plaudit-stars__empty{color:var(--p-star-empty)}
.plaudit-stars__fill{position:absolute;inset-block-start:0;inset-inline-start:0;overflow:hidden;color:var(--p-star)}
.plaudit-stars svg{flex:none}
${fills}`;
