import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { LRUCache } from "lru-cache";
import type { AppEnv } from "../context.ts";
import { etagMatches } from "./cache.ts";
import { PUBLIC_READ_CORS } from "./cors.ts";

// A micro-cache of the public reads every product page makes (summaries, the first page of
// reviews, the gallery, the snippet): a hot product's page asks the same questions thousands of
// times a second under a sale's load, and the answer changes only when someone writes.
//
// What it keeps: a 200 to a GET under /v1/stores/ that the route itself declared shared-cacheable
// (Cache-Control: public — what CDNs may already hold for 60 s; http/cache.ts offers it) and that
// varies on nothing but Accept-Encoding. Keyed by the full URL (the host is in it, and media URLs
// are built from it), the forwarded origin behind a trusted proxy, and whether the client takes gzip.
//
// When it forgets: any successful write to a store (a review, a vote, moderation, an order) drops
// that store's answers at once — by bumping the store's generation, so an answer read before the
// write and stored after it is not served either. Other processes learn of a write only by the TTL
// (a few seconds), and a client that asks for a fresh answer (Cache-Control: no-cache or max-age=0,
// as the widgets do after a shopper's own write) always reaches the database.

export interface ReadCacheOptions {
  trustProxy: boolean;
  /** How long an answer is served from memory (default 2 s). */
  ttlMs?: number;
  /** Memory for bodies (default 32 MB). */
  maxBytes?: number;
  /** Reports hits and misses (metrics). */
  onLookup?: (result: "hit" | "miss" | "bypass") => void;
}

export interface ReadCache {
  /**
   * The kept answer to this request, if there is a fresh one, with this request's id, and the
   * route it came from. Asked before the request reaches the router (app.ts), so a hit costs
   * little more than the socket write.
   */
  answer(request: Request, requestId: () => string): { response: Response; route: string } | undefined;
  /** Keeps what the routes answer, and forgets a store's answers when it is written to. */
  middleware: MiddlewareHandler<AppEnv>;
  /** Forgets every answer about this store (all stores without an id). */
  invalidate(storeId?: string): void;
}

interface Entry {
  generation: number;
  route: string;
  etag: string | undefined;
  headers: Record<string, string>;
  /** The same minus what describes the body: ETag, Cache-Control, Vary and CORS stay. */
  notModifiedHeaders: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
}

const STORE_PATH = /^\/v1\/stores\/([^/]+)\//;
const STORE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BODY_BYTES = 512 * 1024;

const wantsFresh = (cacheControl: string | null, pragma: string | null) =>
  (cacheControl !== null && /no-cache|no-store|max-age=0\b/i.test(cacheControl)) ||
  (pragma !== null && /no-cache/i.test(pragma));

const takesGzip = (acceptEncoding: string | null) =>
  acceptEncoding !== null &&
  /\bgzip\b|\*/i.test(acceptEncoding) &&
  !/gzip\s*;\s*q=0(\.0*)?\b/i.test(acceptEncoding);

export function createReadCache(options: ReadCacheOptions): ReadCache {
  const entries = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (entry) => entry.body.byteLength + 512,
    ttl: options.ttlMs ?? 2_000,
    // An expired answer is never served; the TTL check is done on every get.
    ttlAutopurge: false,
  });
  const generations = new Map<string, number>();
  let everything = 0;
  const generationOf = (storeId: string) => everything + (generations.get(storeId) ?? 0);
  const report = options.onLookup ?? (() => undefined);

  const invalidate = (storeId?: string) => {
    if (storeId === undefined) everything++;
    else generations.set(storeId, (generations.get(storeId) ?? 0) + 1);
  };

  /** Where the answer to this GET would be kept; undefined when it is not a store's public read. */
  const place = (request: Request): { key: string; storeId: string } | undefined => {
    if (request.method !== "GET") return undefined;
    const url = request.url;
    const path = url.slice(url.indexOf("/", url.indexOf("//") + 2));
    const storeId = STORE_PATH.exec(path)?.[1];
    // Only plain store ids: an encoded one would be kept under a name writes never invalidate.
    if (storeId === undefined || !STORE_ID.test(storeId)) return undefined;
    const headers = request.headers;
    const forwarded = options.trustProxy
      ? `${headers.get("x-forwarded-proto") ?? ""}|${headers.get("x-forwarded-host") ?? ""}|`
      : "";
    return { key: `${takesGzip(headers.get("accept-encoding")) ? "gz" : "id"}|${forwarded}${url}`, storeId };
  };

  const answer = (
    request: Request,
    requestId: () => string,
  ): { response: Response; route: string } | undefined => {
    const where = place(request);
    if (!where) return undefined;
    const headers = request.headers;
    if (wantsFresh(headers.get("cache-control"), headers.get("pragma"))) {
      report("bypass");
      return undefined;
    }
    const entry = entries.get(where.key);
    if (!entry || entry.generation !== generationOf(where.storeId)) {
      report("miss");
      return undefined;
    }
    report("hit");
    // A Response over a plain header object: the Node adapter writes it without building Headers.
    const notModified =
      entry.etag !== undefined && etagMatches(headers.get("if-none-match") ?? undefined, entry.etag);
    const response = notModified
      ? new Response(null, {
          status: 304,
          headers: { ...entry.notModifiedHeaders, "x-request-id": requestId() },
        })
      : new Response(entry.body, { status: 200, headers: { ...entry.headers, "x-request-id": requestId() } });
    return { response, route: entry.route };
  };

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const method = c.req.method;
    if (method !== "GET") {
      await next();
      if (method !== "HEAD" && method !== "OPTIONS" && c.res.status < 400) invalidate(c.get("store")?.id);
      return;
    }
    const where = place(c.req.raw);
    if (!where) return next();
    // Taken before the handler reads: a write that lands meanwhile makes this answer stale on arrival.
    const generation = generationOf(where.storeId);
    const key = where.key;

    await next();
    // What the route offered as it made the answer (http/cache.ts): no re-reading the response,
    // which would make the adapter rebuild it.
    const kept = c.get("keepable");
    if (!kept || c.res.status !== 200) return;
    const body = typeof kept.body === "string" ? new Uint8Array(Buffer.from(kept.body)) : kept.body;
    if (body.byteLength > MAX_BODY_BYTES) return;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...PUBLIC_READ_CORS, ...kept.headers }))
      headers[name.toLowerCase()] = value;
    if (headers.vary?.split(",").some((name) => name.trim().toLowerCase() !== "accept-encoding")) return;
    const { "content-type": _type, "content-encoding": _encoding, ...notModifiedHeaders } = headers;
    entries.set(key, {
      generation,
      route: routePath(c, -1),
      etag: headers.etag,
      headers,
      notModifiedHeaders,
      body,
    });
  };

  return { answer, middleware, invalidate };
}
