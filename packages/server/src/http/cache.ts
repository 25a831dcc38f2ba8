import { createHash } from "node:crypto";
import type { Context } from "hono";

export const PUBLIC_READ_CACHE = "public, max-age=60, stale-while-revalidate=600";

function weakEtag(body: string): string {
  return `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 27)}"`;
}

export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  // Weak comparison: W/"x" and "x" name the same representation.
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}

/** A public read: JSON with a weak ETag and shared-cache headers, or 304 when the client has it. */
export function cacheableJson(c: Context, data: unknown): Response {
  const body = JSON.stringify(data);
  const etag = weakEtag(body);
  const headers = {
    ETag: etag,
    "Cache-Control": PUBLIC_READ_CACHE,
  };
  if (etagMatches(c.req.header("if-none-match"), etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(body, 200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
}
