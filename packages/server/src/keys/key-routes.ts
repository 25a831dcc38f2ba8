import * as v from "valibot";
import { grants, isGrant, SCOPES, type Scope } from "../auth/scopes.ts";
import type { RouteModule } from "../context.ts";
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
      const { key, secret } = await addAdminKey(ctx.db.kysely, {
        storeId: c.get("store").id,
        name: input.name,
        scopes,
        now: ctx.clock(),
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
      const revoked = await revokeAdminKey(ctx.db.kysely, {
        storeId: c.get("store").id,
        keyId: c.req.param("id"),
        now: ctx.clock(),
      });
      if (!revoked) throw notFound("not_found", "this store has no active key with this id");
      return c.body(null, 204);
    });

    // A new customer-token signing secret; the one before keeps verifying for one token lifetime.
    app.post("/v1/admin/signing-secrets", requireScope("keys:manage"), async (c) => {
      const made = await addSigningSecret(ctx.db.kysely, ctx.secrets, {
        storeId: c.get("store").id,
        purpose: "customer_token",
        now: ctx.clock(),
      });
      return c.json(made, 201, NO_STORE);
    });
  },
};
