import type { Kysely } from "kysely";

// Uploaded photos and videos (src/media/media-table.ts describes the columns).

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("media")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("store_id", "text", (c) => c.notNull().references("stores.id"))
    .addColumn("review_id", "text", (c) => c.references("reviews.id"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("source_type", "text", (c) => c.notNull())
    .addColumn("files", "text", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("duration_seconds", "double precision")
    .addColumn("placeholder", "text")
    .addColumn("bytes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("media_review").on("media").columns(["review_id", "position"]).execute();
  // The gallery pages by (created_at, id) within a store.
  await db.schema
    .createIndex("media_gallery")
    .on("media")
    .columns(["store_id", "status", "created_at", "id"])
    .execute();
  // The orphan sweep looks for old rows without a review.
  await db.schema.createIndex("media_orphans").on("media").columns(["created_at"]).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("media").execute();
}
