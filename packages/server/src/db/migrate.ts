import { type MigrationResultSet, Migrator, sql } from "kysely";
import type { Database } from "./database.ts";
import { migrations } from "./migrations/index.ts";

/** Brings the database to the latest migration; throws with the failing migration's error. */
export async function migrate(db: Database): Promise<MigrationResultSet> {
  // On PostgreSQL, Kysely looks for its bookkeeping tables in every schema unless told which one:
  // a second Plaudit schema in the same database (tests, staging) would then hide ours.
  let migrationTableSchema: string | undefined;
  if (db.kind === "postgres") {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely);
    migrationTableSchema = rows[0]?.schema;
  }
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
    // Each area numbers its migrations in its own range (docs/server.md): a database that ran a
    // later range first still takes an earlier one that arrives afterwards.
    allowUnorderedMigrations: true,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
