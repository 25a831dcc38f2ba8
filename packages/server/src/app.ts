import type { IncomingMessage, ServerResponse } from "node:http";
import { Hono } from "hono";
import { routePath } from "hono/route";
import { adminIdentity } from "./admin-users/session-auth.ts";
import type { AppContext, AppDeps, AppEnv } from "./context.ts";
import { isDatabaseUnavailable, refusedValueCode } from "./db/database.ts";
import { ApiError, errorBody } from "./errors.ts";
import { acceptedLocale, localizedBody } from "./field-messages.ts";
import { withDefaultHooks } from "./hooks.ts";
import { adminAuth } from "./http/admin-auth.ts";
import { createAdminFailures } from "./http/admin-failures.ts";
import { publicCors } from "./http/cors.ts";
import { lingerAfterEarlyAnswer } from "./http/lingering-close.ts";
import { rejectNulInUrl } from "./http/nul-guard.ts";
import { createReadCache } from "./http/read-cache.ts";
import { logRequest, requestIdFrom, requestLog } from "./http/request-log.ts";
import { storeScope } from "./http/store-scope.ts";
import { plainSecretBox } from "./keys/secret-box.ts";
import { jsonLogger } from "./logger.ts";
import { withLoyaltyHooks } from "./loyalty/earning.ts";
import { tableReviewMedia } from "./media/review-media-source.ts";
import { mediaStorageFromEnv } from "./media/storage-from-env.ts";
import { createMetrics } from "./metrics.ts";
import { createMemoryRateLimiter } from "./rate-limit.ts";
import { withReviewRequestHooks } from "./review-requests/index.ts";
import { routeModules } from "./routes/index.ts";
import { staticAssetRoutes } from "./routes/static-assets.ts";

export interface PlauditApp {
  app: Hono<AppEnv>;
  ctx: AppContext;
  fetch: Hono<AppEnv>["fetch"];
  /**
   * On Node (http/listen.ts): answers a request the read cache holds straight onto the response
   * and returns true; false, having written nothing, for everything else. Absent when it is off.
   */
  frontDoor?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** Builds the HTTP app from injected parts (tests pass their own database, clock, limiter). */
export function createApp(deps: AppDeps): PlauditApp {
  const ctx: AppContext = {
    db: deps.db,
    clock: deps.clock ?? (() => new Date()),
    rateLimiter: deps.rateLimiter ?? createMemoryRateLimiter(),
    logger: deps.logger ?? jsonLogger,
    metrics: createMetrics(deps.db, { defaultMetrics: deps.processMetrics ?? false }),
    hooks: withDefaultHooks(deps.hooks),
    media: deps.media ?? tableReviewMedia({ baseUrl: deps.mediaBaseUrl ?? "" }),
    mediaStorage: deps.mediaStorage ?? mediaStorageFromEnv(deps.db),
    mediaBaseUrl: deps.mediaBaseUrl ?? "",
    trustProxy: deps.trustProxy ?? 0,
    allowPrivateWebhooks: deps.allowPrivateWebhooks ?? false,
    secrets: deps.secrets ?? plainSecretBox,
    adminFailures: deps.adminFailures ?? createAdminFailures(),
    ...(deps.assets ? { assets: deps.assets } : {}),
    ...(deps.metricsToken ? { metricsToken: deps.metricsToken } : {}),
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl.replace(/\/+$/, "") } : {}),
    ...(deps.mailer ? { mailer: deps.mailer } : {}),
  };
  if (deps.readCacheMs && deps.readCacheMs > 0) {
    ctx.readCache = createReadCache({
      ttlMs: deps.readCacheMs,
      // An injected clock (tests) measures the TTL too; otherwise lru-cache's monotonic clock.
      ...(deps.clock ? { now: () => ctx.clock().getTime() } : {}),
      onLookup: (result) => ctx.metrics.readCache(result),
    });
  }

  // Loyalty joins orders and reviews inside their transactions (points commit with them).
  ctx.hooks = withLoyaltyHooks(ctx.hooks, ctx);
  ctx.hooks = withReviewRequestHooks(ctx.hooks, ctx);

  const app = new Hono<AppEnv>();
  app.use("*", requestLog(ctx));
  if (ctx.readCache) app.use("*", ctx.readCache.middleware);
  app.use("/v1/stores/*", publicCors());
  app.use("/v1/*", rejectNulInUrl());
  app.use("/v1/stores/:store/*", storeScope(ctx));
  // An admin key (Authorization) or the admin app's session cookie; both set `store` and `actor`.
  app.use("/v1/admin/*", adminIdentity(ctx, adminAuth(ctx)));

  for (const module of [...routeModules, ...(deps.routes ?? []), staticAssetRoutes])
    module.register(app, ctx);

  app.notFound((c) => {
    c.set("unmatched", true);
    return c.json(errorBody("not_found", `no route for ${c.req.method} ${c.req.path}`), 404);
  });

  app.onError((err, c) => {
    // A value the database refused (a NUL, text or a number it cannot hold) that no validation
    // caught: the client's input, answered 400 as any bad request, logged as a warning naming the
    // route (a gap in validation to close), never the value nor the database's message quoting it.
    const refused = refusedValueCode(err);
    if (refused) {
      ctx.logger.warn({
        msg: "database refused a value",
        requestId: c.get("requestId"),
        method: c.req.method,
        route: routePath(c, -1),
        sqlstate: refused,
      });
      err = new ApiError(400, "bad_request", "the request holds a value the database cannot store");
    }
    if (err instanceof ApiError) {
      // Refused with the body unread: let the answer reach the client before the socket closes.
      if (err.headers?.Connection === "close") lingerAfterEarlyAnswer(c);
      // In the request's language (Accept-Language: de, he): the words, never the code or fields' names.
      // Every error answer varies by it (English too), added to what CORS put in Vary (Origin).
      c.header("Vary", "Accept-Language", { append: true });
      const locale = acceptedLocale(c.req.header("accept-language"));
      if (locale === "en") return c.json(err.toBody(), err.status, err.headers);
      return c.json(localizedBody(err, locale), err.status, { ...err.headers, "Content-Language": locale });
    }
    // The database is not there (PostgreSQL down, restarting, unreachable): the client may retry;
    // it is logged, without a stack, to tell an outage from a bug.
    if (isDatabaseUnavailable(err)) {
      ctx.logger.error({ msg: "database unavailable", requestId: c.get("requestId"), error: err.message });
      return c.json(
        errorBody("database_unavailable", "the database does not answer; try again shortly"),
        503,
        {
          "Retry-After": "5",
        },
      );
    }
    // Anything else is our bug: log it with the request id, answer without internals.
    ctx.logger.error({
      msg: "unhandled error",
      requestId: c.get("requestId"),
      error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
    });
    return c.json(errorBody("internal_error", "something went wrong on our side"), 500);
  });

  // The front door: a public read the read cache holds is answered here, before the router and
  // its middleware (logged and counted all the same); everything else goes to the app.
  const readCache = ctx.readCache;
  const fetch: Hono<AppEnv>["fetch"] = readCache
    ? (request, env, executionCtx) => {
        const started = performance.now();
        // Made only for a hit: a miss gets its id from the request log, as every other request.
        let requestId = "";
        const hit = readCache.answer(request, () => {
          requestId = requestIdFrom(request.headers.get("x-request-id"));
          return requestId;
        });
        if (!hit) return app.fetch(request, env, executionCtx);
        const { response, route } = hit;
        logRequest(ctx, { requestId, method: "GET", route, status: response.status, started });
        return response;
      }
    : app.fetch;

  const frontDoor = readCache
    ? (req: IncomingMessage, res: ServerResponse): boolean => {
        const started = performance.now();
        let requestId = "";
        const route = readCache.answerNode(req, res, () => {
          const incoming = req.headers["x-request-id"];
          requestId = requestIdFrom(typeof incoming === "string" ? incoming : undefined);
          return requestId;
        });
        if (route === undefined) return false;
        logRequest(ctx, { requestId, method: "GET", route, status: res.statusCode, started });
        return true;
      }
    : undefined;

  return { app, ctx, fetch, ...(frontDoor ? { frontDoor } : {}) };
}
