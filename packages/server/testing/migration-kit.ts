// Upgrades tested from an older schema: a fresh database brought only up to an earlier migration,
// rows written as that schema held them, then `migrate()` as a server upgrade runs it.
import type { Database } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { type DatabaseUnderTest, openTestDatabase } from "./test-server.ts";

/**
 * A fresh database (as openTestDatabase) migrated up to and including `migration` only; throws
 * with the migration's error if one fails. It is `migrate()`'s own path (on PostgreSQL its
 * introspection looks only at this schema: Kysely's own scans every schema of the database and
 * fails, "schema … does not exist", when another test drops its schema meanwhile).
 */
export async function openDatabaseAt(
  kind: DatabaseUnderTest,
  migration: string,
): ReturnType<typeof openTestDatabase> {
  const opened = await openTestDatabase(kind, { migrated: false });
  try {
    await migrate(opened.db, migration);
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
