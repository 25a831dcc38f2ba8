import type { AppContext } from "../context.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { lockBalance, postEntry } from "./ledger.ts";
import type { StoredProgram } from "./program.ts";

// Points expire after the program's inactivity period (settings.expiryDays): when a customer has
// neither earned nor spent for that long, one ledger row takes the whole balance. Its reference is
// the last activity time, so running the sweep twice for the same quiet spell changes nothing.

export function expiresAt(program: StoredProgram, lastActivityAt: string): Date | null {
  const days = program.settings.expiryDays;
  return days === null ? null : new Date(new Date(lastActivityAt).getTime() + days * 86_400_000);
}

export function expiryDue(
  program: StoredProgram,
  row: { balance: number; last_activity_at: string },
  now: Date,
): boolean {
  const at = expiresAt(program, row.last_activity_at);
  return at !== null && Number(row.balance) > 0 && at.getTime() <= now.getTime();
}

/** Expires one customer's points if due; returns the points taken. Call inside a transaction. */
export async function expireIfDue(
  tx: Tx,
  args: { storeId: string; customerId: string; program: StoredProgram; now: Date; postgres: boolean },
): Promise<number> {
  const row = await lockBalance(tx, args.storeId, args.customerId, args.postgres);
  if (!row || !expiryDue(args.program, row, args.now)) return 0;
  const points = Number(row.balance);
  const result = await postEntry(
    tx,
    {
      storeId: args.storeId,
      customerId: args.customerId,
      delta: -points,
      action: "expiry",
      reference: `inactive-since:${row.last_activity_at}`,
      reason: `Points expired after ${args.program.settings.expiryDays} days without activity`,
      at: args.now.toISOString(),
    },
    { activity: false },
  );
  return result.posted ? points : 0;
}

/** Expires every due balance of the store, one short transaction per customer. */
export async function expirySweep(
  ctx: AppContext,
  storeId: string,
  program: StoredProgram,
): Promise<{ customers: number; points: number }> {
  const days = program.settings.expiryDays;
  if (days === null) return { customers: 0, points: 0 };
  const now = ctx.clock();
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const due = await ctx.db.kysely
    .selectFrom("loyalty_balances")
    .select("customer_id")
    .where("store_id", "=", storeId)
    .where("balance", ">", 0)
    .where("last_activity_at", "<=", cutoff)
    .execute();
  let customers = 0;
  let points = 0;
  for (const { customer_id } of due) {
    const taken = await transaction(ctx.db, (tx) =>
      expireIfDue(tx, {
        storeId,
        customerId: customer_id,
        program,
        now,
        postgres: ctx.db.kind === "postgres",
      }),
    );
    if (taken > 0) {
      customers += 1;
      points += taken;
    }
  }
  return { customers, points };
}
