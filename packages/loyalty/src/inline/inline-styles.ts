// The inline widgets sit in a line of the product page's text: inline boxes, no padding.
export const inlineCss = `
:host{display:inline}
.plaudit-points{display:inline;font-size:14px;line-height:20px}
.plaudit-points strong{font-weight:700}
`;
