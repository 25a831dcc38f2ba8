// The star row's styles and fill steps, shared by the Preact <Stars> and the markup version.

/** Tenths of a star, 0–50: the fill width comes from a class so it needs no inline style (strict CSP, SSR). */
export const fillStep = (value: number): number => Math.round(Math.min(5, Math.max(0, value || 0)) * 10);

let fills = "";
for (let step = 0; step <= 50; step++) fills += `.plaudit-fill-${step}{inline-size:${step * 2}%}`;

// The fill row sits over the empty row from the inline start, so RTL pages fill right to left.
export const starsCss = `
.plaudit-stars{position:relative;display:inline-flex;inline-size:max-content;vertical-align:middle;line-height:0;flex:none}
.plaudit-stars__empty,.plaudit-stars__fill{display:inline-flex;gap:2px;white-space:nowrap}
.plaudit-stars__empty{color:var(--p-star-empty)}
.plaudit-stars__fill{position:absolute;inset-block-start:0;inset-inline-start:0;overflow:hidden;color:var(--p-star)}
.plaudit-stars svg{flex:none}
${fills}`;
