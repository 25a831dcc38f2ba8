import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { type Grant, isGrant } from "../auth/scopes.ts";
import type { Schema } from "../db/schema.ts";
import { assertStrongSecret } from "./secret-strength.ts";
import { secretHint } from "./signing-secrets.ts";

// Admin keys (API.md, "Production, stores and keys"): `sk_` + 32 random bytes (base64url), shown
// once, stored only as a sha256 hash, named, scoped, revocable. A request's key is looked up by
// its hash in the database on every request — no cache — so a revoked key is refused at once by
// every process sharing the database.

export const ADMIN_KEY_PREFIX = "sk_";

export interface AdminKey {
  id: string;
  name: string;
  scopes: Grant[];
  /** "sk_AbCd…wXyZ": recognisable, not usable. */
  hint: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Who a valid key speaks for. */
export interface KeyHolder {
  keyId: string;
  storeId: string;
  scopes: Grant[];
}

export function newAdminKey(): string {
  return `${ADMIN_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashAdminKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

function parseScopes(json: string): Grant[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((s): s is Grant => typeof s === "string" && isGrant(s)) : [];
  } catch {
    return [];
  }
}

type Row = Schema["admin_keys"];
const toAdminKey = (row: Row): AdminKey => ({
  id: row.id,
  name: row.name,
  scopes: parseScopes(row.scopes),
  hint: row.hint,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/**
 * Adds a key to a store and returns it with its secret (the only time the secret is seen). `key`
 * lets the demo store's PLAUDIT_DEMO_SECRET be one; it must be at least 32 characters.
 */
export async function addAdminKey(
  db: Kysely<Schema>,
  args: { storeId: string; name: string; scopes: readonly Grant[]; key?: string; now: Date },
): Promise<{ key: AdminKey; secret: string }> {
  const secret = args.key ?? newAdminKey();
  assertStrongSecret("an admin key", secret);
  const row: Row = {
    id: `key_${randomBytes(9).toString("base64url")}`,
    store_id: args.storeId,
    name: args.name,
    scopes: JSON.stringify([...new Set(args.scopes)]),
    key_hash: hashAdminKey(secret),
    hint: secretHint(secret),
    created_at: args.now.toISOString(),
    revoked_at: null,
  };
  await db.insertInto("admin_keys").values(row).execute();
  return { key: toAdminKey(row), secret };
}

/** The holder of a presented key, or undefined when it is unknown or revoked. */
export async function authenticateAdminKey(
  db: Kysely<Schema>,
  presented: string,
): Promise<KeyHolder | undefined> {
  const hash = hashAdminKey(presented);
  const row = await db
    .selectFrom("admin_keys")
    .select(["id", "store_id", "scopes", "key_hash"])
    .where("key_hash", "=", hash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  // Found by hash (an index lookup learns nothing about the key); the last word is a
  // constant-time comparison all the same.
  if (!row || !timingSafeEqual(Buffer.from(row.key_hash, "hex"), Buffer.from(hash, "hex"))) return undefined;
  return { keyId: row.id, storeId: row.store_id, scopes: parseScopes(row.scopes) };
}

/** Every key of a store, newest first, revoked ones included (with revokedAt); never a secret. */
export async function listAdminKeys(db: Kysely<Schema>, storeId: string): Promise<AdminKey[]> {
  const rows = await db
    .selectFrom("admin_keys")
    .selectAll()
    .where("store_id", "=", storeId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(toAdminKey);
}

/** Revokes a store's key; false when the store has no such key (or it was revoked already). */
export async function revokeAdminKey(
  db: Kysely<Schema>,
  args: { storeId: string; keyId: string; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("admin_keys")
    .set({ revoked_at: args.now.toISOString() })
    .where("store_id", "=", args.storeId)
    .where("id", "=", args.keyId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
