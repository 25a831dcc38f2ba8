import type { Transaction } from "kysely";
import type { Database } from "./database.ts";
import type { Schema } from "./schema.ts";

export type Tx = Transaction<Schema>;

/** PostgreSQL's "try again" answers: deadlock_detected, serialization_failure. */
const RETRYABLE_CODES = new Set(["40P01", "40001"]);
const ATTEMPTS = 4;

const codeOf = (error: unknown) =>
  typeof error === "object" && error !== null ? String((error as { code?: unknown }).code) : "";

const isRetryable = (error: unknown) => RETRYABLE_CODES.has(codeOf(error));

/** A write refused by a unique index: PostgreSQL's unique_violation, SQLite's constraint. */
export const isUniqueViolation = (error: unknown) =>
  codeOf(error) === "23505" || codeOf(error) === "SQLITE_CONSTRAINT_UNIQUE";

/**
 * Runs `work` in one transaction. On SQLite it starts with BEGIN IMMEDIATE (see
 * sqlite-immediate-dialect.ts) and holds the single connection, so no other request's queries run
 * inside it; on PostgreSQL it is a normal READ COMMITTED transaction on one pooled client.
 *
 * When PostgreSQL breaks a deadlock (two requests locking the same rows in opposite orders — two
 * customers who referred each other, refunded at the same instant) it rolls one transaction back
 * and says so; that one is run again from the start, after a short random pause, instead of the
 * shopper getting a 500. `work` must therefore only touch the database (every caller's does).
 */
export async function transaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.kysely.transaction().execute(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resume) => setTimeout(resume, 5 + Math.random() * 20 * attempt));
    }
  }
}
