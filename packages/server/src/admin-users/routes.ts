import {
  AdminSession,
  AdminUser,
  AdminUserList,
  CreatedUser,
  DEFAULT_TIME_ZONE,
  InviteLink,
  NewUserInput,
  PasswordInput,
  PasswordSet,
  SignInInput,
  UserPatch,
} from "@plaudit/contract";
import { auditEvent } from "../audit/audit-log.ts";
import { auditedRowWrite } from "../audit/audited-write.ts";
import type { AppContext, PlauditHono, RouteModule } from "../context.ts";
import { ApiError } from "../errors.ts";
import { clientIp, clientKey } from "../http/client-ip.ts";
import { readJsonBody } from "../http/json-body.ts";
import { publicOriginOf } from "../http/public-origin.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { findStore } from "../stores/store-repo.ts";
import { parseOrFail } from "../validation.ts";
import { passwordMatches } from "./passwords.ts";
import {
  clearSessionCookie,
  csrfTokenFor,
  endAllSessions,
  endSession,
  findSession,
  sessionTokenOf,
  setSessionCookie,
  startSession,
} from "./sessions.ts";
import { accountKey, addressKey, assertNotLocked, clearFailures, recordFailure } from "./throttle.ts";
import {
  assertNotLastOwner,
  createUser,
  listUsers,
  normalizeEmail,
  reinvite,
  removeUser,
  setPasswordWithInvite,
  setRole,
  userOfStore,
} from "./users.ts";

const NO_STORE = { "Cache-Control": "no-store" };

// Shared by the routes' descriptions (openapi/describe-route.ts).
const USER_ID = { id: { description: "User id" } };
const UNKNOWN_USER = { summary: "an unknown user", params: { id: "no-such-user" }, status: 404 };
const NO_USER = "no such user in this store";
const NOT_A_SESSION = { summary: "asked with a key, not a session", status: 404 };

const isHttps = (c: Parameters<typeof publicOriginOf>[0], ctx: AppContext) =>
  publicOriginOf(c, ctx).startsWith("https:");

function registerSessionRoutes(app: PlauditHono, ctx: AppContext): void {
  // Sign in: a new session (a new token every time, and the one this browser had is ended).
  app.post(
    "/v1/admin/session",
    describeRoute({
      summary: "Sign in to the admin app: sets the HttpOnly session cookie (a new one every time)",
      auth: "none",
      body: SignInInput,
      responses: { 200: AdminSession },
      errors: [400, 401, 422, 423],
      examples: [
        {
          summary: "a wrong password",
          body: { store: "demo", email: "owner@shop.example", password: "not-it" },
          status: 401,
        },
        { summary: "no store", body: { email: "owner@shop.example", password: "secret" }, status: 422 },
      ],
    }),
    async (c) => {
      const input = parseOrFail(SignInInput, await readJsonBody(c));
      const now = ctx.clock();
      const email = normalizeEmail(input.email);
      const keys = [accountKey(input.store, email), addressKey(clientKey(c, ctx.trustProxy))];
      await assertNotLocked(ctx.db, keys, now);
      const user = await ctx.db.kysely
        .selectFrom("admin_users")
        .select(["id", "store_id", "email", "role", "password_hash"])
        .where("store_id", "=", input.store)
        .where("email", "=", email)
        .executeTakeFirst();
      if (!(await passwordMatches(user?.password_hash ?? null, input.password)) || !user) {
        await recordFailure(ctx.db, keys, now);
        throw new ApiError(
          401,
          "invalid_credentials",
          "this store, address and password do not match an account",
        );
      }
      await clearFailures(ctx.db, keys[0] as (typeof keys)[number]);
      const previous = sessionTokenOf(c);
      const ip = clientIp(c, ctx.trustProxy);
      const session = await startSession(
        ctx.db,
        {
          userId: user.id,
          now,
          ip,
          userAgent: c.req.header("user-agent") ?? "",
          ...(previous ? { previousToken: previous } : {}),
        },
        {
          storeId: user.store_id,
          at: now.toISOString(),
          actor: { userId: user.id },
          action: "admin.session.start",
          ip,
          requestId: c.get("requestId"),
        },
      );
      setSessionCookie(c, session.token, session.expiresAt, isHttps(c, ctx));
      const found = await findSession(ctx.db, session.token, now);
      if (!found) throw new Error("a session just started was not found");
      return c.json(await sessionJson(ctx, found, session.token), 200, NO_STORE);
    },
  );

  app.get(
    "/v1/admin/session",
    describeRoute({
      summary: "The signed-in user, their store, scopes and CSRF token; 204 when nobody is signed in",
      auth: "session",
      responses: { 200: AdminSession, 204: { description: "Nobody is signed in in this browser" } },
      errors: [404],
      examples: [NOT_A_SESSION],
    }),
    async (c) => {
      const token = sessionTokenOf(c);
      const session =
        token && "userId" in c.get("actor") ? await findSession(ctx.db, token, ctx.clock()) : undefined;
      if (!token || !session)
        throw new ApiError(404, "not_found", "this request is not signed in with a session");
      return c.json(await sessionJson(ctx, session, token), 200, NO_STORE);
    },
  );

  // Sign out this browser.
  app.delete(
    "/v1/admin/session",
    describeRoute({
      summary: "Sign out this browser",
      auth: "session",
      responses: { 204: { description: "Signed out" } },
      errors: [404],
      examples: [NOT_A_SESSION],
    }),
    async (c) => {
      const token = sessionTokenOf(c);
      const actor = c.get("actor");
      if (!token || !("userId" in actor))
        throw new ApiError(404, "not_found", "this request is not signed in with a session");
      await endSession(ctx.db, token, auditEvent(c, ctx, "admin.session.end", actor.userId));
      clearSessionCookie(c, isHttps(c, ctx));
      return c.body(null, 204);
    },
  );

  // Sign out everywhere: every session of this user, this one included.
  app.delete(
    "/v1/admin/sessions",
    describeRoute({
      summary: "Sign out everywhere: every session of the signed-in user",
      auth: "session",
      responses: { 204: { description: "Signed out everywhere" } },
      errors: [404],
      examples: [NOT_A_SESSION],
    }),
    async (c) => {
      const actor = c.get("actor");
      if (!("userId" in actor))
        throw new ApiError(404, "not_found", "this request is not signed in with a session");
      await endAllSessions(ctx.db, actor.userId, auditEvent(c, ctx, "admin.sessions.end", actor.userId));
      clearSessionCookie(c, isHttps(c, ctx));
      return c.body(null, 204);
    },
  );

  // Follow an invite link: set the password (then sign in as usual).
  app.post(
    "/v1/admin/password",
    describeRoute({
      summary: "Set a password with a one-time invite link's token",
      auth: "none",
      body: PasswordInput,
      responses: { 200: PasswordSet },
      errors: [400, 410, 422],
      examples: [
        {
          summary: "a made-up link",
          body: { token: "not-a-token", password: "correct horse battery" },
          status: 410,
        },
      ],
    }),
    async (c) => {
      const body = await readJsonBody(c);
      const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
      const user = await setPasswordWithInvite(
        ctx.db,
        { token: fields.token, password: fields.password, now: ctx.clock(), secrets: ctx.secrets },
        { ip: clientIp(c, ctx.trustProxy), requestId: c.get("requestId") },
      );
      return c.json({ user }, 200, NO_STORE);
    },
  );
}

async function sessionJson(
  ctx: AppContext,
  session: NonNullable<Awaited<ReturnType<typeof findSession>>>,
  token: string,
) {
  const store = await findStore(ctx.db, session.storeId);
  return {
    user: { id: session.userId, email: session.email, role: session.role },
    store: {
      id: session.storeId,
      name: store?.name ?? session.storeId,
      timeZone: store?.timeZone ?? DEFAULT_TIME_ZONE,
    },
    scopes: session.scopes,
    csrfToken: csrfTokenFor(token),
    expiresAt: session.expiresAt,
  };
}

function registerUserRoutes(app: PlauditHono, ctx: AppContext): void {
  app.get(
    "/v1/admin/users",
    describeRoute({
      summary: "The store's admin app users (scope keys:manage)",
      responses: { 200: AdminUserList },
      examples: [{ summary: "the users", status: 200 }],
    }),
    requireScope("keys:manage"),
    async (c) => {
      return c.json({ items: await listUsers(ctx.db, c.get("store").id) }, 200, NO_STORE);
    },
  );

  app.post(
    "/v1/admin/users",
    describeRoute({
      summary: "Add a user with a role; answers their one-time set-password link (scope keys:manage)",
      body: NewUserInput,
      responses: { 201: { schema: CreatedUser, description: "Created" } },
      errors: [400, 409, 422],
      examples: [
        { summary: "a moderator", body: { email: "moderator@shop.example", role: "moderator" }, status: 201 },
        { summary: "an unknown role", body: { email: "x@shop.example", role: "boss" }, status: 422 },
      ],
    }),
    requireScope("keys:manage"),
    async (c) => {
      const input = parseOrFail(NewUserInput, await readJsonBody(c));
      const created = await createUser(
        ctx.db,
        {
          storeId: c.get("store").id,
          email: input.email,
          role: input.role,
          now: ctx.clock(),
          origin: publicOriginOf(c, ctx),
          secrets: ctx.secrets,
        },
        auditEvent(c, ctx, "admin.user.create", ""),
      );
      return c.json(created, 201, NO_STORE);
    },
  );

  app.post(
    "/v1/admin/users/:id/invite",
    describeRoute({
      summary: "A new one-time set-password link for a user (scope keys:manage)",
      params: USER_ID,
      responses: { 201: { schema: InviteLink, description: "Created" } },
      errors: [404],
      examples: [UNKNOWN_USER],
    }),
    requireScope("keys:manage"),
    async (c) => {
      const link = await reinvite(
        ctx.db,
        {
          storeId: c.get("store").id,
          userId: c.req.param("id"),
          now: ctx.clock(),
          origin: publicOriginOf(c, ctx),
          secrets: ctx.secrets,
        },
        auditEvent(c, ctx, "admin.user.invite", ""),
      );
      return c.json(link, 201, NO_STORE);
    },
  );

  app.delete(
    "/v1/admin/users/:id/sessions",
    describeRoute({
      summary: "Sign a user out everywhere (scope keys:manage)",
      params: USER_ID,
      responses: { 204: { description: "Signed out" } },
      errors: [404],
      examples: [UNKNOWN_USER],
    }),
    requireScope("keys:manage"),
    async (c) => {
      await auditedRowWrite(c, ctx, {
        action: "admin.user.sessions.end",
        load: userOfStore,
        notFound: NO_USER,
        write: (tx, user) => tx.deleteFrom("admin_sessions").where("user_id", "=", user.id).execute(),
      });
      return c.body(null, 204);
    },
  );

  app.patch(
    "/v1/admin/users/:id",
    describeRoute({
      summary: "Change a user's role (scope keys:manage); the store's last owner stays owner (409)",
      params: USER_ID,
      body: UserPatch,
      responses: { 200: AdminUser },
      errors: [400, 404, 409, 422],
      examples: [
        { ...UNKNOWN_USER, body: { role: "moderator" } },
        { summary: "an unknown role", params: { id: "no-such-user" }, body: { role: "boss" }, status: 422 },
      ],
    }),
    requireScope("keys:manage"),
    async (c) => {
      const input = parseOrFail(UserPatch, await readJsonBody(c));
      const user = await auditedRowWrite(c, ctx, {
        action: "admin.user.role",
        load: userOfStore,
        notFound: NO_USER,
        write: (tx, row) => setRole(tx, row, input.role, ctx.db.kind === "postgres"),
      });
      return c.json(user, 200, NO_STORE);
    },
  );

  app.delete(
    "/v1/admin/users/:id",
    describeRoute({
      summary: "Remove a user and end their sessions (scope keys:manage)",
      params: USER_ID,
      responses: { 204: { description: "Removed" } },
      errors: [404],
      examples: [UNKNOWN_USER],
    }),
    requireScope("keys:manage"),
    async (c) => {
      await auditedRowWrite(c, ctx, {
        action: "admin.user.delete",
        load: userOfStore,
        notFound: NO_USER,
        write: async (tx, user) => {
          await assertNotLastOwner(tx, user, ctx.db.kind === "postgres");
          await removeUser(tx, user.id);
        },
      });
      return c.body(null, 204);
    },
  );
}

/** The admin app's accounts: sign in and out, invite links, and the store's users. */
export const adminUserRoutes: RouteModule = {
  name: "admin-users",
  register(app, ctx) {
    registerSessionRoutes(app, ctx);
    registerUserRoutes(app, ctx);
  },
};
