import type { MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../context.ts";
import { ApiError } from "../errors.ts";
import { publicOriginOf } from "../http/public-origin.ts";
import { findStore } from "../stores/store-repo.ts";
import { CSRF_HEADER, clearSessionCookie, csrfMatches, findSession, sessionTokenOf } from "./sessions.ts";

/** Admin routes anyone may call: signing in and following an invite link. */
const OPEN_ROUTES = new Set(["POST /v1/admin/session", "POST /v1/admin/password"]);
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who is calling an admin route. A request with an Authorization header goes to the key check
 * (`bearer`); one with the admin app's session cookie is its signed-in user, with the scopes of
 * their role and, on every write, the session's CSRF token in `X-CSRF-Token`. Both set the same
 * `store` and `actor`, so every admin route and requireScope() work with either.
 */
export function adminIdentity(ctx: AppContext, bearer: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (OPEN_ROUTES.has(`${c.req.method} ${c.req.path}`)) return next();
    const hasKey = c.req.header("authorization") !== undefined;
    const token = hasKey ? undefined : sessionTokenOf(c);

    const session = token === undefined ? undefined : await findSession(ctx.db, token, ctx.clock());
    const store = session ? await findStore(ctx.db, session.storeId) : undefined;
    // The app asks who is signed in before anyone is: "nobody" is an answer, not an error.
    if (c.req.method === "GET" && c.req.path === "/v1/admin/session" && !hasKey && (!session || !store)) {
      if (token !== undefined) clearSessionCookie(c, publicOriginOf(c, ctx).startsWith("https:"));
      return c.body(null, 204, { "Cache-Control": "no-store" });
    }
    if (token === undefined) return bearer(c, next);
    if (!session || !store) {
      throw new ApiError(401, "unauthorized", "your session has ended: sign in again");
    }
    if (!READS.has(c.req.method) && !csrfMatches(token, c.req.header(CSRF_HEADER))) {
      throw new ApiError(403, "csrf_failed", `a write needs this session's ${CSRF_HEADER} header`);
    }
    c.set("store", store);
    c.set("actor", { userId: session.userId, scopes: session.scopes });
    await next();
  };
}
