import type { Kysely } from "kysely";

// The catalog's product facts, orders' fulfilment and shopper details, and review requests
// (src/review-requests/ describes the columns).

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ["url", "image_url", "brand", "gtin", "mpn", "sku", "group_id", "updated_at"]) {
    await db.schema.alterTable("products").addColumn(column, "text").execute();
  }
  for (const column of ["customer_name", "locale", "fulfilled_at"]) {
    await db.schema.alterTable("orders").addColumn(column, "text").execute();
  }

  await db.schema
    .createTable("review_request_settings")
    .addColumn("store_id", "text", (c) => c.primaryKey().references("stores.id"))
    .addColumn("settings", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("review_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("address_hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("scheduled_for", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("reminder_sent_at", "text")
    .addColumn("clicked_at", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("review_requests_order")
    .on("review_requests")
    .columns(["store_id", "order_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("review_requests_list")
    .on("review_requests")
    .columns(["store_id", "status", "created_at", "id"])
    .execute();
  await db.schema
    .createIndex("review_requests_address")
    .on("review_requests")
    .columns(["store_id", "address_hash"])
    .execute();

  // Reviews written through a request's page (one per product), and photos uploaded on it that
  // wait for their review.
  await db.schema
    .createTable("review_request_reviews")
    .addColumn("request_id", "text", (c) => c.notNull().references("review_requests.id"))
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("review_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("review_request_reviews_pk", ["request_id", "product_id"])
    .execute();
  await db.schema
    .createTable("review_request_media")
    .addColumn("request_id", "text", (c) => c.notNull().references("review_requests.id"))
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("media_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("review_request_media_pk", ["request_id", "product_id", "media_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "review_request_media",
    "review_request_reviews",
    "review_requests",
    "review_request_settings",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ["customer_name", "locale", "fulfilled_at"]) {
    await db.schema.alterTable("orders").dropColumn(column).execute();
  }
  for (const column of ["url", "image_url", "brand", "gtin", "mpn", "sku", "group_id", "updated_at"]) {
    await db.schema.alterTable("products").dropColumn(column).execute();
  }
}
