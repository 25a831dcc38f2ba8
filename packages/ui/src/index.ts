export { Button, type ButtonProps } from "./button.tsx";
export { ErrorBoundary, type ErrorBoundaryProps } from "./error-boundary.tsx";
export { adoptStyles, prepareHost } from "./host.ts";
export { CheckIcon, StarIcon, ThumbDownIcon, ThumbUpIcon } from "./icons.tsx";
export { type RenderIntoRootOptions, renderIntoRoot } from "./render-into-root.tsx";
export { fillStep, Stars, type StarsProps, starsCss } from "./stars.tsx";
export { baseCss, themeCss } from "./theme.ts";
export { type ReadableStore, useStore } from "./use-store.ts";
export { LiveRegion, VisuallyHidden } from "./visually-hidden.tsx";
