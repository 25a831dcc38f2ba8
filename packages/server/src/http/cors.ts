import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";

const ALLOWED_HEADERS = "Content-Type, X-Plaudit-Customer, Idempotency-Key, If-None-Match, X-Request-Id";
const EXPOSED_HEADERS = "ETag, Retry-After, X-Request-Id";
/** What every public read answers with, from any origin. */
export const PUBLIC_READ_CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": EXPOSED_HEADERS,
} as const;

/**
 * CORS for the public widget API. Reads are open to every origin. Writes are checked against the
 * store's allowed origins by storeScope (which needs the store); here every answer names the
 * caller's origin so the widget can read even a 403's error body. Preflights are answered here.
 */
export function publicCors(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method === "OPTIONS") {
      const headers: Record<string, string> = {
        "Access-Control-Allow-Origin": origin ?? "*",
        "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      };
      return c.body(null, 204, headers);
    }
    // Set before the handler runs: headers added to a finished response make Hono rebuild it
    // (a fifth of a summary read's cost); set now, they go into the response as it is made.
    if (c.req.method === "GET" || c.req.method === "HEAD") {
      c.header("Access-Control-Allow-Origin", PUBLIC_READ_CORS["Access-Control-Allow-Origin"]);
    } else if (origin) {
      c.header("Access-Control-Allow-Origin", origin);
      c.header("Vary", "Origin");
    }
    c.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    await next();
  };
}
