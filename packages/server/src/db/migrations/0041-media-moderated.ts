import type { Kysely } from "kysely";

// The admin app's media queue (issue 18): a photo or video waits for a moderator until one of
// them approves (keeps) or rejects it; `moderated_at` is when that happened, null while it waits.
// Media already attached to a review when this runs were already public or already judged with
// their review: they count as moderated, so the queue starts with what arrives from now on.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("media").addColumn("moderated_at", "text").execute();
  await db
    .updateTable("media")
    .set((eb) => ({ moderated_at: eb.ref("created_at") }))
    .where("review_id", "is not", null)
    .execute();
  // The queue: a store's attached media still waiting, oldest first.
  await db.schema
    .createIndex("media_queue")
    .on("media")
    .columns(["store_id", "moderated_at", "created_at", "id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("media_queue").execute();
  await db.schema.alterTable("media").dropColumn("moderated_at").execute();
}
