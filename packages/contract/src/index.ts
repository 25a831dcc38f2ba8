// @plaudit/contract: the one source of the HTTP contract (shared/API.md). The server validates
// with these schemas and generates /v1/openapi.json from them; core's types are inferred from
// them. Browser code imports types, LIMITS and the earning arithmetic; unused schemas are
// tree-shaken away (the package has no side effects).

export * from "./admin-app.ts";
export * from "./admin-users.ts";
export * from "./audit.ts";
export * from "./catalog.ts";
export * from "./earning.ts";
export * from "./error-codes.ts";
export {
  amount,
  count,
  cursorPage,
  httpUrl,
  NUL_MESSAGE,
  queryCursor,
  queryFlag,
  queryLimit,
  queryText,
  text,
  timestamp,
} from "./fields.ts";
export * from "./keys.ts";
export * from "./limits.ts";
export * from "./loyalty.ts";
export * from "./media.ts";
export * from "./operations.ts";
export * from "./orders.ts";
export * from "./privacy.ts";
export * from "./review-requests.ts";
export * from "./reviews.ts";
export * from "./scopes.ts";
export * from "./snippet.ts";
export * from "./time-zone.ts";
export * from "./vocabulary.ts";
