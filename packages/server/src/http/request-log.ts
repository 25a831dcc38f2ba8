import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppContext, AppEnv } from "../context.ts";

const MEDIA_UPLOAD_ROUTE = "/v1/stores/:store/media";

/**
 * Gives each request an id (kept from a sane X-Request-Id), and when it is done writes one JSON
 * log line and the request metrics, labelled by route pattern (not the raw path: bounded labels).
 */
export function requestLog(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    await next();
    c.header("X-Request-Id", requestId);
    // API.md names the charset; Hono's c.json() leaves it out.
    if (c.res.headers.get("content-type") === "application/json") {
      c.header("Content-Type", "application/json; charset=utf-8");
    }
    const seconds = (performance.now() - started) / 1000;
    // The last matched route is the handler; a request no route matched reports "unmatched".
    const route = c.get("unmatched") ? "unmatched" : routePath(c, -1);
    ctx.metrics.observeRequest({ method: c.req.method, route, status: c.res.status }, seconds);
    if (
      route === MEDIA_UPLOAD_ROUTE &&
      c.req.method === "POST" &&
      c.res.status >= 400 &&
      c.res.status < 500
    ) {
      ctx.metrics.uploadRejected(c.res.status);
    }
    ctx.logger.info({
      msg: "request",
      requestId,
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(seconds * 10_000) / 10,
    });
  };
}
