import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type LogEvent, PostgresDialect } from "kysely";
import pg from "pg";
import type { Schema } from "./schema.ts";
import { ImmediateSqliteDialect, withStatementCache } from "./sqlite-immediate-dialect.ts";

export type DialectKind = "sqlite" | "postgres";

export interface QueryTiming {
  dialect: DialectKind;
  /** select | insert | update | delete | raw | other */
  operation: string;
  seconds: number;
  failed: boolean;
}

/** An open database: the Kysely instance plus what the rest of the server needs to know about it. */
export interface Database {
  kysely: Kysely<Schema>;
  kind: DialectKind;
  /** SQLite file path (absolute) when kind is "sqlite". */
  sqlitePath?: string;
  /** Listeners told the duration of every query (metrics subscribe here). */
  queryListeners: Set<(timing: QueryTiming) => void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL only: run every connection with this search_path (tests use a schema per server). */
  pgSchema?: string;
  /** PostgreSQL pool size; default 10. */
  pgPoolSize?: number;
}

export const DEFAULT_SQLITE_PATH = "./data/plaudit.sqlite";

/** How long a request waits for a PostgreSQL connection before it is answered 503. */
export const PG_CONNECT_TIMEOUT_MS = 5_000;

// The network's and PostgreSQL's words for "the database is not there": connection refused, reset
// or timed out, and SQLSTATE class 08 (connection exception) and 57P01–57P03 (shut down, cannot
// connect now).
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
]);

/**
 * Whether `error` says the database cannot be reached now (not that a query was wrong): the server
 * answers it 503 database_unavailable, a condition to retry, not a 500 bug.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    // node-postgres's own: a connection that ended under a query, a pool that could not connect in time.
    if (/^Connection terminated|timeout exceeded when trying to connect/.test(e.message)) return true;
  }
  return false;
}

// SQLSTATEs of class 22 (data exception) a client's value causes when it reaches a query without
// validation: text PostgreSQL cannot hold (a NUL: 22021; \u0000 in JSON: 22P05), text longer than
// its column (22001), a number out of its type's range (22003), text that is not the column's type
// (22P02), a date that is not one or out of range (22007, 22008). The request is answered 400, not
// 500. Not the whole class: a division by zero or a bad regular expression is our query's fault.
const REFUSED_VALUE_CODES = new Set(["22001", "22003", "22007", "22008", "22021", "22P02", "22P05"]);

/** The SQLSTATE when `error` is the database refusing a value a client sent; else undefined. */
export function refusedValueCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && REFUSED_VALUE_CODES.has(code)) return code;
  }
  return undefined;
}

/** Where a DATABASE_URL points: SQLite for a path or `file:` URL, PostgreSQL for postgres(ql)://. */
export function describeDatabaseUrl(
  url: string | undefined,
): { kind: "sqlite"; path: string } | { kind: "postgres"; url: string } {
  const value = url?.trim() || DEFAULT_SQLITE_PATH;
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: "postgres", url: value };
  // Any other scheme (mysql://, a mistyped postgress://) would otherwise be taken for a relative
  // file path: a new, empty SQLite database in a folder named "mysql:" and a server that starts.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1];
  if (scheme && scheme.toLowerCase() !== "file")
    throw new Error(
      `DATABASE_URL: ${scheme}:// is not a database Plaudit runs on: give a SQLite file path, a file: URL or a postgres:// URL`,
    );
  if (value.startsWith("file:")) {
    const path = value.startsWith("file://") ? fileURLToPath(value) : value.slice("file:".length);
    return { kind: "sqlite", path: resolve(path) };
  }
  if (value === ":memory:") return { kind: "sqlite", path: value };
  return { kind: "sqlite", path: resolve(value) };
}

function operationOf(event: LogEvent): string {
  const kind = event.query.query.kind;
  switch (kind) {
    case "SelectQueryNode":
      return "select";
    case "InsertQueryNode":
      return "insert";
    case "UpdateQueryNode":
      return "update";
    case "DeleteQueryNode":
      return "delete";
    case "RawNode":
      return "raw";
    default:
      return "other";
  }
}

/** PostgreSQL's int8 (bigint, count(*)) */
const INT8_OID = 20;

/**
 * bigint columns (points, counts) come back as JavaScript numbers, as SQLite's do — refused beyond
 * 2^53, where a number would silently lose digits.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`a bigint beyond 2^53 cannot be read as a number: ${text}`);
  return value;
}

const typeParser = (oid: number, format?: string) =>
  oid === INT8_OID && format !== "binary"
    ? parseInt8
    : (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format);

/** `url` as it may be printed: the password of a postgres:// URL replaced by `***`. */
export function redactDatabaseUrl(url: string | undefined): string {
  const value = url?.trim() || DEFAULT_SQLITE_PATH;
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = "***";
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? parsed.href : value;
  } catch {
    // Not a URL Node parses (a path, or a password with characters URLs forbid): hide what sits
    // between "user:" and "@" all the same.
    return value.replace(/(\/\/[^/:@]*:)[^@]*@/, "$1***@");
  }
}

export function openDatabase(url?: string, options: OpenDatabaseOptions = {}): Database {
  const target = describeDatabaseUrl(url);
  const queryListeners = new Set<(timing: QueryTiming) => void>();
  const log = (event: LogEvent) => {
    if (queryListeners.size === 0) return;
    const timing: QueryTiming = {
      dialect: target.kind,
      operation: operationOf(event),
      seconds: event.queryDurationMillis / 1000,
      failed: event.level === "error",
    };
    for (const listener of queryListeners) listener(timing);
  };

  if (target.kind === "sqlite") {
    if (target.path !== ":memory:") mkdirSync(dirname(target.path), { recursive: true });
    const sqlite = new SqliteDatabase(target.path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    // Deleted and overwritten content is zeroed, not left in free pages and free blocks: once a
    // person is erased (privacy/) their name and address are gone from the file's bytes too.
    sqlite.pragma("secure_delete = ON");
    // Another process (backup, a second server) may hold the write lock for a moment.
    sqlite.pragma("busy_timeout = 5000");
    const kysely = new Kysely<Schema>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
      log,
    });
    return {
      kysely,
      kind: "sqlite",
      sqlitePath: target.path,
      queryListeners,
      close: () => kysely.destroy(),
    };
  }

  const pool = new pg.Pool({
    connectionString: target.url,
    // A PostgreSQL that stops answering (a host gone, packets dropped during a failover) must fail
    // a request in seconds, not hold it — and every later one — for as long as TCP waits.
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    keepAlive: true,
    types: { getTypeParser: typeParser as typeof pg.types.getTypeParser },
    max: options.pgPoolSize ?? 10,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  // Nor a client in use (a transaction between two statements, any code between two queries): its
  // connection cut emits "error" on the client, not the pool, and unheard it ended the process.
  // The work that held it fails (503 database_unavailable); the pool drops it when it is released.
  pool.on("connect", (client) => client.on("error", () => {}));
  const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), log });
  return { kysely, kind: "postgres", queryListeners, close: () => kysely.destroy() };
}
