import type { Kysely } from "kysely";

// Stores, products, reviews, votes, rating summaries and orders (the verified-buyer rule).
// Types are chosen to mean the same on SQLite and PostgreSQL: text, integer, double precision.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("stores")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("secret_key", "text", (c) => c.notNull())
    // sha256 of the secret: admin requests find their store by it (the key itself names no store).
    .addColumn("secret_hash", "text", (c) => c.notNull().unique())
    .addColumn("allowed_origins", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("rate_limits", "text")
    .addColumn("token_lifetime_seconds", "integer", (c) => c.notNull().defaultTo(3600))
    .addColumn("moderation", "text", (c) => c.notNull().defaultTo("publish"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("products")
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addPrimaryKeyConstraint("products_pk", ["store_id", "product_id"])
    .execute();

  await db.schema
    .createTable("reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("rating", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("author_email", "text", (c) => c.notNull())
    .addColumn("customer_id", "text")
    .addColumn("verified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("helpful_up", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("helpful_down", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("helpful_score", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reply_body", "text")
    .addColumn("reply_at", "text")
    .addColumn("media_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_media", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // One index per list sort: the keyset pages walk these without sorting.
  const listIndexes: [string, string[]][] = [
    ["reviews_newest", ["created_at", "id"]],
    ["reviews_rating", ["rating", "created_at", "id"]],
    ["reviews_helpful", ["helpful_score", "created_at", "id"]],
    ["reviews_media", ["has_media", "created_at", "id"]],
  ];
  for (const [name, columns] of listIndexes) {
    await db.schema
      .createIndex(name)
      .on("reviews")
      .columns(["store_id", "product_id", "status", ...columns])
      .execute();
  }
  await db.schema
    .createIndex("reviews_admin")
    .on("reviews")
    .columns(["store_id", "status", "created_at", "id"])
    .execute();

  await db.schema
    .createTable("review_votes")
    .addColumn("review_id", "text", (c) => c.notNull().references("reviews.id"))
    .addColumn("voter", "text", (c) => c.notNull())
    .addColumn("value", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("review_votes_pk", ["review_id", "voter"])
    .execute();

  await db.schema
    .createTable("rating_summaries")
    .addColumn("store_id", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rating_sum", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("h1", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("h2", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("h3", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("h4", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("h5", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("media_count", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("rating_summaries_pk", ["store_id", "product_id"])
    .execute();

  await db.schema
    .createTable("orders")
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("total", "double precision", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("referral_code", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("orders_pk", ["store_id", "order_id"])
    .execute();
  await db.schema.createIndex("orders_customer").on("orders").columns(["store_id", "customer_id"]).execute();

  await db.schema
    .createTable("order_items")
    .addColumn("store_id", "text", (c) => c.notNull())
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("price", "double precision", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("order_items_order")
    .on("order_items")
    .columns(["store_id", "order_id", "product_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "order_items",
    "orders",
    "rating_summaries",
    "review_votes",
    "reviews",
    "products",
    "stores",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
