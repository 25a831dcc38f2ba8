import * as v from "valibot";

// Every `error.code` the API answers with (API.md): clients switch on these, so a new code is
// added here first (the server's ApiError takes only these).
export const ERROR_CODES = [
  // 400
  "malformed_json",
  "bad_request",
  // 401
  "unauthorized",
  "invalid_customer_token",
  "expired_customer_token",
  "invalid_credentials",
  // 403
  "origin_not_allowed",
  "insufficient_scope",
  "csrf_failed",
  // 404
  "not_found",
  "store_not_found",
  "review_not_found",
  "reward_not_found",
  "media_not_found",
  "order_not_found",
  "customer_not_found",
  "program_not_found",
  // 409
  "idempotency_conflict",
  "conflict",
  "reward_changed",
  // 410: a one-time link used, wrong or expired
  "invite_invalid",
  // 413, 415
  "payload_too_large",
  "storage_quota_exceeded",
  "unsupported_media_type",
  // 422
  "validation_failed",
  "insufficient_points",
  // 423, 429
  "locked",
  "rate_limited",
  // 5xx: never for any input (a bug, or a dependency down)
  "internal_error",
  "database_unavailable",
  "code_issuer_failed",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error shape every route answers with. */
export const ApiErrorBody = v.object({
  error: v.object({
    code: v.picklist(ERROR_CODES),
    message: v.string(),
    /** One message per invalid field (dotted path), e.g. `{ "author.email": "must be an email address" }`. */
    fields: v.optional(v.record(v.string(), v.string())),
  }),
});
export type ApiErrorBody = v.InferOutput<typeof ApiErrorBody>;
