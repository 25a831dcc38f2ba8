import { onPageCss } from "@plaudit/ui";

// The inline widgets sit in a line of the product page's text: inline boxes, no padding, and the
// page's background (their colours follow its color-scheme: onPageCss).
export const inlineCss = `
:host{display:inline}
.plaudit-points{display:inline;font-size:14px;line-height:20px}
.plaudit-points strong{font-weight:700}
${onPageCss(".plaudit-points", ["text"])}`;
