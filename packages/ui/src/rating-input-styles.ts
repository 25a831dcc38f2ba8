// Styles of RatingInput. Adopt with themeCss and baseCss. Each star is a 36×36 px target (WCAG
// 2.5.8 asks for 24); filled and empty stars differ in shape (fill vs outline), not only colour.
// Hovering previews a rating with :has(), no script.

export const ratingInputCss = `
.plaudit-rating-input{display:flex;flex-direction:column;gap:4px}
.plaudit-rating-input-label{font-size:15px;line-height:22px;font-weight:600;color:var(--p-text)}
.plaudit-rating-input-stars{display:inline-flex;gap:2px;inline-size:fit-content;border-radius:var(--p-radius);
padding:2px;margin-inline-start:-2px}
.plaudit-rating-input-star{display:inline-flex;align-items:center;justify-content:center;inline-size:36px;
block-size:36px;border-radius:var(--p-radius);cursor:pointer;color:var(--p-star-empty)}
.plaudit-rating-input-star path{fill:transparent;stroke:currentColor;stroke-width:1.6;stroke-linejoin:round}
.plaudit-rating-input-star.is-filled{color:var(--p-star)}
.plaudit-rating-input-star.is-filled path{fill:currentColor}
.plaudit-rating-input-stars:has(.plaudit-rating-input-star:hover) .plaudit-rating-input-star{color:var(--p-star-empty)}
.plaudit-rating-input-stars:has(.plaudit-rating-input-star:hover) .plaudit-rating-input-star path{fill:transparent}
.plaudit-rating-input-stars .plaudit-rating-input-star:hover,
.plaudit-rating-input-stars .plaudit-rating-input-star:has(~ .plaudit-rating-input-star:hover){color:var(--p-star)}
.plaudit-rating-input-stars .plaudit-rating-input-star:hover path,
.plaudit-rating-input-stars .plaudit-rating-input-star:has(~ .plaudit-rating-input-star:hover) path{fill:currentColor}
.plaudit-rating-input-star:focus-visible{outline:2px solid var(--p-focus);outline-offset:0}
.plaudit-rating-input-stars[aria-invalid="true"]{box-shadow:0 0 0 2px var(--p-danger)}
@media (forced-colors:active){.plaudit-rating-input-star.is-filled path{fill:CanvasText}}
`;
