import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
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

const COMPRESS_FROM_BYTES = 1024;

const acceptsGzip = (c: Context) =>
  (c.req.header("accept-encoding") ?? "").split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    return (name === "gzip" || name === "*") && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });

/**
 * A text body, gzipped when it is worth it and the client takes gzip. Done here, where the body is
 * in hand, rather than by a middleware: one that inspects or re-heads a finished response makes
 * Hono rebuild it, which cost a third of a small read's throughput.
 */
export function textBody(c: Context, body: string, status: 200, headers: Record<string, string>): Response {
  if (Buffer.byteLength(body) < COMPRESS_FROM_BYTES) return answer(c, body, status, headers);
  const vary = { ...headers, Vary: "Accept-Encoding" };
  if (!acceptsGzip(c)) return answer(c, body, status, vary);
  return answer(c, gzipSync(body), status, { ...vary, "Content-Encoding": "gzip" });
}

/** Answers, and offers a shared-cacheable answer to the read cache (http/read-cache.ts) as made. */
function answer(
  c: Context,
  body: string | Uint8Array<ArrayBuffer>,
  status: 200,
  headers: Record<string, string>,
) {
  if (headers["Cache-Control"]?.startsWith("public")) c.set("keepable", { body, headers });
  return c.body(body, status, headers);
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
  return textBody(c, body, 200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
}
