import {
  type DatabaseIntrospector,
  type Kysely,
  type MigrationResultSet,
  Migrator,
  sql,
  type TableMetadata,
} from "kysely";
import type { Database } from "./database.ts";
import { migrations } from "./migrations/index.ts";

// Several processes may migrate one database at the same moment: two server processes starting
// together, `plaudit-server migrate` beside a running server, many test runs on one shared test
// database (each in its own schema). Kysely's Migrator alone is not safe for that:
// - PostgreSQL: before taking its lock it looks for its bookkeeping tables by introspecting every
//   schema of the database (`has_schema_privilege(nspname, …)`, `pg_get_serial_sequence(…)` per
//   column). A schema another process drops meanwhile is still in the catalog snapshot but gone by
//   name, and the whole migrate fails with `schema "t_…" does not exist` (3F000). So the Migrator
//   here only ever looks at our own schema (`schemaIntrospector`), and the whole migrate — the
//   bookkeeping tables included — runs under an advisory lock of that schema.
// - SQLite: the Migrator takes no lock and runs each migration outside any transaction. Two
//   processes on one new file both see no migration done and both run them: the second fails on a
//   table the first created, and a failure halfway leaves a half-migrated file. So the whole
//   migrate is one `BEGIN IMMEDIATE` transaction: the second process waits for the write lock,
//   then finds everything done.

/**
 * The database was migrated by a newer Plaudit: it holds a migration this code does not have.
 * Running on would read tables whose meaning changed, so the process refuses.
 */
export class DatabaseNewerError extends Error {
  override name = "DatabaseNewerError";
  constructor(readonly migration: string) {
    super(
      `the database was migrated by a newer version of Plaudit (its migration ${migration} is not in this one): run that version or newer, or restore a backup taken before the upgrade`,
    );
  }
}

/**
 * A migration failed. All of this run's migrations are undone with it (one transaction on both
 * databases): the database is as it was before the upgrade, and the message names the one that
 * failed and why — the operator's line, where Kysely's error alone ("table stores already exists")
 * did not say which step of which upgrade it came from.
 */
export class MigrationFailedError extends Error {
  override name = "MigrationFailedError";
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(
      `migration ${migration} failed and none of this run's migrations were applied (the database is as it was): ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/** How long a process waits for another one's migrations (SQLite's busy timeout meanwhile). */
const MIGRATION_WAIT_MS = 300_000;

/**
 * Brings the database to the latest migration (or, for upgrade tests, only up to and including
 * `target`); throws with the failing migration's error.
 */
export async function migrate(db: Database, target?: string): Promise<MigrationResultSet> {
  // One connection for the lock and everything under it (a session advisory lock, or SQLite's
  // transaction, is the connection's).
  return db.kysely
    .connection()
    .execute((connection) =>
      db.kind === "postgres" ? migratePostgres(connection, target) : migrateSqlite(connection, target),
    );
}

// biome-ignore lint/suspicious/noExplicitAny: the Migrator works on the untyped Kysely
type AnyKysely = Kysely<any>;

async function runMigrator(
  db: AnyKysely,
  options: { schema?: string; transactions: boolean; target: string | undefined },
) {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Each area numbers its migrations in its own range (docs/server.md): a database that ran a
    // later range first still takes an earlier one that arrives afterwards.
    allowUnorderedMigrations: true,
    // Our bookkeeping tables in our schema: a second Plaudit schema in the same database (tests,
    // staging) must not hide them.
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
    disableTransactions: !options.transactions,
  });
  const result = await (options.target ? migrator.migrateTo(options.target) : migrator.migrateToLatest());
  if (result.error) {
    // Kysely's words for a migration done that it does not know ("corrupted migrations"): here it
    // means a newer Plaudit ran first (kysely is pinned; cli-refusals.test.ts checks the words still match).
    const unknown = /previously executed migration (\S+) is missing/.exec(String(result.error))?.[1];
    if (unknown) throw new DatabaseNewerError(unknown);
    const failed = result.results?.find((one) => one.status === "Error")?.migrationName;
    throw failed ? new MigrationFailedError(failed, result.error) : result.error;
  }
  return result;
}

async function migratePostgres(connection: AnyKysely, target: string | undefined) {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    connection,
  );
  const schema = rows[0]?.schema;
  if (!schema) throw new Error("cannot migrate: no schema on the search_path exists");
  const key = `plaudit.migrate:${schema}`;
  await sql`select pg_advisory_lock(hashtext(${key}))`.execute(connection);
  try {
    // Kysely's own lock (one for the whole database) is still taken around the migrations, and
    // they run in one transaction: a failure leaves none of them done.
    return await runMigrator(schemaIntrospector(connection, schema), {
      schema,
      transactions: true,
      target,
    });
  } finally {
    await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(connection);
  }
}

async function migrateSqlite(connection: AnyKysely, target: string | undefined) {
  const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(connection);
  const busyTimeout = rows[0]?.timeout ?? 0;
  await sql.raw(`pragma busy_timeout = ${MIGRATION_WAIT_MS}`).execute(connection);
  try {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await runMigrator(connection, { transactions: false, target });
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${Number(busyTimeout)}`).execute(connection);
  }
}

/**
 * `db` whose `introspection` sees only `schema`: the Migrator asks it whether its schema and its
 * bookkeeping tables exist, and that question must not touch other processes' schemas.
 */
function schemaIntrospector(db: AnyKysely, schema: string): AnyKysely {
  const getTables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string; kind: string }>`
      select c.relname as name, c.relkind as kind from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'v', 'p')`.execute(db);
    return rows.map((row) => ({ name: row.name, schema, isView: row.kind === "v", columns: [] }));
  };
  const introspection: DatabaseIntrospector = {
    getSchemas: async () =>
      (
        await sql<{
          name: string;
        }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)
      ).rows,
    getTables,
    getMetadata: async () => ({ tables: await getTables() }),
  };
  // Everything else is the connection's own (its private fields need it as `this`).
  return new Proxy(db, {
    get(target, property) {
      if (property === "introspection") return introspection;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
