import { LIMITS } from "@plaudit/contract";
import type * as v from "valibot";
import type { KnownHeader } from "./describe-route.ts";
import { jsonSchemaOf } from "./json-schema.ts";

// Parameters and error answers many routes share, described once.

const PATH_PARAMETERS: Record<string, string> = {
  store: "The store's public id, e.g. demo",
  product: `The merchant's own product id (1–${LIMITS.productIdMax} characters, percent-encoded)`,
};

export function pathParameter(name: string, given?: { description: string; schema?: v.GenericSchema }) {
  return {
    name,
    in: "path",
    required: true,
    description: given?.description ?? PATH_PARAMETERS[name] ?? name,
    schema: given?.schema
      ? jsonSchemaOf(given.schema, "input")
      : { type: "string", minLength: 1, maxLength: 200 },
  };
}

const HEADERS: Record<KnownHeader, { description: string; schema: Record<string, unknown> }> = {
  "X-Plaudit-Customer": {
    description:
      "Customer token: customerId.unixSeconds.hex(HMAC-SHA256(signingSecret, customerId.unixSeconds)) (docs/loyalty.md)",
    schema: { type: "string", maxLength: LIMITS.customerTokenMax },
  },
  "Idempotency-Key": {
    description:
      "Any unique string per intended write: the same key and body answer the first response again",
    schema: { type: "string", minLength: 1, maxLength: LIMITS.idempotencyKeyMax },
  },
  "If-Match": {
    description: "The version (etag) as read: a write to something changed since is 409 conflict",
    schema: { type: "string", maxLength: 200 },
  },
};

export const headerParameter = (name: KnownHeader, required: boolean) => ({
  name,
  in: "header",
  required,
  ...HEADERS[name],
});

const ERROR_CODES_BY_STATUS: Record<number, string> = {
  400: "malformed_json or bad_request",
  401: "unauthorized, invalid_customer_token, expired_customer_token or invalid_credentials",
  403: "origin_not_allowed or insufficient_scope",
  404: "not_found or a *_not_found code (store_not_found, review_not_found, …)",
  409: "idempotency_conflict or conflict",
  410: "invite_invalid: a one-time link that is wrong, used or expired",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation_failed (with fields) or insufficient_points",
  423: "locked",
  429: "rate_limited (see Retry-After)",
};

export const ERROR_RESPONSES = Object.fromEntries(
  Object.entries(ERROR_CODES_BY_STATUS).map(([status, codes]) => [
    `Error${status}`,
    {
      description: codes,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    },
  ]),
);
