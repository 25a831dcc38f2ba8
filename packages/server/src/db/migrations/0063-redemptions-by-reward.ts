import type { Kysely } from "kysely";

// A program save looks up the latest redemption of a reward id it brings back (loyalty/reward-ids.ts:
// a removed reward's id is never given to a different reward): one index lookup per id.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("loyalty_redemptions_by_reward")
    .on("loyalty_redemptions")
    .columns(["store_id", "reward_id", "created_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("loyalty_redemptions_by_reward").execute();
}
