export { Button, type ButtonProps } from "./button.tsx";
export { Dialog, type DialogProps } from "./dialog.tsx";
export { dialogCss } from "./dialog-styles.ts";
export { ErrorBoundary, type ErrorBoundaryProps } from "./error-boundary.tsx";
export { activeElementOf, deepActiveElement, tabbablesWithin, wrapTabKey } from "./focus-trap.ts";
export { adoptStyles, prepareHost } from "./host.ts";
export { CheckIcon, ThumbDownIcon, ThumbUpIcon } from "./icons.tsx";
export { iconsCss } from "./icons-styles.ts";
export { el, type Markup, type MarkupElement, toDom, toHtml } from "./markup.ts";
export { RatingInput, type RatingInputProps } from "./rating-input.tsx";
export { ratingInputCss } from "./rating-input-styles.ts";
export { type RenderIntoRootOptions, renderIntoRoot } from "./render-into-root.tsx";
<<<<<<< HEAD
export { lockPageScroll } from "./scroll-lock.ts";
export { sheetOf } from "./sheets.ts";
=======
export { CODE_SHEETS, type CodeStyled, CSS_PART, sheetOf } from "./sheets.ts";
>>>>>>> main
export { Stars, type StarsProps } from "./stars.tsx";
export { starsAttributes, starsMarkup } from "./stars-markup.ts";
export { digitClasses, fillStep, type StarSize, starsCss } from "./stars-styles.ts";
export { baseCss, onPageCss, themeCss, themeDefault } from "./theme.ts";
export { type ReadableStore, useStore } from "./use-store.ts";
export { LiveRegion, VisuallyHidden } from "./visually-hidden.tsx";
