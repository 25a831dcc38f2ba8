import type { Database } from "../db/database.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";

// Sign-in is throttled twice: per account (guessing one person's password) and per client
// address (trying many accounts from one place). Past the limit within the window, that key is
// locked for LOCK_MINUTES: every attempt, right password or not, is 423 locked. The counts live
// in the database, so every server process sees the same ones.

export const SIGN_IN_LIMITS = {
  account: { failures: 5, windowMinutes: 15, lockMinutes: 15 },
  address: { failures: 20, windowMinutes: 15, lockMinutes: 15 },
} as const;

export type ThrottleKind = keyof typeof SIGN_IN_LIMITS;

export interface ThrottleKey {
  kind: ThrottleKind;
  key: string;
}

export const accountKey = (storeId: string, email: string): ThrottleKey => ({
  kind: "account",
  key: `account:${storeId}:${email}`,
});
export const addressKey = (ip: string): ThrottleKey => ({ kind: "address", key: `address:${ip}` });

const locked = (until: string, now: Date) =>
  new ApiError(423, "locked", "too many failed sign-ins: try again later", undefined, {
    "Retry-After": String(Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000))),
  });

/** 423 locked when any of the keys is locked now. */
export async function assertNotLocked(db: Database, keys: ThrottleKey[], now: Date): Promise<void> {
  const rows = await db.kysely
    .selectFrom("admin_sign_in_failures")
    .select(["key", "locked_until"])
    .where(
      "key",
      "in",
      keys.map((k) => k.key),
    )
    .execute();
  const at = now.toISOString();
  const until = rows
    .map((r) => r.locked_until)
    .filter((u): u is string => u !== null && u > at)
    .sort()
    .at(-1);
  if (until) throw locked(until, now);
}

/** Counts a failure against each key; the one that reaches its limit is locked from now. */
export async function recordFailure(db: Database, keys: ThrottleKey[], now: Date): Promise<void> {
  const at = now.toISOString();
  await transaction(db, async (tx) => {
    for (const { kind, key } of keys) {
      const limits = SIGN_IN_LIMITS[kind];
      const windowStart = new Date(now.getTime() - limits.windowMinutes * 60_000).toISOString();
      const row = await tx
        .selectFrom("admin_sign_in_failures")
        .selectAll()
        .where("key", "=", key)
        .executeTakeFirst();
      // A window that has passed (or a lock that has run out) starts counting again.
      const fresh =
        !row || row.first_at < windowStart || (row.locked_until !== null && row.locked_until <= at);
      const failures = fresh ? 1 : Number(row.failures) + 1;
      const lockedUntil =
        failures >= limits.failures
          ? new Date(now.getTime() + limits.lockMinutes * 60_000).toISOString()
          : null;
      if (!row) {
        await tx
          .insertInto("admin_sign_in_failures")
          .values({ key, failures, first_at: at, locked_until: lockedUntil })
          .onConflict((oc) =>
            oc
              .column("key")
              .doUpdateSet((eb) => ({ failures: eb("admin_sign_in_failures.failures", "+", 1) })),
          )
          .execute();
      } else {
        await tx
          .updateTable("admin_sign_in_failures")
          .set({ failures, first_at: fresh ? at : row.first_at, locked_until: lockedUntil })
          .where("key", "=", key)
          .execute();
      }
    }
  });
}

/** A successful sign-in forgets the account's failures (not the address's). */
export async function clearFailures(db: Database, key: ThrottleKey): Promise<void> {
  await db.kysely.deleteFrom("admin_sign_in_failures").where("key", "=", key.key).execute();
}

/** The longest window of any kind: a row older than it counts for nothing once unlocked. */
const LONGEST_WINDOW_MINUTES = Math.max(...Object.values(SIGN_IN_LIMITS).map((l) => l.windowMinutes));

/**
 * Forgets failure rows that no longer count: their window has passed and they are not locked
 * (or the lock ran out). recordFailure would start such a row over anyway, so nothing changes
 * for a sign-in; the table just stops growing by one row per mistyped address. The server's
 * sweep calls it with the sessions sweep. Returns how many rows went.
 */
export async function sweepSignInFailures(db: Database, now: Date): Promise<number> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - LONGEST_WINDOW_MINUTES * 60_000).toISOString();
  const result = await db.kysely
    .deleteFrom("admin_sign_in_failures")
    .where("first_at", "<", windowStart)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", at)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
