import type { MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../context.ts";
import { ApiError } from "../errors.ts";
import { findStoreBySecret } from "../stores/store-repo.ts";

/** Admin routes: `Authorization: Bearer <store secret>` names the store; anything else is 401. */
export function adminAuth(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
    const store = match?.[1] ? await findStoreBySecret(ctx.db, match[1]) : undefined;
    if (!store) {
      throw new ApiError(
        401,
        "unauthorized",
        "a valid store secret key is required (Authorization: Bearer …)",
        undefined,
        {
          "WWW-Authenticate": 'Bearer realm="plaudit-admin"',
        },
      );
    }
    c.set("store", store);
    // The store's one secret is a full-scope key until keys are named and hashed (issue 13).
    c.set("actor", { keyId: `store-secret:${store.id}`, scopes: ["*"] });
    await next();
  };
}
