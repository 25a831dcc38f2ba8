import * as v from "valibot";
import { appendAudit, auditEvent } from "../audit/audit-log.ts";
import { grants, isGrant, SCOPES, type Scope } from "../auth/scopes.ts";
import type { RouteModule } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError, notFound } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { parseOrFail, text } from "../validation.ts";
import { addAdminKey, listAdminKeys, revokeAdminKey } from "./admin-keys.ts";
import { addSigningSecret } from "./signing-secrets.ts";

const NO_STORE = { "Cache-Control": "no-store" };

const NewKeyInput = v.object(
  {
    name: text(1, 100, "a name"),
    scopes: v.pipe(
      v.array(v.pipe(v.string(), v.check(isGrant, `must be * or one of ${SCOPES.join(", ")}`))),
      v.minLength(1, "must name at least one scope"),
      v.maxLength(SCOPES.length + 1, "has more entries than there are scopes"),
    ),
  },
  "must be a JSON object",
);

/**
 * The store's admin keys (API.md, "Production, stores and keys") and its customer-token signing
 * secret. A key may only hand out scopes it holds itself, so a `keys:manage` key cannot mint a
 * `*` key.
 */
export const keyRoutes: RouteModule = {
  name: "admin-keys",
  register(app, ctx) {
    app.post("/v1/admin/keys", requireScope("keys:manage"), async (c) => {
      const input = parseOrFail(NewKeyInput, await readJsonBody(c));
      const held = c.get("actor").scopes;
      const scopes = input.scopes.filter(isGrant);
      const beyond = scopes.filter((s) => (s === "*" ? !held.includes("*") : !grants(held, s as Scope)));
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
    });

    app.get("/v1/admin/keys", requireScope("keys:manage"), async (c) => {
      return c.json({ items: await listAdminKeys(ctx.db.kysely, c.get("store").id) }, 200, NO_STORE);
    });

    app.delete("/v1/admin/keys/:id", requireScope("keys:manage"), async (c) => {
      const keyId = c.req.param("id");
      const audit = auditEvent(c, ctx, "key.revoke", keyId);
      const revoked = await transaction(ctx.db, async (tx) => {
        const done = await revokeAdminKey(tx, { storeId: audit.storeId, keyId, now: ctx.clock() });
        if (done) await appendAudit(tx, audit);
        return done;
      });
      if (!revoked) throw notFound("not_found", "this store has no active key with this id");
      return c.body(null, 204);
    });

    // A new customer-token signing secret; the one before keeps verifying for one token lifetime.
    app.post("/v1/admin/signing-secrets", requireScope("keys:manage"), async (c) => {
      const audit = auditEvent(c, ctx, "signing_secret.rotate", "");
      const made = await transaction(ctx.db, async (tx) => {
        const secret = await addSigningSecret(tx, ctx.secrets, {
          storeId: audit.storeId,
          purpose: "customer_token",
          now: ctx.clock(),
        });
        await appendAudit(tx, { ...audit, target: secret.id });
        return secret;
      });
      return c.json(made, 201, NO_STORE);
    });
  },
};
