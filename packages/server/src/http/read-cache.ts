import type { IncomingMessage, ServerResponse } from "node:http";
import { STORE_ID_PATTERN } from "@plaudit/contract";
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { LRUCache } from "lru-cache";
import type { AppEnv } from "../context.ts";
import { etagMatches, takesGzip } from "./cache.ts";
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

/** How long an answer is kept when the operator says nothing (PLAUDIT_READ_CACHE_MS). */
export const DEFAULT_READ_CACHE_MS = 2_000;

/**
 * PLAUDIT_READ_CACHE_MS as the operator wrote it: unset means the default, 0 turns the cache
 * off, anything else must be a whole number of milliseconds up to a minute (a longer memory
 * would keep other processes' writes unseen that long). Throws a message naming the setting.
 */
export function parseReadCacheMs(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_READ_CACHE_MS;
  const ms = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(ms) || ms > 60_000) {
    throw new Error(
      `PLAUDIT_READ_CACHE_MS must be a whole number of milliseconds from 0 (off) to 60000, not ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

export interface ReadCacheOptions {
  /** How long an answer is served from memory (default 2 s). */
  ttlMs?: number;
  /** The clock the TTL is measured by, in milliseconds (default: the process's monotonic clock). */
  now?: () => number;
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
  /**
   * The same, written straight to Node's response (http/listen.ts): no Request or Response object
   * is made for a hit. Returns the route answered for, or undefined (the request goes on to the app).
   */
  answerNode(req: IncomingMessage, res: ServerResponse, requestId: () => string): string | undefined;
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
  /** `headers` with Content-Length, as the flat [name, value, …] list Node's writeHead takes. */
  rawHeaders: string[];
  rawNotModifiedHeaders: string[];
  body: Uint8Array<ArrayBuffer>;
}

type HeaderOf = (name: string) => string | null | undefined;

const STORE_PATH = /^\/v1\/stores\/([^/]+)\//;
// The URL @hono/node-server makes of a request target and Host (its buildUrl, 2.1.9, copied with
// its tests): the front door looks a request up under exactly the URL the app would keep it under.
// Undefined where the adapter refuses the request (it answers 400 itself).
const PLAIN_TARGET = /^\/[!#$&-;=?-[\]_a-z~]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;

function adapterUrl(scheme: string, host: string, target: string): string | undefined {
  const url = `${scheme}://${host}${target}`;
  const backslash = target.indexOf("\\");
  if (backslash !== -1 && (target.indexOf("?") === -1 || backslash < target.indexOf("?"))) return undefined;
  try {
    if (!PLAIN_HOST.test(host)) {
      const parsed = new URL(url);
      const bare = (host.includes(":") ? host.replace(/:\d+$/, "") : host).toLowerCase();
      if (parsed.hostname.length !== host.length && parsed.hostname !== bare) return undefined;
      return parsed.href;
    }
    if (target.charCodeAt(0) !== 47) return undefined;
    return PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target) ? url : new URL(url).href;
  } catch {
    return undefined;
  }
}

const MAX_BODY_BYTES = 512 * 1024;
/** The longest a request waits for another one's read of the same answer before reading itself. */
const FILL_WAIT_MS = 2_000;

const wantsFresh = (header: HeaderOf): boolean => {
  const cacheControl = header("cache-control");
  const pragma = header("pragma");
  return (
    (typeof cacheControl === "string" && /no-cache|no-store|max-age=0\b/i.test(cacheControl)) ||
    (typeof pragma === "string" && /no-cache/i.test(pragma))
  );
};

/** Whether the client's If-None-Match already names this entry (answer 304). */
const notModifiedFor = (entry: Entry, header: HeaderOf): boolean =>
  entry.etag !== undefined && etagMatches(header("if-none-match") ?? undefined, entry.etag);

export function createReadCache(options: ReadCacheOptions): ReadCache {
  const entries = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (entry) => entry.body.byteLength + 512,
    ttl: options.ttlMs ?? DEFAULT_READ_CACHE_MS,
    // An expired answer is never served; the TTL check is done on every get.
    ttlAutopurge: false,
    // An injected clock is read on every check: lru-cache otherwise keeps one reading for a real
    // millisecond (ttlResolution), so a clock moved within it would not be seen.
    ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
  });
  const generations = new Map<string, number>();
  let everything = 0;
  const generationOf = (storeId: string) => everything + (generations.get(storeId) ?? 0);
  const report = options.onLookup ?? (() => undefined);

  const invalidate = (storeId?: string) => {
    if (storeId === undefined) everything++;
    else generations.set(storeId, (generations.get(storeId) ?? 0) + 1);
  };

  /** Where the answer to a GET of `url` would be kept; undefined when it is not a store's public read. */
  const place = (url: string, header: HeaderOf): { key: string; storeId: string } | undefined => {
    const path = url.slice(url.indexOf("/", url.indexOf("//") + 2));
    const storeId = STORE_PATH.exec(path)?.[1];
    // Only plain store ids: an encoded one would be kept under a name writes never invalidate.
    if (storeId === undefined || !STORE_ID_PATTERN.test(storeId)) return undefined;
    // Answers depend on the URL (Host included) and the encoding only: no forwarded header
    // changes what is said (media URLs come from PLAUDIT_PUBLIC_URL or the Host).
    return {
      key: `${takesGzip(header("accept-encoding")) ? "gz" : "id"}|${url}`,
      storeId,
    };
  };

  /** The entry kept under `key`, unless its TTL ran out or a write to its store came after it. */
  const current = (key: string, storeId: string): Entry | undefined => {
    const entry = entries.get(key);
    return entry && entry.generation === generationOf(storeId) ? entry : undefined;
  };

  /** The fresh entry for a GET of `url`, and whether the client holds it already (304). */
  const lookup = (url: string, header: HeaderOf): { entry: Entry; notModified: boolean } | undefined => {
    const where = place(url, header);
    if (!where) return undefined;
    if (wantsFresh(header)) {
      report("bypass");
      return undefined;
    }
    const entry = current(where.key, where.storeId);
    if (!entry) {
      report("miss");
      return undefined;
    }
    report("hit");
    return { entry, notModified: notModifiedFor(entry, header) };
  };

  // A Response over a plain header object: the Node adapter writes it without building Headers.
  const responseFor = (entry: Entry, notModified: boolean, requestId: string): Response =>
    notModified
      ? new Response(null, {
          status: 304,
          headers: { ...entry.notModifiedHeaders, "x-request-id": requestId },
        })
      : new Response(entry.body, { status: 200, headers: { ...entry.headers, "x-request-id": requestId } });

  // The answers being read from the database right now, by key: when a hot product's answer
  // expires under a sale's load, dozens of requests miss in the same moment; one reads, the
  // others wait for its answer (a client asking for a fresh one never waits). Only for keys whose
  // answer was kept before: a private read under the same URL (a member's /loyalty/me) never waits.
  const fills = new Map<string, Promise<void>>();
  const keptBefore = new LRUCache<string, true>({ max: 10_000 });

  const answer = (
    request: Request,
    requestId: () => string,
  ): { response: Response; route: string } | undefined => {
    if (request.method !== "GET") return undefined;
    const headers = request.headers;
    const found = lookup(request.url, (name) => headers.get(name));
    if (!found) return undefined;
    const { entry, notModified } = found;
    return { response: responseFor(entry, notModified, requestId()), route: entry.route };
  };

  const answerNode = (
    req: IncomingMessage,
    res: ServerResponse,
    requestId: () => string,
  ): string | undefined => {
    const target = req.url;
    const host = req.headers.host;
    // Origin-form targets only ("/…"); an absolute-form one goes the usual way.
    if (req.method !== "GET" || !target?.startsWith("/") || !host) return undefined;
    const url = adapterUrl(
      (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http",
      host,
      target,
    );
    if (url === undefined) return undefined;
    const raw = req.headers;
    const found = lookup(url, (name) => {
      const value = raw[name];
      return typeof value === "string" ? value : undefined;
    });
    if (!found) return undefined;
    const { entry, notModified } = found;
    const headers = notModified ? entry.rawNotModifiedHeaders : entry.rawHeaders;
    // Node's writeHead takes a flat [name, value, …] list as it is: no object to walk.
    res.writeHead(notModified ? 304 : 200, [...headers, "x-request-id", requestId()]);
    res.end(notModified ? undefined : entry.body);
    return entry.route;
  };

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const method = c.req.method;
    if (method !== "GET") {
      await next();
      if (method !== "HEAD" && method !== "OPTIONS" && c.res.status < 400) invalidate(c.get("store")?.id);
      return;
    }
    const header = (name: string) => c.req.header(name);
    const where = place(c.req.url, header);
    if (!where) return next();
    const key = where.key;
    const fresh = wantsFresh(header);
    const shared = !fresh && keptBefore.has(key);
    const filling = shared ? fills.get(key) : undefined;
    if (filling) {
      // Bounded: a read that hangs must not hold every other shopper's page with it.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        filling,
        new Promise((resume) => {
          timer = setTimeout(resume, FILL_WAIT_MS);
        }),
      ]);
      clearTimeout(timer);
      // Still filling after the wait: that read hangs; the next miss must not wait on it too.
      if (fills.get(key) === filling) fills.delete(key);
      const entry = current(key, where.storeId);
      if (entry) return responseFor(entry, notModifiedFor(entry, header), c.get("requestId"));
    }
    let filled: (() => void) | undefined;
    let mine: Promise<void> | undefined;
    if (shared && !fills.has(key)) {
      mine = new Promise<void>((resolve) => {
        filled = resolve;
      });
      fills.set(key, mine);
    }
    try {
      // Taken before the handler reads: a write that lands meanwhile makes this answer stale on arrival.
      const generation = generationOf(where.storeId);
      await next();
      keep(c, key, generation);
    } finally {
      if (filled) {
        // Unless a waiter gave up on this read and another request is filling by now.
        if (fills.get(key) === mine) fills.delete(key);
        filled();
      }
    }
  };

  /** Keeps the answer the route just made, if it may be kept. */
  const keep = (c: Context<AppEnv>, key: string, generation: number) => {
    // What the route offered as it made the answer (http/cache.ts): no re-reading the response,
    // which would make the adapter rebuild it.
    const kept = c.get("keepable");
    // A 304 carries the whole answer in `keepable` too (http/cache.ts): the body this client has.
    if (!kept || (c.res.status !== 200 && c.res.status !== 304)) return;
    const body = typeof kept.body === "string" ? new Uint8Array(Buffer.from(kept.body)) : kept.body;
    if (body.byteLength > MAX_BODY_BYTES) return;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...PUBLIC_READ_CORS, ...kept.headers }))
      headers[name.toLowerCase()] = value;
    if (headers.vary?.split(",").some((name) => name.trim().toLowerCase() !== "accept-encoding")) return;
    const { "content-type": _type, "content-encoding": _encoding, ...notModifiedHeaders } = headers;
    keptBefore.set(key, true);
    entries.set(key, {
      generation,
      route: routePath(c, -1),
      etag: headers.etag,
      headers,
      notModifiedHeaders,
      rawHeaders: [...Object.entries(headers).flat(), "content-length", String(body.byteLength)],
      rawNotModifiedHeaders: Object.entries(notModifiedHeaders).flat(),
      body,
    });
  };

  return { answer, answerNode, middleware, invalidate };
}
