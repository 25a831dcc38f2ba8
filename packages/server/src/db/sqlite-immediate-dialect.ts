import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, SqliteDriver } from "kysely";

// Kysely's SQLite driver begins transactions with a plain `BEGIN` (deferred): a transaction that
// reads first and writes later can then fail with SQLITE_BUSY when another process (the backup
// CLI, a second server) holds the write lock. `BEGIN IMMEDIATE` takes the write lock up front, so
// busy_timeout waits for it instead. Inside one process the driver's mutex already keeps the single
// connection to one transaction at a time, so concurrent requests never interleave inside one.
class ImmediateSqliteDriver extends SqliteDriver {
  #guarded: DatabaseConnection | undefined;

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.#guarded ??= {
      executeQuery: (query) => {
        refuseNul(query.parameters);
        return connection.executeQuery(query);
      },
      streamQuery: (query, chunkSize) => {
        refuseNul(query.parameters);
        return connection.streamQuery(query, chunkSize);
      },
    };
    return this.#guarded;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/**
 * PostgreSQL refuses text holding U+0000 (SQLSTATE 22021); SQLite would store it. Refused here the
 * same way, with PostgreSQL's code, so a request carrying a NUL past validation gets the same
 * answer on both databases (the app's error handler: 400 bad_request) and no row holds what the
 * other database could not.
 */
export class NulInText extends Error {
  readonly code = "22021";
  constructor() {
    super("text must not contain U+0000 (the NUL character)");
    this.name = "NulInText";
  }
}

function refuseNul(parameters: readonly unknown[]): void {
  for (const value of parameters)
    if (typeof value === "string" && value.includes("\u0000")) throw new NulInText();
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

type SqliteDatabase = ConstructorParameters<typeof SqliteDialect>[0]["database"] & object;
type SqliteHandle = Exclude<SqliteDatabase, (...args: never[]) => unknown>;

/**
 * Kysely prepares every query anew, and better-sqlite3's prepare is the largest cost of a read
 * (≈ as much as running it). The SQL of our queries comes from a fixed set of builders, so the
 * prepared statements are kept and reused (least recently used dropped past `size`). Safe because
 * Kysely runs one query at a time on the connection.
 */
export function withStatementCache(database: SqliteHandle, size = 500): SqliteHandle {
  const statements = new Map<string, ReturnType<SqliteHandle["prepare"]>>();
  return {
    close: () => database.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}
