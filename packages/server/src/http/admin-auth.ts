import type { Context, MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../context.ts";
import { ApiError } from "../errors.ts";
import { authenticateAdminKey } from "../keys/admin-keys.ts";
import { findStore } from "../stores/store-repo.ts";
import { addressKey, clientIp } from "./client-ip.ts";

const unauthorized = () =>
  new ApiError(401, "unauthorized", "a valid admin key is required (Authorization: Bearer sk_…)", undefined, {
    "WWW-Authenticate": 'Bearer realm="plaudit-admin"',
  });

/**
 * Admin routes: `Authorization: Bearer <admin key>` names the store and the key's scopes, looked
 * up in the database on every request (a revoked key is refused at once, in every process).
 * Sets `store` and `actor` ({ keyId, scopes }). A failure is 401 and logged as a security event; a
 * wrong key is counted, and an address with too many wrong keys gets 429 before its key is looked
 * at.
 */
export function adminAuth(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Throttled by the address's key (an IPv6 client by its /64); the log names the address.
    const ip = clientIp(c, ctx.trustProxy);
    const address = addressKey(ip);
    const now = ctx.clock();
    const wait = ctx.adminFailures.retryAfter(address, now);
    if (wait > 0) {
      securityEvent(ctx, c, ip, "throttled");
      throw new ApiError(429, "rate_limited", "too many failed admin sign-ins from this address", undefined, {
        "Retry-After": String(wait),
      });
    }
    const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(c.req.header("authorization") ?? "");
    const holder = match?.[1] ? await authenticateAdminKey(ctx.db.kysely, match[1]) : undefined;
    const store = holder ? await findStore(ctx.db, holder.storeId) : undefined;
    if (!holder || !store) {
      // Only a key that was presented and is wrong is a guess. A request with no key at all is
      // what any web page open in the merchant's office can make (no header needs no preflight):
      // counting it would let such a page lock the office's address, and its real key, out.
      if (match) ctx.adminFailures.record(address, now);
      securityEvent(ctx, c, ip, match ? "invalid_key" : "missing_key");
      throw unauthorized();
    }
    c.set("store", store);
    c.set("actor", { keyId: holder.keyId, scopes: holder.scopes });
    await next();
  };
}

function securityEvent(ctx: AppContext, c: Context<AppEnv>, address: string, reason: string): void {
  ctx.metrics.adminAuthFailed(reason);
  ctx.logger.info({
    msg: "admin authentication failed",
    security: true,
    reason,
    ip: address,
    method: c.req.method,
    path: c.req.path,
    requestId: c.get("requestId"),
  });
}
