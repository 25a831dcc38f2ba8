import type { Kysely } from "kysely";

// Trust and safety (issue 19): points that wait out the return window, why a review was held,
// who sent a review (a keyed hash of the address, for burst rules), and the store's upload rules.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  // Points earned but not yet spendable: one row per award, keyed like the ledger row it becomes.
  await db.schema
    .createTable("loyalty_pending")
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("available_at", "text", (c) => c.notNull())
    // pending → released (posted to the ledger) or canceled (refunded inside the window).
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("settled_at", "text")
    .addPrimaryKeyConstraint("loyalty_pending_pk", ["store_id", "customer_id", "action", "reference"])
    .execute();
  await db.schema
    .createIndex("loyalty_pending_due")
    .on("loyalty_pending")
    .columns(["status", "available_at"])
    .execute();

  await db.schema.alterTable("reviews").addColumn("hold_reason", "text").execute();
  await db.schema.alterTable("reviews").addColumn("sender_key", "text").execute();
  await db.schema
    .createIndex("reviews_sender")
    .on("reviews")
    .columns(["store_id", "sender_key", "created_at"])
    .execute();
  // "The same body across products": reviews of one customer or address are compared by this hash.
  await db.schema.alterTable("reviews").addColumn("body_hash", "text").execute();
  await db.schema.createIndex("reviews_body_hash").on("reviews").columns(["store_id", "body_hash"]).execute();

  await db.schema.alterTable("stores").addColumn("media_quota_bytes", "bigint").execute();
  await db.schema
    .alterTable("stores")
    .addColumn("hold_unverified_media", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("reviews_body_hash").execute();
  await db.schema.dropIndex("reviews_sender").execute();
  for (const column of ["hold_reason", "sender_key", "body_hash"])
    await db.schema.alterTable("reviews").dropColumn(column).execute();
  for (const column of ["media_quota_bytes", "hold_unverified_media"])
    await db.schema.alterTable("stores").dropColumn(column).execute();
  await db.schema.dropTable("loyalty_pending").execute();
}
