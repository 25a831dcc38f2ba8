import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";

// One secret per purpose (issue 13). Admin keys are kept only as sha256 hashes, named, scoped and
// revocable; customer-token and code-webhook signing secrets are kept readable (an HMAC needs the
// secret itself), encrypted at rest when PLAUDIT_SECRETS_KEY is set (keys/secret-box.ts).
//
// A store made before this had one secret for everything. It keeps working: that secret becomes a
// full-scope admin key (its hash was already stored: the same sha256) and both signing secrets, so
// admin calls, the tokens the shop's server signs and its webhook receiver all go on as before.
// The stores table's copies are then emptied (SQLite cannot drop a UNIQUE column in place).

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("admin_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("name", "text", (c) => c.notNull())
    // JSON array of scopes (auth/scopes.ts), or ["*"].
    .addColumn("scopes", "text", (c) => c.notNull())
    // hex sha256 of the whole key: a request's key is found by its hash, never stored itself.
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    // "sk_AbCd…wXyZ": enough to recognise a key in a list or a leak report, not to use it.
    .addColumn("hint", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema
    .createIndex("admin_keys_store")
    .on("admin_keys")
    .columns(["store_id", "created_at"])
    .execute();

  await db.schema
    .createTable("signing_secrets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    // customer_token | code_webhook | links
    .addColumn("purpose", "text", (c) => c.notNull())
    // The secret, sealed ("v1:…", AES-256-GCM) or as given ("plain:…") when no secrets key is set.
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // Set when a newer secret replaced it; customer tokens signed before stay valid one lifetime.
    .addColumn("retired_at", "text")
    .execute();
  await db.schema
    .createIndex("signing_secrets_store")
    .on("signing_secrets")
    .columns(["store_id", "purpose", "created_at"])
    .execute();

  const stores = await db
    .selectFrom("stores")
    .select(["id", "secret_key", "secret_hash", "created_at"])
    .execute();
  const now = new Date().toISOString();
  for (const store of stores as { id: string; secret_key: string; secret_hash: string }[]) {
    if (!store.secret_key) continue;
    const key = store.secret_key;
    await db
      .insertInto("admin_keys")
      .values({
        id: `key_${randomBytes(9).toString("base64url")}`,
        store_id: store.id,
        name: "store secret (before named keys)",
        scopes: '["*"]',
        key_hash: store.secret_hash,
        hint: key.length >= 16 ? `${key.slice(0, 7)}…${key.slice(-4)}` : "…",
        created_at: now,
      })
      .execute();
    for (const purpose of ["customer_token", "code_webhook"]) {
      await db
        .insertInto("signing_secrets")
        .values({
          id: `ss_${randomBytes(9).toString("base64url")}`,
          store_id: store.id,
          purpose,
          secret: `plain:${key}`,
          created_at: now,
        })
        .execute();
    }
    await db
      .updateTable("stores")
      .set({ secret_key: "", secret_hash: `moved:${store.id}` })
      .where("id", "=", store.id)
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("signing_secrets").execute();
  await db.schema.dropTable("admin_keys").execute();
}
