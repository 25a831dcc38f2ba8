// The one place that knows HTTP: fetch with per-attempt timeouts, retries of idempotent reads
// (backoff, Retry-After), ETag revalidation where no browser cache does it, sharing identical
// in-flight GETs, and every failure turned into a PlauditError.
//
// Not ky, although the spine issue named it: ky 1.14 is 4.7 KB gzipped, a third of the whole
// collection-page budget (15 KB with the loader, Preact-free star badges and the store), and we use
// only its retry/timeout loop — which is the ~40 lines of `attempt` below (docs/core-api.md).
import { errorFromResponse, invalidResponse, PlauditError, parseRetryAfter } from "./errors.ts";
import { rememberWrite, storedWriteDeadline } from "./recent-write.ts";
import { toJson } from "./to-json.ts";

export interface HttpOptions {
  apiBase: string;
  timeoutMs?: number;
  retries?: number;
  fetch?: typeof fetch;
  /** Send If-None-Match from our own ETag cache; default: only where there is no browser HTTP cache. */
  manualEtags?: boolean;
  /** Longest `Retry-After` (seconds) worth waiting for; beyond it the read fails at once. */
  maxRetryAfterSeconds?: number;
}

export type Body = Record<string, unknown>;
/** A cheap shape check of a 2xx body: the full types are the server's promise, this catches a wrong URL or a proxy page. */
export type BodyCheck = (body: Body) => boolean;

export interface RequestSpec {
  headers?: Record<string, string>;
  json?: unknown;
  body?: FormData;
  timeoutMs?: number | false;
  signal?: AbortSignal;
}

interface Attempt {
  method: "get" | "post";
  headers?: Record<string, string>;
  json?: unknown;
  body?: FormData;
  timeout?: number | false;
  signal?: AbortSignal;
  cache?: RequestCache;
}

/** Statuses worth retrying for an idempotent read; every other 4xx is final. */
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
const ETAG_CACHE_SIZE = 100;

export interface Http {
  url(path: string, query?: Record<string, string | undefined>): string;
  get<T>(url: string, check: BodyCheck, headers?: Record<string, string>): Promise<T>;
  send<T>(method: "POST", url: string, check: BodyCheck, spec: RequestSpec): Promise<T>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createHttp(options: HttpOptions): Http {
  const base = `${options.apiBase.replace(/\/+$/, "")}/v1/`;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 20;
  const retries = options.retries ?? 2;
  const doFetch = (input: string, init: RequestInit) => (options.fetch ?? fetch)(input, init);

  /**
   * One request with its retries. Reads retry network failures and RETRY_STATUSES with backoff
   * (0.3 s, 0.6 s, …) or the server's Retry-After; timeouts are not retried (the shopper has waited
   * long enough), writes never are. A 304 is an answer: the caller reads its cached body.
   */
  async function attempt(url: string, spec: Attempt): Promise<Response> {
    const isRead = spec.method === "get";
    for (let tries = 0; ; tries++) {
      const controller = new AbortController();
      const abort = () => controller.abort(spec.signal?.reason);
      spec.signal?.addEventListener("abort", abort, { once: true });
      if (spec.signal?.aborted) abort();
      let timedOut = false;
      const timeout = spec.timeout ?? options.timeoutMs ?? 8000;
      const timer =
        timeout === false
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, timeout);
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await doFetch(url, {
          method: spec.method.toUpperCase(),
          headers:
            spec.json === undefined ? spec.headers : { "content-type": "application/json", ...spec.headers },
          body: spec.json === undefined ? spec.body : toJson(spec.json),
          signal: controller.signal,
          cache: spec.cache,
        });
      } catch (error) {
        failure = error;
      } finally {
        clearTimeout(timer);
        spec.signal?.removeEventListener("abort", abort);
      }
      if (timedOut) throw new PlauditError("timeout", "[plaudit] the API did not answer in time");
      if (spec.signal?.aborted) {
        throw new PlauditError("aborted", "[plaudit] request aborted", { cause: spec.signal.reason });
      }
      if (response && (response.ok || response.status === 304)) return response;
      const retryAfter = response ? parseRetryAfter(response.headers.get("retry-after")) : undefined;
      const retryable =
        isRead &&
        tries < retries &&
        !spec.signal?.aborted &&
        (response ? RETRY_STATUSES.includes(response.status) : true) &&
        (retryAfter === undefined || retryAfter <= maxRetryAfter);
      if (!retryable) {
        if (response) throw await errorFromResponse(response);
        throw toPlauditError(failure);
      }
      // Drain the failed body so the connection can be reused.
      await response?.body?.cancel().catch(() => undefined);
      await sleep(retryAfter !== undefined ? retryAfter * 1000 : 300 * 2 ** tries);
    }
  }

  const etags = new Map<string, { etag: string; body: unknown }>();
  const inFlight = new Map<string, Promise<unknown>>();
  // A browser revalidates with the ETag itself (its HTTP cache adds If-None-Match without a CORS
  // preflight); setting the header ourselves would cost a preflight per URL on a shop's origin.
  // We only do it where no HTTP cache exists (Node, server rendering).
  const manualEtags = options.manualEtags ?? typeof document === "undefined";
  // After this shopper's own write, reads revalidate for a minute (recent-write.ts says why).
  let revalidateUntil = 0;
  const mustRevalidate = () => {
    if (Date.now() < revalidateUntil) return true;
    revalidateUntil = storedWriteDeadline(options.apiBase);
    return Date.now() < revalidateUntil;
  };
  const markWrite = () => {
    revalidateUntil = rememberWrite(options.apiBase);
  };

  async function run<T>(url: string, spec: Attempt, check: BodyCheck, cacheKey?: string): Promise<T> {
    const cached = cacheKey === undefined || !manualEtags ? undefined : etags.get(cacheKey);
    const isRead = spec.method === "get";
    try {
      const response = await attempt(url, {
        ...spec,
        ...(cached ? { headers: { ...spec.headers, "if-none-match": cached.etag } } : {}),
        ...(isRead && !manualEtags && mustRevalidate() ? { cache: "no-cache" as const } : {}),
      });
      if (!isRead && !manualEtags) markWrite();
      if (response.status === 304) {
        if (!cached) throw invalidResponse("304 without a cached body", 304);
        return cached.body as T;
      }
      const body = await readJson(response, check);
      const etag = response.headers.get("etag");
      if (cacheKey !== undefined && etag && manualEtags) {
        // Map keeps insertion order: re-inserting makes this entry the newest, the first is the oldest.
        etags.delete(cacheKey);
        etags.set(cacheKey, { etag, body });
        if (etags.size > ETAG_CACHE_SIZE) etags.delete(etags.keys().next().value as string);
      }
      return body as T;
    } catch (error) {
      throw toPlauditError(error);
    }
  }

  return {
    url(path, query) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query ?? {}))
        if (value !== undefined) params.set(name, value);
      const search = params.toString();
      return base + path + (search ? `?${search}` : "");
    },
    get<T>(url: string, check: BodyCheck, headers?: Record<string, string>) {
      // A customer token changes the answer, so it is part of the identity of the request.
      const key = `${url}\n${headers?.["x-plaudit-customer"] ?? ""}`;
      let pending = inFlight.get(key) as Promise<T> | undefined;
      if (!pending) {
        pending = run<T>(url, { method: "get", headers }, check, key).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
    send<T>(method: "POST", url: string, check: BodyCheck, spec: RequestSpec) {
      return run<T>(
        url,
        {
          method: method === "POST" ? "post" : "get",
          headers: spec.headers,
          json: spec.json,
          body: spec.body,
          signal: spec.signal,
          timeout: spec.timeoutMs,
        },
        check,
      );
    },
  };
}

export async function readJson(response: Response, check: BodyCheck): Promise<Body> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch (cause) {
    throw invalidResponse(`${response.url || "response"} is not JSON`, response.status, cause);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body) || !check(body as Body)) {
    throw invalidResponse(`unexpected body from ${response.url || "the API"}`, response.status);
  }
  return body as Body;
}

export function toPlauditError(error: unknown): PlauditError {
  if (error instanceof PlauditError) return error;
  if ((error as { name?: unknown } | null)?.name === "AbortError") {
    return new PlauditError("aborted", "[plaudit] request aborted", { cause: error });
  }
  return new PlauditError("network", "[plaudit] could not reach the API", { cause: error });
}
