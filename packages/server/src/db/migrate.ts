import { type MigrationResultSet, Migrator } from "kysely";
import type { Database } from "./database.ts";
import { migrations } from "./migrations/index.ts";

/** Brings the database to the latest migration; throws with the failing migration's error. */
export async function migrate(db: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
