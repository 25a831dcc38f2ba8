import type { Kysely } from "kysely";

// The mail suppression list (src/suppression/): keyed hashes of addresses a store must never
// mail again (unsubscribed, erased, hard bounces). The key is per store and never leaves the
// database; the address itself is not kept.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("suppression_keys")
    .addColumn("store_id", "text", (c) => c.primaryKey().references("stores.id"))
    .addColumn("hash_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("suppressions")
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("address_hash", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("suppressions_pk", ["store_id", "address_hash"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("suppressions").execute();
  await db.schema.dropTable("suppression_keys").execute();
}
