import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import type { Database } from "../../src/db/database.ts";

/**
 * Tables a refused request writes on purpose: a failed sign-in is counted (the lockout, 423, is
 * made of these rows).
 */
const WRITTEN_BY_REFUSALS = new Set(["admin_sign_in_failures"]);

/**
 * What is committed in the database, table by table (a digest of every row), read from outside the
 * server's connection: comparing two says which tables a request changed for good. On SQLite a
 * read-only connection of its own (it sees committed data only); on PostgreSQL one query.
 */
export async function committedTables(db: Database): Promise<{
  read(): Promise<Record<string, string>>;
  close(): void;
}> {
  if (db.kind === "sqlite") {
    const reader = new SqliteDatabase(db.sqlitePath as string, { readonly: true });
    const tables = (
      reader
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as {
        name: string;
      }[]
    )
      .map((row) => row.name)
      .filter((name) => !WRITTEN_BY_REFUSALS.has(name));
    const selects = tables.map((name) => [name, reader.prepare(`select * from "${name}"`)] as const);
    // data_version changes whenever another connection commits: rows are read again only then.
    let seen: { version: unknown; tables: Record<string, string> } | undefined;
    return {
      async read() {
        const version = reader.pragma("data_version", { simple: true });
        if (seen && seen.version === version) return seen.tables;
        const tables = Object.fromEntries(
          selects.map(([name, select]) => [name, JSON.stringify(select.all())]),
        );
        seen = { version, tables };
        return tables;
      },
      close: () => reader.close(),
    };
  }
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely);
  const tables = rows.map((row) => row.name).filter((name) => !WRITTEN_BY_REFUSALS.has(name));
  const digest = sql.raw(
    tables
      .map(
        (name) =>
          `select '${name}' as name, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as digest from "${name}" t`,
      )
      .join(" union all "),
  );
  return {
    async read() {
      const { rows } = await sql<{ name: string; digest: string }>`${digest}`.execute(db.kysely);
      return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
    },
    close() {},
  };
}

/** The tables whose committed rows differ between two reads. */
export const changedTables = (before: Record<string, string>, after: Record<string, string>): string[] =>
  Object.keys(after).filter((name) => before[name] !== after[name]);

/** How many rows each table holds (through the server's own connection: committed data). */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const names =
    db.kind === "sqlite"
      ? sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`;
  const { rows } = await names.execute(db.kysely);
  const counts = sql.raw(
    rows.map(({ name }) => `select '${name}' as name, count(*) as n from "${name}"`).join(" union all "),
  );
  const result = await sql<{ name: string; n: number | string }>`${counts}`.execute(db.kysely);
  return Object.fromEntries(result.rows.map((row) => [row.name, Number(row.n)]));
}
