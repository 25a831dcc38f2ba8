import type { Kysely } from "kysely";

// The hosted review form sent twice at once (a double press, a browser's retry, two tabs) stored
// its photo twice for the same product, and the review took both. Each upload waiting on a
// request's page now carries the SHA-256 of its bytes, unique per request and product: the same
// file for the same product is kept once, however many requests bring it at the same instant.
// Rows from before have none (NULLs never conflict).

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("review_request_media").addColumn("content_hash", "text").execute();
  await db.schema
    .createIndex("review_request_media_once")
    .on("review_request_media")
    .columns(["request_id", "product_id", "content_hash"])
    .unique()
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("review_request_media_once").execute();
  await db.schema.alterTable("review_request_media").dropColumn("content_hash").execute();
}
