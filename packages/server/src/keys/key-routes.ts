import {
  AdminKeyList,
  CodeWebhookSecret,
  CreatedAdminKey,
  CreatedSigningSecret,
  NewAdminKey,
} from "@plaudit/contract";
import type { Context } from "hono";
import { type AuditAction, appendAudit, auditEvent } from "../audit/audit-log.ts";
import { type Grant, grants, isGrant, SCOPES } from "../auth/scopes.ts";
import type { AppContext, AppEnv, RouteModule } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError, notFound, validationFailed } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { parseOrFail } from "../validation.ts";
import { addAdminKey, listAdminKeys, revokeAdminKey } from "./admin-keys.ts";
import { addSigningSecret, type SigningPurpose, signingSecretInfo } from "./signing-secrets.ts";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The store's admin keys (API.md, "Production, stores and keys") and its customer-token signing
 * secret. A key may only hand out scopes it holds itself, so a `keys:manage` key cannot mint a
 * `*` key.
 */
export const keyRoutes: RouteModule = {
  name: "admin-keys",
  register(app, ctx) {
    app.post(
      "/v1/admin/keys",
      describeRoute({
        summary: "Make an admin key with a name and scopes; the key itself is in this answer only",
        description: "A key can only grant scopes it holds itself (403 insufficient_scope otherwise).",
        body: NewAdminKey,
        responses: { 201: { schema: CreatedAdminKey, description: "Created" } },
        errors: [400, 403, 422],
        examples: [
          {
            summary: "a key that can only read reviews",
            body: { name: "reporting", scopes: ["reviews:read"] },
            status: 201,
          },
          {
            summary: "a scope that does not exist",
            body: { name: "x", scopes: ["reviews:all"] },
            status: 422,
          },
        ],
      }),
      requireScope("keys:manage"),
      async (c) => {
        const input = parseOrFail(NewAdminKey, await readJsonBody(c));
        const unknown = input.scopes.filter((s) => !isGrant(s));
        if (unknown.length > 0)
          throw validationFailed({
            scopes: `unknown scope ${unknown.join(", ")}: use * or ${SCOPES.join(", ")}`,
          });
        const scopes = input.scopes as Grant[];
        const held = c.get("actor").scopes;
        const beyond = scopes.filter((s) => (s === "*" ? !held.includes("*") : !grants(held, s)));
        if (beyond.length > 0)
          throw new ApiError(
            403,
            "insufficient_scope",
            `a key cannot grant what it does not hold: ${beyond.join(", ")}`,
          );
        const audit = auditEvent(c, ctx, "key.create", "");
        const { key, secret } = await transaction(ctx.db, async (tx) => {
          const made = await addAdminKey(tx, {
            storeId: audit.storeId,
            name: input.name,
            scopes,
            now: ctx.clock(),
          });
          await appendAudit(tx, { ...audit, target: made.key.id });
          return made;
        });
        return c.json(
          { id: key.id, name: key.name, scopes: key.scopes, key: secret, createdAt: key.createdAt },
          201,
          NO_STORE,
        );
      },
    );

    app.get(
      "/v1/admin/keys",
      describeRoute({
        summary: "The store's admin keys, revoked ones with revokedAt — never a secret",
        responses: { 200: AdminKeyList },
        examples: [{ summary: "every key", status: 200 }],
      }),
      requireScope("keys:manage"),
      async (c) => c.json({ items: await listAdminKeys(ctx.db.kysely, c.get("store").id) }, 200, NO_STORE),
    );

    app.delete(
      "/v1/admin/keys/:id",
      describeRoute({
        summary: "Revoke an admin key: refused from the next request on, by every server process",
        params: { id: { description: "The key's id" } },
        responses: { 204: { description: "Revoked" } },
        errors: [404],
        examples: [{ summary: "a key this store does not have", params: { id: "key_unknown" }, status: 404 }],
      }),
      requireScope("keys:manage"),
      async (c) => {
        const keyId = c.req.param("id");
        const audit = auditEvent(c, ctx, "key.revoke", keyId);
        const revoked = await transaction(ctx.db, async (tx) => {
          const done = await revokeAdminKey(tx, { storeId: audit.storeId, keyId, now: ctx.clock() });
          if (done) await appendAudit(tx, audit);
          return done;
        });
        if (!revoked) throw notFound("not_found", "this store has no active key with this id");
        return c.body(null, 204);
      },
    );

    // The merchant's code webhook checks X-Plaudit-Signature with this (docs/loyalty.md).
    app.get(
      "/v1/admin/loyalty/webhook-secret",
      describeRoute({
        summary:
          "Which secret Plaudit signs its code-webhook calls with (X-Plaudit-Signature): id, hint, createdAt — never the secret",
        description:
          "Its own secret: never an admin key or the customer-token secret. The secret itself is shown once, by the POST that makes it (rotate to get one to configure your endpoint with); this read tells which one is current, by its last characters. A read only: a store without one (404) gets one from the POST, never from this GET.",
        responses: { 200: CodeWebhookSecret },
        errors: [404],
        examples: [{ summary: "the store's current webhook secret, without the secret", status: 200 }],
      }),
      requireScope("webhooks:manage"),
      async (c) => {
        // A read only: a store without one is told how to make one, never given one by a GET.
        const info = await signingSecretInfo(ctx.db.kysely, ctx.secrets, {
          storeId: c.get("store").id,
          purpose: "code_webhook",
        });
        if (!info)
          throw notFound(
            "not_found",
            "this store has no code-webhook secret: POST /v1/admin/loyalty/webhook-secret makes one (shown once)",
          );
        return c.json(info, 200, NO_STORE);
      },
    );

    app.post(
      "/v1/admin/loyalty/webhook-secret",
      describeRoute({
        summary: "A new code-webhook secret: calls are signed with it from now on; the answer shows it once",
        description:
          "The one before signs nothing more (the signature header carries one signature). Let your webhook accept both for the switch, then drop the old one. Audited as webhook_secret.rotate.",
        bodyOptional: true,
        responses: { 201: { schema: CreatedSigningSecret, description: "Created" } },
        noExample:
          "rotating the fixture store's webhook secret would change what later examples verify with; keys/webhook-secret.test.ts sends it",
      }),
      requireScope("webhooks:manage"),
      rotateSecret(ctx, "code_webhook", "webhook_secret.rotate"),
    );

    app.post(
      "/v1/admin/signing-secrets",
      describeRoute({
        summary: "A new customer-token signing secret; the one before keeps verifying for one token lifetime",
        description:
          "Sign new customer tokens with the answer's secret. Tokens signed with the previous one stay valid for the store's token lifetime, then are refused (401).",
        bodyOptional: true,
        responses: { 201: { schema: CreatedSigningSecret, description: "Created" } },
        noExample:
          "rotating the fixture store's secret would change what later examples sign with; keys/signing-secrets.test.ts sends it",
      }),
      requireScope("keys:manage"),
      rotateSecret(ctx, "customer_token", "signing_secret.rotate"),
    );
  },
};

/** A handler making a new current secret of `purpose` (shown in its answer only), audited as `action`. */
function rotateSecret(ctx: AppContext, purpose: SigningPurpose, action: AuditAction) {
  return async (c: Context<AppEnv>) => {
    const audit = auditEvent(c, ctx, action, "");
    const made = await transaction(ctx.db, async (tx) => {
      const secret = await addSigningSecret(tx, ctx.secrets, {
        storeId: audit.storeId,
        purpose,
        now: ctx.clock(),
      });
      await appendAudit(tx, { ...audit, target: secret.id });
      return secret;
    });
    return c.json(made, 201, NO_STORE);
  };
}
