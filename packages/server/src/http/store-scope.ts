import { STORE_ID_PATTERN } from "@plaudit/contract";
import type { Context, MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../context.ts";
import { ApiError } from "../errors.ts";
import { findStore, originAllowed, type StoreRecord } from "../stores/store-repo.ts";
import { clientKey } from "./client-ip.ts";

// Every public request needs its store; reading it from the database each time was a fifth of a
// summary read's cost. A store's origins and moderation change only from the CLI (`stores
// update`), rarely, and a few seconds' late is what docs/server.md promises — and processes keep
// no state that matters (a miss just reads again).
// The memory runs on the app's clock (ctx.clock), so tests move it as they move every other TTL.
export const STORE_CACHE_MS = 5_000;
export const STORE_CACHE_SIZE = 1_000;

function sameOrigin(c: Context, origin: string): boolean {
  const host = c.req.header("host");
  if (!host) return false;
  const url = new URL(c.req.url);
  return origin === `${url.protocol}//${host}`;
}

/**
 * For every /v1/stores/:store/* route: loads the store (404 store_not_found), and for writes checks
 * the Origin (403 origin_not_allowed; requests without Origin are server-to-server and allowed; the
 * server's own origin is always allowed) and the per-IP and per-store rate limits (429).
 */
export function storeScope(ctx: AppContext): MiddlewareHandler<AppEnv> {
  const recent = new Map<string, { store: StoreRecord; until: number }>();
  async function storeNamed(storeId: string): Promise<StoreRecord | undefined> {
    const now = ctx.clock().getTime();
    const hit = recent.get(storeId);
    if (hit && hit.until > now) return hit.store;
    const store = await findStore(ctx.db, storeId);
    // Only stores that exist are remembered: one created a moment ago must answer at once.
    if (store) {
      recent.delete(storeId);
      recent.set(storeId, { store, until: now + STORE_CACHE_MS });
      if (recent.size > STORE_CACHE_SIZE) recent.delete(recent.keys().next().value as string);
    }
    return store;
  }

  return async (c, next) => {
    const storeId = c.req.param("store") ?? "";
    const store = STORE_ID_PATTERN.test(storeId) ? await storeNamed(storeId) : undefined;
    if (!store)
      throw new ApiError(404, "store_not_found", `no store with id ${JSON.stringify(storeId.slice(0, 64))}`);
    c.set("store", store);

    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const origin = c.req.header("origin");
      if (origin !== undefined && !sameOrigin(c, origin) && !originAllowed(origin, store.allowedOrigins)) {
        throw new ApiError(403, "origin_not_allowed", "this store does not accept writes from this origin");
      }
      const now = ctx.clock();
      const ip = clientKey(c, ctx.trustProxy);
      const byIp = await ctx.rateLimiter.take(`ip:${store.id}:${ip}`, store.rateLimits.perIp, now);
      const decision = byIp.allowed
        ? await ctx.rateLimiter.take(`store:${store.id}`, store.rateLimits.perStore, now)
        : byIp;
      if (!decision.allowed) {
        ctx.metrics.rateLimitRejected(byIp.allowed ? "store" : "ip");
        throw new ApiError(429, "rate_limited", "too many requests; try again later", undefined, {
          "Retry-After": String(decision.retryAfterSeconds),
        });
      }
    }
    await next();
  };
}
