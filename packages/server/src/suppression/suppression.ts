import { createHmac, randomBytes } from "node:crypto";
import type { SuppressionReason } from "@plaudit/contract";
import type { Kysely } from "kysely";
import type { Schema } from "../db/schema.ts";

// The mail suppression list, shared by review requests (unsubscribe), erasure (an erased person is
// never mailed again) and any later mail. It holds keyed hashes, not addresses: after an erasure
// the address is gone, yet mail to it is still refused. Each store has its own random key, so a
// hash says nothing across stores and cannot be looked up in a precomputed table.

type Queryable = Kysely<Schema>;

export type { SuppressionReason };

/** Addresses compare without case or surrounding space (what mailbox providers do in practice). */
export function normalizeAddress(email: string): string {
  return email.trim().toLowerCase();
}

async function storeHashKey(db: Queryable, storeId: string, at: string): Promise<Buffer> {
  const existing = await db
    .selectFrom("suppression_keys")
    .select("hash_key")
    .where("store_id", "=", storeId)
    .executeTakeFirst();
  if (existing) return Buffer.from(existing.hash_key, "base64url");
  // Two first uses at once: one insert wins, both read the winner's key.
  await db
    .insertInto("suppression_keys")
    .values({ store_id: storeId, hash_key: randomBytes(32).toString("base64url"), created_at: at })
    .onConflict((oc) => oc.column("store_id").doNothing())
    .execute();
  const made = await db
    .selectFrom("suppression_keys")
    .select("hash_key")
    .where("store_id", "=", storeId)
    .executeTakeFirstOrThrow();
  return Buffer.from(made.hash_key, "base64url");
}

/** The store's keyed hash of an address (hex HMAC-SHA256 of the normalized address). */
export async function addressHash(
  db: Queryable,
  storeId: string,
  email: string,
  at = new Date().toISOString(),
): Promise<string> {
  const key = await storeHashKey(db, storeId, at);
  return createHmac("sha256", key).update(normalizeAddress(email)).digest("hex");
}

/**
 * The audit log's target for an address: its keyed hash, a pseudonym (never the address). Every
 * row about an address names it so (suppressions, privacy requests of a person without a
 * customer id), and erasure rewrites them all to the erasure's pseudonym.
 */
export const addressAuditTarget = (hash: string): string => `address-${hash}`;

/**
 * Puts a hash on the store's list (again is fine: the first reason stays); whether this call put
 * it there (of two at once, one does: the other waits on the key and inserts nothing).
 */
export async function suppressHash(
  db: Queryable,
  args: { storeId: string; addressHash: string; reason: SuppressionReason; at: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto("suppressions")
    .values({
      store_id: args.storeId,
      address_hash: args.addressHash,
      reason: args.reason,
      created_at: args.at,
    })
    .onConflict((oc) => oc.columns(["store_id", "address_hash"]).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function isHashSuppressed(db: Queryable, storeId: string, hash: string): Promise<boolean> {
  const row = await db
    .selectFrom("suppressions")
    .select("address_hash")
    .where("store_id", "=", storeId)
    .where("address_hash", "=", hash)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the store must not mail this address. */
export async function isSuppressed(db: Queryable, storeId: string, email: string): Promise<boolean> {
  return isHashSuppressed(db, storeId, await addressHash(db, storeId, email));
}

/** The hash's entry on the store's list (why and since when), or undefined. */
export async function suppressionOf(
  db: Queryable,
  storeId: string,
  hash: string,
): Promise<{ reason: SuppressionReason; since: string } | undefined> {
  const row = await db
    .selectFrom("suppressions")
    .select(["reason", "created_at"])
    .where("store_id", "=", storeId)
    .where("address_hash", "=", hash)
    .executeTakeFirst();
  return row && { reason: row.reason as SuppressionReason, since: row.created_at };
}

/** Whether the hash is an erased person's (privacy_erasures keeps the same keyed hashes). */
export async function isHashErased(db: Queryable, storeId: string, hash: string): Promise<boolean> {
  const row = await db
    .selectFrom("privacy_erasures")
    .select("subject_hash")
    .where("store_id", "=", storeId)
    .where("subject_hash", "=", hash)
    .executeTakeFirst();
  return row !== undefined;
}

/** Takes a hash off the store's list; whether it was on it. The caller refuses an erased person's. */
export async function liftHash(db: Queryable, storeId: string, hash: string): Promise<boolean> {
  const removed = await db
    .deleteFrom("suppressions")
    .where("store_id", "=", storeId)
    .where("address_hash", "=", hash)
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}
