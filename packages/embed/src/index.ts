// @plaudit/embed for npm users: the widgets as custom elements, and the mount functions.
// (The script-tag loader is src/loader.ts, built to plaudit.js by scripts/build.mjs.)
export {
  type MountLoyaltyOptions,
  mountLoyalty,
  mountPoints,
  mountPointsFor,
} from "@plaudit/loyalty";
export {
  type MountGalleryOptions,
  type MountWidgetOptions,
  mountGallery,
  mountReviews,
  mountStars,
} from "@plaudit/reviews";
export type { PlauditElementAttributes, PlauditElementBaseAttributes } from "./element-attributes.ts";
export type { ChunkMap, EntryChunk, EntryModule, MountOptions } from "./entry-module.ts";
export { configFromAttributes, defineElements, elementOf, WIDGET_DEFINITIONS } from "./plaudit-elements.ts";
export type { PlauditApi, QueuedCall } from "./start-plaudit.ts";
export type { MountRequest } from "./widget-hosts.ts";
