import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import type { Tx } from "../db/transaction.ts";

/**
 * Holds one address of one store (by its keyed hash) until `tx` ends, so that what is decided about
 * it happens one at a time: a review request's message taking its place under the per-address cap
 * (review-requests/send.ts), the merchant stopping or resuming the address
 * (review-requests/suppression-routes.ts), the shopper's one-click unsubscribe
 * (review-requests/page/page-data.ts) and the person's erasure (privacy/erase.ts). PostgreSQL: a
 * transaction advisory lock; SQLite: nothing to do, its write lock (taken at BEGIN) already
 * serializes every write.
 */
export async function lockAddress(db: Database, tx: Tx, storeId: string, addressHash: string): Promise<void> {
  if (db.kind === "postgres")
    await sql`select pg_advisory_xact_lock(hashtext(${`${storeId}:${addressHash}`}))`.execute(tx);
}
