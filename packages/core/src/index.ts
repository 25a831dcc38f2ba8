export * from "./api-types.ts";
export type { ClientOptions, MediaQuery, PlauditClient } from "./client.ts";
export { createClient, reviewSearch } from "./client.ts";
export type { PlauditErrorDetails, PlauditErrorKind } from "./errors.ts";
export { isPlauditError, PlauditError, parseRetryAfter } from "./errors.ts";
export type { UploadOptions } from "./upload.ts";
