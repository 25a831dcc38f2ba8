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

/**
 * Whether an Accept-Encoding takes gzip (named, or `*`, without q=0). The one reading of it: the
 * body chosen here and the read cache's key (http/read-cache.ts) must never disagree.
 */
export const takesGzip = (acceptEncoding: string | null | undefined): boolean =>
  (acceptEncoding ?? "").split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    return (name === "gzip" || name === "*") && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });

interface Representation {
  body: string | Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

/** The body as this client gets it: gzipped when it is worth it and the client takes gzip. */
function representation(c: Context, body: string, headers: Record<string, string>): Representation {
  if (Buffer.byteLength(body) < COMPRESS_FROM_BYTES) return { body, headers };
  const vary = { ...headers, Vary: "Accept-Encoding" };
  if (!takesGzip(c.req.header("accept-encoding"))) return { body, headers: vary };
  return { body: gzipSync(body), headers: { ...vary, "Content-Encoding": "gzip" } };
}

/** Offers a shared-cacheable answer to the read cache (http/read-cache.ts) as it is made. */
function offer(c: Context, made: Representation): void {
  if (made.headers["Cache-Control"]?.startsWith("public")) c.set("keepable", made);
}

/**
 * A text body, gzipped when it is worth it and the client takes gzip. Done here, where the body is
 * in hand, rather than by a middleware: one that inspects or re-heads a finished response makes
 * Hono rebuild it, which cost a third of a small read's throughput.
 */
export function textBody(c: Context, body: string, status: 200, headers: Record<string, string>): Response {
  const made = representation(c, body, headers);
  offer(c, made);
  return c.body(made.body, status, made.headers);
}

/**
 * The start of every public read: its headers (the ETag and shared-cache headers, plus `extra`),
 * and `unchanged` when the client's If-None-Match already names this ETag (answer 304 with them).
 */
export function publicRead(
  c: Context,
  etag: string,
  extra: Record<string, string> = {},
): { headers: Record<string, string>; unchanged: boolean } {
  return {
    headers: { ETag: etag, "Cache-Control": PUBLIC_READ_CACHE, ...extra },
    unchanged: etagMatches(c.req.header("if-none-match"), etag),
  };
}

/** A public read: JSON with a weak ETag and shared-cache headers, or 304 when the client has it. */
export function cacheableJson(c: Context, data: unknown): Response {
  const body = JSON.stringify(data);
  const { headers, unchanged } = publicRead(c, weakEtag(body));
  if (unchanged) {
    // This client has it; the read cache is still offered the whole answer, for the next ones
    // (and for the requests waiting on this read: http/read-cache.ts).
    offer(c, representation(c, body, { ...headers, "Content-Type": "application/json; charset=utf-8" }));
    return c.body(null, 304, headers);
  }
  return textBody(c, body, 200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
}
