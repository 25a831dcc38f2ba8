import type { PendingPoints } from "@plaudit/contract";
import type { Database } from "../db/database.ts";
import type { Tx } from "../db/transaction.ts";
import { ensureBalanceRow, type LedgerEntry, postEntry } from "./ledger.ts";
import type { StoredProgram } from "./program.ts";

// Purchase and referral points wait out the store's return window before they can be spent: a
// shopper who buys, redeems at once and refunds would otherwise keep the reward (the refund can
// only take back what is left of the balance). A pending award is a row here, keyed like the ledger
// row it becomes; it is posted to the ledger once due (lazily when the customer opens the program
// or redeems, and by the sweep), or canceled by a refund inside the window. The ledger and the
// balance never see a pending point, so "balance = sum(ledger)" and "never negative" still hold.

const DAY_MS = 86_400_000;

/** What names one award: its pending row here and the ledger row it becomes. */
export interface AwardKey {
  storeId: string;
  customerId: string;
  action: string;
  reference: string;
}

/** The column values of the one row (pending or ledger) `key` names, for `eb.and(…)`. */
export function awardWhere<K extends AwardKey>(key: K) {
  return {
    store_id: key.storeId,
    customer_id: key.customerId,
    action: key.action as K["action"],
    reference: key.reference,
  };
}

const awardKeyOf = (row: { store_id: string; customer_id: string; action: string; reference: string }) => ({
  storeId: row.store_id,
  customerId: row.customer_id,
  action: row.action,
  reference: row.reference,
});

/** When points earned at `at` become spendable under the program's return window. */
export function availableAt(program: StoredProgram, at: string): string {
  return new Date(Date.parse(at) + program.settings.returnWindowDays * DAY_MS).toISOString();
}

/**
 * Awards `entry` when the window from `since` (the order's date) has passed, or is 0 days; else
 * records it as pending. Once per (store, customer, action, reference), like the ledger row:
 * answers false when that award exists already (a parallel transaction's insert of the same key
 * waits for it on PostgreSQL, then finds it).
 */
export async function awardAfterWindow(
  tx: Tx,
  program: StoredProgram,
  entry: LedgerEntry,
  since: string = entry.at,
): Promise<boolean> {
  const due = availableAt(program, since < entry.at ? since : entry.at);
  if (due <= entry.at) return (await postEntry(tx, entry)).posted;
  // The balance row exists from the first award on, as it would for points posted at once.
  await ensureBalanceRow(tx, entry.storeId, entry.customerId, entry.at);
  const inserted = await tx
    .insertInto("loyalty_pending")
    .values({
      store_id: entry.storeId,
      customer_id: entry.customerId,
      action: entry.action,
      reference: entry.reference,
      points: entry.delta,
      reason: entry.reason,
      available_at: due,
      status: "pending",
      created_at: entry.at,
      settled_at: null,
    })
    .onConflict((oc) => oc.columns(["store_id", "customer_id", "action", "reference"]).doNothing())
    .returning("reference")
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Posts every pending award that is due (of one customer, or of the whole store) to the ledger.
 * The status change is conditional, so a refund canceling the same row at once wins or loses
 * cleanly: each row is either released once or canceled, never both.
 */
export async function releaseDuePoints(
  tx: Tx,
  args: { storeId: string; customerId?: string; now: string },
): Promise<number> {
  let query = tx
    .selectFrom("loyalty_pending")
    .selectAll()
    .where("store_id", "=", args.storeId)
    .where("status", "=", "pending")
    .where("available_at", "<=", args.now);
  if (args.customerId !== undefined) query = query.where("customer_id", "=", args.customerId);
  const due = await query.orderBy("available_at").limit(1000).execute();
  let released = 0;
  for (const row of due) {
    const claimed = await settlePending(tx, awardKeyOf(row), "released", args.now);
    if (claimed === undefined) continue;
    await postEntry(tx, {
      storeId: row.store_id,
      customerId: row.customer_id,
      delta: Number(row.points),
      action: row.action as LedgerEntry["action"],
      reference: row.reference,
      reason: row.reason,
      at: args.now,
    });
    released += 1;
  }
  return released;
}

/** Cancels a pending award (a refund inside the window); answers the points it would have paid. */
export async function cancelPending(tx: Tx, key: AwardKey & { at: string }): Promise<number> {
  return (await settlePending(tx, key, "canceled", key.at)) ?? 0;
}

/**
 * Settles the award `key` names if it is still pending (the conditional update is what makes a
 * release and a cancel racing for one row come out as exactly one of them); answers its points,
 * or undefined when it was not pending.
 */
async function settlePending(
  tx: Tx,
  key: AwardKey,
  status: "released" | "canceled",
  at: string,
): Promise<number | undefined> {
  const row = await tx
    .updateTable("loyalty_pending")
    .set({ status, settled_at: at })
    .where((eb) => eb.and(awardWhere(key)))
    .where("status", "=", "pending")
    .returning("points")
    .executeTakeFirst();
  return row ? Number(row.points) : undefined;
}

/** The customer's awards still waiting out the return window, soonest first. */
export async function pendingAwards(
  db: Database,
  storeId: string,
  customerId: string,
): Promise<PendingPoints[]> {
  const rows = await db.kysely
    .selectFrom("loyalty_pending")
    .select(["points", "reason", "available_at", "action"])
    .where("store_id", "=", storeId)
    .where("customer_id", "=", customerId)
    .where("status", "=", "pending")
    .orderBy("available_at")
    .limit(100)
    .execute();
  return rows.map((r) => ({
    points: Number(r.points),
    reason: r.reason,
    availableAt: r.available_at,
    action: r.action,
  }));
}

/** Whether the customer has a pending award that is due (so /me must write before it reads). */
export async function hasDuePoints(
  db: Database,
  args: { storeId: string; customerId: string; now: string },
): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("loyalty_pending")
    .select("points")
    .where("store_id", "=", args.storeId)
    .where("customer_id", "=", args.customerId)
    .where("status", "=", "pending")
    .where("available_at", "<=", args.now)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
