// Upgrades tested from an older schema: a fresh database brought only up to an earlier migration,
// rows written as that schema held them, then `migrate()` as a server upgrade runs it.
import { Migrator } from "kysely";
import type { Database } from "../src/db/database.ts";
import { migrations } from "../src/db/migrations/index.ts";
import { type DatabaseUnderTest, openTestDatabase } from "./test-server.ts";

/**
 * A fresh database (as openTestDatabase) migrated up to and including `migration` only; throws
 * with the migration's error if one fails. Its bookkeeping tables are in its own schema on
 * PostgreSQL, so a later `migrate()` finds them.
 */
export async function openDatabaseAt(
  kind: DatabaseUnderTest,
  migration: string,
): ReturnType<typeof openTestDatabase> {
  const opened = await openTestDatabase(kind, { migrated: false });
  try {
    const result = await new Migrator({
      db: opened.db.kysely,
      provider: { getMigrations: async () => migrations },
      ...(opened.schema ? { migrationTableSchema: opened.schema } : {}),
    }).migrateTo(migration);
    if (result.error) throw result.error;
    return opened;
  } catch (error) {
    await opened.db.close();
    await opened.drop();
    throw error;
  }
}

/** A store row of the schema before named keys (0010) and signing secrets (0012). */
export async function insertOldStore(
  db: Database,
  store: { id: string; name: string; secret_key: string; secret_hash: string },
): Promise<void> {
  await db.kysely
    .insertInto("stores")
    .values({ ...store, allowed_origins: "[]", rate_limits: null, created_at: "2026-01-01T00:00:00.000Z" })
    .execute();
}
