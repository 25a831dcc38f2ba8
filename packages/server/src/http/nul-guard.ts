import { NUL_MESSAGE } from "@plaudit/contract";
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../errors.ts";

// PostgreSQL's text type cannot hold U+0000: a NUL reaching a query fails it (a 500). No id,
// search or review text needs one, so it is refused at the door, the same on both databases.

/** 400 bad_request for an API URL carrying %00 in its path or query (static files answer 404 as before). */
export function rejectNulInUrl(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    if (url.includes("%00")) {
      throw new ApiError(400, "bad_request", "the URL must not contain %00 (the NUL character)");
    }
    await next();
  };
}

/**
 * Throws 422 validation_failed naming the first field whose key or string value holds U+0000.
 * Walks without recursion: bodies may nest thousands of levels deep.
 */
export function assertNoNul(body: unknown): void {
  const stack: Array<{ value: unknown; path: string }> = [{ value: body, path: "" }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) throw nulIn(path);
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries())
        stack.push({ value: item, path: path ? `${path}.${i}` : String(i) });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes("\u0000")) throw nulIn(at);
        stack.push({ value: item, path: at });
      }
    }
  }
}

function nulIn(path: string): ApiError {
  const field = path.replaceAll("\u0000", "\\u0000") || "(body)";
  return new ApiError(422, "validation_failed", `${field} ${NUL_MESSAGE}`, { [field]: NUL_MESSAGE });
}
