import type { Kysely } from "kysely";

// A reminder takes its place under the per-address cap before it is sent, as a first message does
// (review-requests/send.ts): `reminder_claimed_at` marks a reminder in flight. And the request
// photo bonus finds a review's request by the review (one request review per review).

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("review_requests").addColumn("reminder_claimed_at", "text").execute();
  await db.schema
    .createIndex("review_request_reviews_review")
    .on("review_request_reviews")
    .column("review_id")
    .unique()
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("review_request_reviews_review").execute();
  await db.schema.alterTable("review_requests").dropColumn("reminder_claimed_at").execute();
}
