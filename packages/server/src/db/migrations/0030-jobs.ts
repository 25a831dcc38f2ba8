import type { Kysely } from "kysely";

// Durable jobs (src/jobs/): scheduled work as rows, claimed by one worker at a time under a lease.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    // A key names one job for good (a request's first message): enqueueing it again adds nothing.
    .addColumn("unique_key", "text", (c) => c.unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("locked_by", "text")
    .addColumn("lease_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  // The claim walks due jobs in run_at order; expired leases are found by lease_until.
  await db.schema.createIndex("jobs_due").on("jobs").columns(["status", "run_at"]).execute();
  await db.schema.createIndex("jobs_lease").on("jobs").columns(["status", "lease_until"]).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("jobs").execute();
}
