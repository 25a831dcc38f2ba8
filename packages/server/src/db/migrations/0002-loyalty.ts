import { type Kysely, sql } from "kysely";

// Loyalty: the program document, an append-only points ledger, the balance per customer that moves
// only with its ledger rows, redemptions with their codes, and stored idempotent responses.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("loyalty_programs")
    .addColumn("store_id", "text", (c) => c.primaryKey().references("stores.id"))
    .addColumn("program", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("loyalty_balances")
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("balance", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("lifetime_earned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_activity_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // Set when the customer first opens the program (GET /me or join); orders alone don't join.
    .addColumn("joined_at", "text")
    .addColumn("referral_code", "text", (c) => c.notNull())
    .addColumn("birthday", "text")
    .addPrimaryKeyConstraint("loyalty_balances_pk", ["store_id", "customer_id"])
    .addUniqueConstraint("loyalty_balances_referral_code", ["store_id", "referral_code"])
    // Belt and braces: the spending guard keeps balances ≥ 0; the database refuses otherwise too.
    .addCheckConstraint("loyalty_balances_not_negative", sql`balance >= 0`)
    .execute();

  await db.schema
    .createTable("loyalty_ledger")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("delta", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    // What the row is about: an order id, a product id, a redemption id, an idempotency key…
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // The unique key makes every award idempotent: the same order, review or year earns once.
    .addUniqueConstraint("loyalty_ledger_once", ["store_id", "customer_id", "action", "reference"])
    .execute();
  await db.schema
    .createIndex("loyalty_ledger_history")
    .on("loyalty_ledger")
    .columns(["store_id", "customer_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("loyalty_ledger_reference")
    .on("loyalty_ledger")
    .columns(["store_id", "action", "reference"])
    .execute();

  await db.schema
    .createTable("loyalty_redemptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("reward_id", "text", (c) => c.notNull())
    // The reward as it was when redeemed: the program may change later.
    .addColumn("reward", "text", (c) => c.notNull())
    .addColumn("points_spent", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("code", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("issued_at", "text")
    // The request's key, so recovering a redemption stuck between its phases can free it.
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addUniqueConstraint("loyalty_redemptions_code", ["store_id", "code"])
    .execute();
  await db.schema
    .createIndex("loyalty_redemptions_status")
    .on("loyalty_redemptions")
    .columns(["status", "created_at"])
    .execute();

  await db.schema
    .createTable("idempotency_keys")
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    // Null while the first request is still working; then its status and exact body.
    .addColumn("response_status", "integer")
    .addColumn("response_body", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("idempotency_keys_pk", ["store_id", "scope", "key"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "idempotency_keys",
    "loyalty_redemptions",
    "loyalty_ledger",
    "loyalty_balances",
    "loyalty_programs",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
