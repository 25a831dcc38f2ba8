// The one place that knows HTTP: ky underneath, plus what ky does not do for us — ETag
// revalidation, sharing identical in-flight GETs, and turning every failure into a PlauditError.
import ky, { HTTPError, TimeoutError } from "ky";
import { errorFromResponse, invalidResponse, PlauditError, parseRetryAfter } from "./errors.ts";

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

/** Statuses worth retrying for an idempotent read; every other 4xx is final. */
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
const ETAG_CACHE_SIZE = 100;

export interface Http {
  url(path: string, query?: Record<string, string | undefined>): string;
  get<T>(url: string, check: BodyCheck, headers?: Record<string, string>): Promise<T>;
  send<T>(method: "POST", url: string, check: BodyCheck, spec: RequestSpec): Promise<T>;
}

export function createHttp(options: HttpOptions): Http {
  const base = `${options.apiBase.replace(/\/+$/, "")}/v1/`;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 20;
  const api = ky.create({
    timeout: options.timeoutMs ?? 8000,
    fetch: options.fetch,
    // 304 is an answer, not a failure: the cached body is read below.
    throwHttpErrors: (status) => status !== 304,
    retry: {
      limit: options.retries ?? 2,
      methods: ["get"],
      statusCodes: RETRY_STATUSES,
      afterStatusCodes: RETRY_STATUSES,
      shouldRetry: ({ error }) => {
        // A server asking us to wait longer than a shopper would is answered now, with retryAfterSeconds.
        if (error instanceof HTTPError) {
          const after = parseRetryAfter(error.response.headers.get("retry-after"));
          if (after !== undefined && after > maxRetryAfter) return false;
        }
        return undefined;
      },
    },
  });
  const etags = new Map<string, { etag: string; body: unknown }>();
  const inFlight = new Map<string, Promise<unknown>>();
  // A browser revalidates with the ETag itself (its HTTP cache adds If-None-Match without a CORS
  // preflight); setting the header ourselves would cost a preflight per URL on a shop's origin.
  // We only do it where no HTTP cache exists (Node, server rendering).
  const manualEtags = options.manualEtags ?? typeof document === "undefined";
  // Reads answer with max-age=60: after this shopper's own write, the browser's cached copy would
  // hide it, so reads within that window ask the cache to revalidate first.
  let revalidateUntil = 0;

  async function run<T>(
    url: string,
    init: Parameters<typeof api>[1],
    check: BodyCheck,
    cacheKey?: string,
  ): Promise<T> {
    const cached = cacheKey === undefined || !manualEtags ? undefined : etags.get(cacheKey);
    const isRead = init?.method === "get";
    try {
      const response = await api(url, {
        ...init,
        ...(cached ? { headers: { ...init?.headers, "if-none-match": cached.etag } } : {}),
        ...(isRead && !manualEtags && Date.now() < revalidateUntil ? { cache: "no-cache" as const } : {}),
      });
      if (!isRead && response.ok) revalidateUntil = Date.now() + 60_000;
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
      throw await toPlauditError(error);
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
          method,
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

export async function toPlauditError(error: unknown): Promise<PlauditError> {
  if (error instanceof PlauditError) return error;
  if (error instanceof HTTPError) return errorFromResponse(error.response);
  if (error instanceof TimeoutError)
    return new PlauditError("timeout", "[plaudit] the API did not answer in time", { cause: error });
  if ((error as { name?: unknown } | null)?.name === "AbortError") {
    return new PlauditError("aborted", "[plaudit] request aborted", { cause: error });
  }
  return new PlauditError("network", "[plaudit] could not reach the API", { cause: error });
}
