import { randomUUID } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppContext, AppEnv } from "../context.ts";

const MEDIA_UPLOAD_ROUTE = "/v1/stores/:store/media";
const JSON_TYPE = "application/json; charset=utf-8";

/**
 * API.md names the charset, Hono's c.json() leaves it out. It is named as each JSON response is
 * made: re-heading a finished response (or even reading its headers) makes Hono rebuild it, which
 * cost a third of a small read's throughput.
 */
function namingCharset(c: Context<AppEnv>): void {
  const json = c.json.bind(c) as (
    object: unknown,
    arg?: unknown,
    headers?: Record<string, string>,
  ) => Response;
  c.json = ((object: unknown, arg?: unknown, headers?: Record<string, string>) => {
    if (typeof arg === "object" && arg !== null) {
      const init = arg as ResponseInit;
      return json(object, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), "Content-Type": JSON_TYPE },
      });
    }
    return json(object, arg, { ...headers, "Content-Type": JSON_TYPE });
  }) as typeof c.json;
}

/** This request's id: a sane X-Request-Id from the caller (a proxy's), or a new one. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

/** The request's log line and metrics, once it is answered. */
export function logRequest(
  ctx: AppContext,
  request: { requestId: string; method: string; route: string; status: number; started: number },
): void {
  const { requestId, method, route, status } = request;
  const seconds = (performance.now() - request.started) / 1000;
  ctx.metrics.observeRequest({ method, route, status }, seconds);
  if (route === MEDIA_UPLOAD_ROUTE && method === "POST" && status >= 400 && status < 500) {
    ctx.metrics.uploadRejected(status);
  }
  ctx.logger.info({
    msg: "request",
    requestId,
    method,
    route,
    status,
    ms: Math.round(seconds * 10_000) / 10,
  });
}

/**
 * Gives each request an id (kept from a sane X-Request-Id), and when it is done writes one JSON
 * log line and the request metrics, labelled by route pattern (not the raw path: bounded labels).
 * Reads the read cache answers at the front door are logged there (app.ts), with the same helpers.
 */
export function requestLog(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFrom(c.req.header("x-request-id"));
    c.set("requestId", requestId);
    // Before the handler, so it goes into the response as it is made (see http/cors.ts).
    c.header("X-Request-Id", requestId);
    namingCharset(c);
    await next();
    // The last matched route is the handler; a request no route matched reports "unmatched".
    const route = c.get("unmatched") ? "unmatched" : routePath(c, -1);
    logRequest(ctx, { requestId, method: c.req.method, route, status: c.res.status, started });
  };
}
