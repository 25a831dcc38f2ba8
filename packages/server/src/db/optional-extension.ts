import { type Kysely, sql } from "kysely";
import { stderrLine } from "../logger.ts";

// Steps of a PostgreSQL migration that need an extension (pg_trgm, btree_gin: migrations 0004 and
// 0051). Creating an extension takes a privilege a hosted database may not grant: then those
// steps are left out, the rest of the migration (and every later one) still runs, and the server
// says so on stderr. The steps run under a savepoint, so a failure halfway leaves none of them
// behind and the migrations' transaction goes on.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped Kysely
type AnyKysely = Kysely<any>;

export interface OptionalSteps {
  /** The migration's number, for the savepoint's name and the log line ("0004"). */
  migration: string;
  /** What is left out when the steps fail ("no pg_trgm index for review search"). */
  without: string;
  /** What still works then ("search works, as a scan"). */
  still: string;
}

/**
 * Runs `steps` under a savepoint. If they throw, rolls back to it and writes
 * `[plaudit] migration <migration>: <without> (<error>); <still>` to stderr instead of failing.
 * PostgreSQL only, inside the migrations' transaction.
 */
export async function withOptionalExtension(
  db: AnyKysely,
  what: OptionalSteps,
  steps: () => Promise<void>,
): Promise<void> {
  const savepoint = sql.id(`plaudit_optional_${what.migration}`);
  await sql`savepoint ${savepoint}`.execute(db);
  try {
    await steps();
    await sql`release savepoint ${savepoint}`.execute(db);
  } catch (error) {
    await sql`rollback to savepoint ${savepoint}`.execute(db);
    // In `start` and `worker` a JSON log line like the rest of their output (logger.ts).
    const msg = `migration ${what.migration}: ${what.without} (${String(error)}); ${what.still}`;
    stderrLine("warn", { msg }, `[plaudit] ${msg}`);
  }
}

/**
 * Creates `extension` if it is not there yet, in public, never in a schema of its own: dropping a
 * schema (tests, staging) must not take the extension, and the indexes of every other schema,
 * with it. Answers the schema it lives in (an older install may have put it elsewhere).
 */
export async function createExtension(db: AnyKysely, extension: string): Promise<string> {
  await sql`create extension if not exists ${sql.id(extension)} schema public`.execute(db);
  return (await extensionSchema(db, extension)) ?? "public";
}

/** The schema `extension` is installed in, undefined when it is not installed. */
export async function extensionSchema(db: AnyKysely, extension: string): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = ${extension}`.execute(db);
  return rows[0]?.schema;
}
