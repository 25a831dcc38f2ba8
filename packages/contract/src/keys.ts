import * as v from "valibot";
import { text, timestamp } from "./fields.ts";

// Admin keys and signing secrets (API.md, "Production, stores and keys"). The scope names are
// the server's (auth/scopes.ts); it refuses unknown ones with 422 validation_failed.

export const NewAdminKey = v.object(
  {
    name: text(1, 100, "a name"),
    scopes: v.pipe(
      v.array(v.string("must be a scope"), "must be a list of scopes"),
      v.minLength(1, "must name at least one scope"),
      v.maxLength(20, "must name at most 20 scopes"),
      v.description('scopes such as "reviews:read", "orders:write", or "*" for all'),
    ),
  },
  "must be a JSON object",
);

export const AdminKeyInfo = v.object({
  id: v.string(),
  name: v.string(),
  scopes: v.array(v.string()),
  /** "sk_AbCd…wXyZ": enough to recognise a key, not to use it. */
  hint: v.string(),
  createdAt: timestamp,
  revokedAt: v.nullable(timestamp),
});
export type AdminKeyInfo = v.InferOutput<typeof AdminKeyInfo>;

export const AdminKeyList = v.object({ items: v.array(AdminKeyInfo) });

/** A new key: the only answer that carries the key itself. */
export const CreatedAdminKey = v.object({
  id: v.string(),
  name: v.string(),
  scopes: v.array(v.string()),
  key: v.pipe(v.string(), v.description("sk_… — shown only in this answer")),
  createdAt: timestamp,
});

/**
 * The secret Plaudit signs its calls to the store's code webhook with (X-Plaudit-Signature), as
 * a read shows it: which one is current, never the secret itself (only the rotation that makes
 * one shows it, as with admin keys and customer-token secrets).
 */
export const CodeWebhookSecret = v.object({
  id: v.string(),
  hint: v.pipe(
    v.string(),
    v.description(
      '"whsec_A…wXyZ" ("…" alone for an old secret under 32 characters): enough to recognise the secret by, not to use it',
    ),
  ),
  createdAt: timestamp,
});

export const CreatedSigningSecret = v.object({
  id: v.string(),
  secret: v.pipe(v.string(), v.description("shown only in this answer")),
  createdAt: timestamp,
});
