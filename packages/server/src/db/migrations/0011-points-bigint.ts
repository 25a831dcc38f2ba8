import { type Kysely, PostgresAdapter, sql } from "kysely";

// Points columns that cannot overflow on PostgreSQL: `integer` there is 32 bits (±2.1 billion),
// which a busy store's lifetime points — or one absurd adjustment — could pass. They become
// `bigint`; db/database.ts reads bigints back as JavaScript numbers, refusing any beyond 2^53.
// SQLite's integers are 64 bits already.

const POINTS_COLUMNS: [table: string, column: string][] = [
  ["loyalty_balances", "balance"],
  ["loyalty_balances", "lifetime_earned"],
  ["loyalty_ledger", "delta"],
  ["loyalty_redemptions", "points_spent"],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const [table, column] of POINTS_COLUMNS) {
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type bigint`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const [table, column] of POINTS_COLUMNS) {
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type integer`.execute(db);
  }
}
