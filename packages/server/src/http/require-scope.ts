import type { MiddlewareHandler } from "hono";
import { grants, type Scope } from "../auth/scopes.ts";
import type { AppEnv } from "../context.ts";
import { ApiError } from "../errors.ts";

/**
 * An admin route's one required scope: 403 insufficient_scope when the actor (set by the admin
 * authentication middleware) does not hold it. Mount it on the route itself, after adminAuth.
 */
export function requireScope(scope: Scope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get("actor");
    if (!actor || !grants(actor.scopes, scope)) {
      throw new ApiError(403, "insufficient_scope", `this key or user lacks the scope ${scope}`);
    }
    await next();
  };
}
