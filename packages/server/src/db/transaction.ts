import type { Transaction } from "kysely";
import type { Database } from "./database.ts";
import type { Schema } from "./schema.ts";

export type Tx = Transaction<Schema>;

/**
 * Runs `work` in one transaction. On SQLite it starts with BEGIN IMMEDIATE (see
 * sqlite-immediate-dialect.ts) and holds the single connection, so no other request's queries run
 * inside it; on PostgreSQL it is a normal READ COMMITTED transaction on one pooled client.
 */
export function transaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(work);
}
