import type { Database } from "../db/database.ts";
import type { Tx } from "../db/transaction.ts";
import { EARNED_ACTIONS } from "./ledger.ts";
import type { StoredProgram } from "./program.ts";

// A customer's tier follows what they did in a rolling window (default 365 days): points earned
// (earning actions, adjustments and refunds — spending and expiry don't demote anyone), or money
// spent on orders that were not refunded.

export interface TierStanding {
  tier: StoredProgram["tiers"][number] | null;
  nextTier: { name: string; remaining: number } | null;
  progress: number;
}

export function standingFor(program: StoredProgram, progress: number): TierStanding {
  let tier: TierStanding["tier"] = null;
  let next: StoredProgram["tiers"][number] | undefined;
  for (const candidate of program.tiers) {
    if (candidate.threshold <= progress) tier = candidate;
    else {
      next = candidate;
      break;
    }
  }
  const remaining = next ? next.threshold - progress : 0;
  return {
    tier,
    nextTier: next
      ? {
          name: next.name,
          remaining:
            program.settings.tierMode === "spend" ? Math.round(remaining * 100) / 100 : Math.ceil(remaining),
        }
      : null,
    progress,
  };
}

export async function tierProgress(
  db: Database | Tx,
  program: StoredProgram,
  storeId: string,
  customerId: string,
  now: Date,
): Promise<number> {
  const kysely = "kysely" in db ? db.kysely : db;
  const since = new Date(now.getTime() - program.settings.tierWindowDays * 86_400_000).toISOString();
  if (program.settings.tierMode === "spend") {
    const row = await kysely
      .selectFrom("orders")
      .select((eb) => eb.fn.sum<number | string | null>("total").as("spent"))
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .where("created_at", ">=", since)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("loyalty_ledger")
              .select("loyalty_ledger.id")
              .where("loyalty_ledger.store_id", "=", storeId)
              .where("loyalty_ledger.action", "=", "refund")
              .whereRef("loyalty_ledger.reference", "=", "orders.order_id"),
          ),
        ),
      )
      .executeTakeFirst();
    return Math.round(Number(row?.spent ?? 0) * 100) / 100;
  }
  const row = await kysely
    .selectFrom("loyalty_ledger")
    .select((eb) => eb.fn.sum<number | string | null>("delta").as("earned"))
    .where("store_id", "=", storeId)
    .where("customer_id", "=", customerId)
    .where("action", "in", EARNED_ACTIONS)
    .where("created_at", ">=", since)
    .executeTakeFirst();
  return Math.max(0, Number(row?.earned ?? 0));
}
