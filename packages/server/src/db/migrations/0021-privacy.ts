import { type Kysely, PostgresAdapter, sql } from "kysely";

// Privacy requests (src/privacy/):
// - `privacy_erasures`: keyed hashes (the suppression list's per-store key) of the customer ids
//   and addresses erased, so erasing the same person again answers 200 instead of 404, without
//   keeping who they were.
// - `pending_file_deletions`: media files of an erased person, written in the erasure's
//   transaction and removed once the file is gone (deleting files cannot be part of a database
//   transaction; this makes it durable and retried).
// - SQLite's review search index (FTS5, migration 0004) switched to secure-delete: a deleted or
//   changed review's text leaves the index at once instead of lingering in old segments.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("privacy_erasures")
    .addColumn("store_id", "text", (c) => c.notNull())
    .addColumn("subject_hash", "text", (c) => c.notNull())
    .addColumn("erased_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("privacy_erasures_pk", ["store_id", "subject_hash"])
    .execute();
  await db.schema
    .createTable("pending_file_deletions")
    .addColumn("storage_key", "text", (c) => c.primaryKey())
    .addColumn("store_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // Failed deletes so far, and why the last one failed.
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .execute();
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await sql`insert into reviews_search(reviews_search, rank) values('secure-delete', 1)`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await sql`insert into reviews_search(reviews_search, rank) values('secure-delete', 0)`.execute(db);
  }
  await db.schema.dropTable("pending_file_deletions").execute();
  await db.schema.dropTable("privacy_erasures").execute();
}
