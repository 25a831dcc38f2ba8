export * from "./api-types.ts";
export type { ClientOptions, MediaQuery, PlauditClient } from "./client.ts";
export { createClient, reviewSearch } from "./client.ts";
export type { Theme, WidgetConfig } from "./config.ts";
export {
  checkSettings,
  describeElement,
  PlauditConfigError,
  readConfig,
  scriptOrigin,
  THEMES,
} from "./config.ts";
export {
  configFromOptions,
  defineWidget,
  entryOf,
  type Mounted,
  type MountOptions,
  mountFunctionOf,
  pageSizeOf,
  prepareHost,
  readyOf,
  requireProduct,
  type WidgetDefinition,
  type WidgetMountArgs,
  type WidgetMountOptions,
} from "./define-widget.ts";
export type { PlauditErrorDetails, PlauditErrorKind } from "./errors.ts";
export { isGone, isPlauditError, isRecord, PlauditError, parseRetryAfter } from "./errors.ts";
export type { PlauditEventMap, PlauditEventName, PlauditEvents, PlauditListener } from "./events.ts";
export { createEvents, getEvents } from "./events.ts";
export { type FocusPath, focusAt, followFocus, pathIn } from "./focus-path.ts";
export type { Catalogs, I18n, MessageParams, Messages } from "./i18n.ts";
export { createI18n, interpolate, matchCatalog, resolveLocale } from "./i18n.ts";
export { createIdBatcher } from "./id-batcher.ts";
export { newIdempotencyKey } from "./idempotency-key.ts";
export { nextTask, whenIdle } from "./idle.ts";
export { type Address, HELD_MS, keptDialog, keptWidget } from "./kept-widget.ts";
export type { LoadableCatalogs, LoadMessages } from "./load-catalog.ts";
export { catalogsFor, isPending, mountSpeaking } from "./load-catalog.ts";
export type { Painted, PaintOptions } from "./painted.ts";
export { followTokenAttribute, scriptTagToken, shopperToken } from "./shopper.ts";
export type { StoreOptions } from "./store.ts";
export { createPlauditStore, ensureSlice, getStore, listKey, summaryKey } from "./store.ts";
export type {
  Loadable,
  PlauditActions,
  PlauditState,
  PlauditStore,
  ReviewListState,
  StoreConfig,
  SubmissionState,
} from "./store-types.ts";
export { toJson } from "./to-json.ts";
export { setJson, trusted } from "./trusted-types.ts";
export type { UploadOptions } from "./upload.ts";
export { CORE_VERSION } from "./version.ts";
