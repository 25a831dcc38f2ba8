import type { ApiErrorBody, ErrorCode } from "@plaudit/contract";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * A failure the client caused or must know about, in API.md's one error shape. Route code throws
 * it; the app's error handler turns it into the JSON response.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    /** One of the contract's codes (a new one is added to @plaudit/contract's ERROR_CODES first). */
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  toBody(): ApiErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) },
    };
  }
}

/** API.md's error body, for the few answers made without throwing (a 404 file, the 500). */
export const errorBody = (
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
): ApiErrorBody => ({
  error: { code, message, ...(fields ? { fields } : {}) },
});

/** 422 validation_failed with one message per field; the top message names the first field. */
export function validationFailed(fields: Record<string, string>): ApiError {
  const [first] = Object.entries(fields);
  const message = first ? `${first[0]} ${first[1]}` : "the request is not valid";
  return new ApiError(422, "validation_failed", message, fields);
}

export const notFound = (code: ErrorCode, message: string) => new ApiError(404, code, message);
