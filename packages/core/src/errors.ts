// Every failure the client can meet becomes one typed error the UI can switch on.
import type { ErrorCode } from "@plaudit/contract";
import { isRecord } from "./is-record.ts";

export { isRecord };

export type PlauditErrorKind = "network" | "timeout" | "http" | "invalid_response" | "aborted";

export interface PlauditErrorDetails {
  status?: number;
  code?: ErrorCode;
  fields?: Record<string, string>;
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class PlauditError extends Error {
  override name = "PlauditError";
  kind: PlauditErrorKind;
  /** HTTP status for kind "http" (and for "invalid_response" when a response arrived). */
  status?: number;
  /** API.md error code, e.g. "validation_failed", "rate_limited": the contract's ErrorCode union. */
  code?: ErrorCode;
  /** Per-field messages of validation_failed. */
  fields?: Record<string, string>;
  retryAfterSeconds?: number;

  constructor(kind: PlauditErrorKind, message: string, details: PlauditErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.fields = details.fields;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export const isPlauditError = (value: unknown): value is PlauditError => value instanceof PlauditError;

/** A 404: what was asked about is not there (any more), e.g. a review removed since the page loaded. */
export const isGone = (value: unknown): boolean => isPlauditError(value) && value.status === 404;

/** `Retry-After` is either delay-seconds or an HTTP date; answers whole seconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = /^\s*\d+\s*$/.test(value) ? Number(value) : (Date.parse(value) - now) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : undefined;
}

function stringFields(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(value))
    if (typeof message === "string") fields[name] = message;
  return fields;
}

/**
 * Turns an error response into a PlauditError of kind "http". A body that is not API.md's error
 * shape (a proxy's HTML 502, say) still gives kind "http" with the status: the status is the truth,
 * only `code` and `fields` are missing.
 */
export async function errorFromResponse(response: Response): Promise<PlauditError> {
  const status = response.status;
  const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  // The server answers only the contract's codes (its ApiError takes no other); one this client's
  // contract does not list yet (a newer server) still arrives, and matches none of its cases.
  const code = typeof error?.code === "string" ? (error.code as ErrorCode) : undefined;
  const message = typeof error?.message === "string" ? error.message : `HTTP ${status}`;
  return new PlauditError("http", message, {
    status,
    code,
    fields: stringFields(error?.fields),
    retryAfterSeconds,
  });
}

export const invalidResponse = (why: string, status?: number, cause?: unknown): PlauditError =>
  new PlauditError("invalid_response", `[plaudit] invalid response: ${why}`, { status, cause });
