import { randomBytes, randomInt } from "node:crypto";
import { EARNING_ACTIONS } from "@plaudit/contract";
import type { Kysely } from "kysely";
import type { Schema } from "../db/schema.ts";
import type { Tx } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";

// The only code that changes a balance. Every change is one ledger row plus one guarded UPDATE of
// the balance, in the caller's transaction: both commit or neither does. Rows are never updated or
// deleted; a correction is a new row.

export type LedgerAction =
  | (typeof EARNING_ACTIONS)[number]
  | "redemption"
  | "redemption_refund"
  | "refund"
  | "referral_refund"
  | "review_refund"
  | "review_with_media_refund"
  // Review requests' photo bonus (review-requests/photo-bonus.ts), and its taking back.
  | "request_photo_bonus"
  | "request_photo_bonus_refund"
  | "adjustment"
  | "expiry";

/** Rows that count as points earned (lifetime total, points-mode tiers). */
export const EARNED_ACTIONS: readonly string[] = [
  ...EARNING_ACTIONS,
  "refund",
  "referral_refund",
  "review_refund",
  "review_with_media_refund",
  "request_photo_bonus",
  "request_photo_bonus_refund",
  "adjustment",
];

export interface LedgerEntry {
  storeId: string;
  customerId: string;
  delta: number;
  action: LedgerAction;
  /** With store, customer and action: unique, so the same award can never be posted twice. */
  reference: string;
  reason: string;
  at: string;
}

export type PostResult = { posted: true; id: string; balance: number } | { posted: false };

/** Referral codes and redemption codes use letters and digits no one misreads (no 0/O, 1/I/L). */
export const UNAMBIGUOUS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function randomCode(length: number): string {
  let code = "";
  for (let i = 0; i < length; i++) code += UNAMBIGUOUS[randomInt(UNAMBIGUOUS.length)];
  return code;
}

let sequence = 0;

/**
 * Ledger ids sort in the order rows were written (real time, then a per-process counter), so
 * history rows with the same created_at still list newest first; the random tail keeps ids from
 * different processes apart.
 */
export function newLedgerId(): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `${Date.now().toString(36).padStart(9, "0")}${sequence.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}

export const insufficientPoints = () =>
  new ApiError(422, "insufficient_points", "not enough points for this");

/** The customer's balance row, created at zero the first time the program sees them. */
export async function ensureBalanceRow(
  tx: Tx,
  storeId: string,
  customerId: string,
  at: string,
): Promise<void> {
  await tx
    .insertInto("loyalty_balances")
    .values({
      store_id: storeId,
      customer_id: customerId,
      balance: 0,
      lifetime_earned: 0,
      last_activity_at: at,
      created_at: at,
      joined_at: null,
      referral_code: randomCode(8),
      birthday: null,
    })
    .onConflict((oc) => oc.columns(["store_id", "customer_id"]).doNothing())
    .execute();
}

/**
 * Reads the balance row and, on PostgreSQL, locks it until the transaction ends (SQLite's BEGIN
 * IMMEDIATE already excludes every other writer). For changes computed from the current balance
 * (refund shortfall, expiry of everything).
 */
export async function lockBalance(tx: Tx, storeId: string, customerId: string, postgres: boolean) {
  let query = tx
    .selectFrom("loyalty_balances")
    .selectAll()
    .where("store_id", "=", storeId)
    .where("customer_id", "=", customerId);
  if (postgres) query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * Posts one ledger row and moves the balance by its delta. A row whose (store, customer, action,
 * reference) exists already changes nothing ({ posted: false }). A negative delta larger than the
 * balance throws 422 insufficient_points: the UPDATE's `balance >= n` guard decides, under the row
 * lock PostgreSQL takes for the UPDATE (a waiting UPDATE re-checks the guard against the committed
 * balance) or under SQLite's single writer, so concurrent spends can never overdraw.
 */
export async function postEntry(
  tx: Tx,
  entry: LedgerEntry,
  options: { activity?: boolean } = {},
): Promise<PostResult> {
  if (!Number.isSafeInteger(entry.delta)) throw new Error(`ledger delta must be an integer: ${entry.delta}`);
  await ensureBalanceRow(tx, entry.storeId, entry.customerId, entry.at);
  const id = newLedgerId();
  const inserted = await tx
    .insertInto("loyalty_ledger")
    .values({
      id,
      store_id: entry.storeId,
      customer_id: entry.customerId,
      delta: entry.delta,
      action: entry.action,
      reference: entry.reference,
      reason: entry.reason,
      created_at: entry.at,
    })
    .onConflict((oc) => oc.columns(["store_id", "customer_id", "action", "reference"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return { posted: false };

  const earned = EARNED_ACTIONS.includes(entry.action) ? entry.delta : 0;
  const activity = options.activity ?? true;
  let update = tx
    .updateTable("loyalty_balances")
    .set((eb) => ({
      balance: eb("balance", "+", entry.delta),
      lifetime_earned: eb("lifetime_earned", "+", earned),
      ...(activity ? { last_activity_at: entry.at } : {}),
    }))
    .where("store_id", "=", entry.storeId)
    .where("customer_id", "=", entry.customerId);
  if (entry.delta < 0) update = update.where("balance", ">=", -entry.delta);
  const row = await update.returning("balance").executeTakeFirst();
  // No row: the guard refused. Throwing rolls back the ledger row with everything else.
  if (!row) throw insufficientPoints();
  return { posted: true, id, balance: Number(row.balance) };
}

/** A customer's ledger, newest first, at most `limit` rows, as the admin screens show it. */
export async function ledgerHistory(
  db: Kysely<Schema>,
  key: { storeId: string; customerId: string },
  limit: number,
) {
  const rows = await db
    .selectFrom("loyalty_ledger")
    .select(["id", "delta", "action", "reference", "reason", "created_at"])
    .where("store_id", "=", key.storeId)
    .where("customer_id", "=", key.customerId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((h) => ({
    id: h.id,
    delta: Number(h.delta),
    action: h.action,
    reference: h.reference,
    reason: h.reason,
    createdAt: h.created_at,
  }));
}
