import type { Kysely } from "kysely";

// The store's time zone (an IANA name): the days the merchant admin's overview and audit log count
// by. null: UTC, as before this migration.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("stores").addColumn("time_zone", "text").execute();
}
