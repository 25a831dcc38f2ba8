// The admin app's routes in /v1/openapi.json (spread into openapi.ts's paths). Every admin route
// takes either the store's key (bearerSecret) or the admin app's session cookie (adminSession,
// with X-CSRF-Token on writes).

type Json = Record<string, unknown>;

const error = (description: string): Json => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});
const ok = (schema: Json, description = "OK"): Json => ({
  description,
  content: { "application/json": { schema } },
});
const body = (schema: Json): Json => ({ required: true, content: { "application/json": { schema } } });
const obj = (properties: Record<string, Json>, required: string[] = Object.keys(properties)): Json => ({
  type: "object",
  required,
  properties,
});
const str: Json = { type: "string" };
const role: Json = { enum: ["owner", "moderator", "support"] };
export const adminSecurity = [{ bearerSecret: [] }, { adminSession: [] }];
const signedIn = [{ adminSession: [] }];
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", maxLength: 200 } };

const adminUser = obj({
  id: str,
  storeId: str,
  email: str,
  role,
  active: { type: "boolean", description: "false until the invite link was followed" },
  createdAt: str,
});
const session = obj({
  user: obj({ id: str, email: str, role }),
  store: obj({ id: str, name: str }),
  scopes: { type: "array", items: str },
  csrfToken: { type: "string", description: "send as X-CSRF-Token on every write" },
  expiresAt: str,
});
const invite = obj({ inviteUrl: str, expiresAt: str });

export const adminUserPaths: Record<string, Json> = {
  "/v1/admin/session": {
    post: {
      summary: "Sign in to the admin app: sets the HttpOnly session cookie (a new one every time)",
      requestBody: body(obj({ store: str, email: str, password: str })),
      responses: {
        "200": ok(session),
        "401": error("invalid_credentials"),
        "422": error("validation_failed"),
        "423": error("locked: too many failed sign-ins (see Retry-After)"),
      },
    },
    get: {
      summary: "The signed-in user, their store, scopes and CSRF token",
      security: signedIn,
      responses: {
        "200": ok(session),
        "401": error("unauthorized"),
        "404": error("not_found (a key, not a session)"),
      },
    },
    delete: {
      summary: "Sign out this browser",
      security: signedIn,
      responses: { "204": { description: "Signed out" }, "401": error("unauthorized") },
    },
  },
  "/v1/admin/sessions": {
    delete: {
      summary: "Sign out everywhere: every session of the signed-in user",
      security: signedIn,
      responses: { "204": { description: "Signed out everywhere" }, "401": error("unauthorized") },
    },
  },
  "/v1/admin/password": {
    post: {
      summary: "Set a password with a one-time invite link's token",
      requestBody: body(obj({ token: str, password: { type: "string", minLength: 10, maxLength: 200 } })),
      responses: {
        "200": ok(obj({ user: adminUser })),
        "410": error("invite_invalid: wrong, used or expired link"),
        "422": error("validation_failed"),
      },
    },
  },
  "/v1/admin/users": {
    get: {
      summary: "The store's admin app users (scope keys:manage)",
      security: adminSecurity,
      responses: {
        "200": ok(obj({ items: { type: "array", items: adminUser } })),
        "403": error("insufficient_scope"),
      },
    },
    post: {
      summary: "Add a user with a role; answers their one-time set-password link (scope keys:manage)",
      security: adminSecurity,
      requestBody: body(obj({ email: str, role })),
      responses: {
        "201": ok(obj({ user: adminUser, inviteUrl: str, expiresAt: str }), "Created"),
        "403": error("insufficient_scope"),
        "409": error("conflict: the address has an account"),
        "422": error("validation_failed"),
      },
    },
  },
  "/v1/admin/users/{id}": {
    delete: {
      summary: "Remove a user and end their sessions (scope keys:manage)",
      security: adminSecurity,
      parameters: [idParam],
      responses: { "204": { description: "Removed" }, "404": error("not_found") },
    },
  },
  "/v1/admin/users/{id}/invite": {
    post: {
      summary: "A new one-time set-password link for a user (scope keys:manage)",
      security: adminSecurity,
      parameters: [idParam],
      responses: { "201": ok(invite, "Created"), "404": error("not_found") },
    },
  },
  "/v1/admin/users/{id}/sessions": {
    delete: {
      summary: "Sign a user out everywhere (scope keys:manage)",
      security: adminSecurity,
      parameters: [idParam],
      responses: { "204": { description: "Signed out" }, "404": error("not_found") },
    },
  },
};

export const adminSessionScheme = {
  type: "apiKey",
  in: "cookie",
  name: "plaudit_admin",
  description: "The admin app's session (POST /v1/admin/session); writes also need X-CSRF-Token",
};
