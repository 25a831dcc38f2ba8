import type { Database } from "../db/database.ts";

export interface ConsistencyReport {
  customers: number;
  ledgerRows: number;
  /** Customers whose balance differs from the sum of their ledger rows. Should always be empty. */
  mismatches: { customerId: string; balance: number; ledgerSum: number }[];
  negativeBalances: number;
}

/** Checks balance = sum(ledger.delta) for every customer of the store. */
export async function checkConsistency(db: Database, storeId: string): Promise<ConsistencyReport> {
  const sums = await db.kysely
    .selectFrom("loyalty_ledger")
    .select((eb) => [
      "customer_id",
      eb.fn.sum<number | string>("delta").as("total"),
      eb.fn.countAll<number | string>().as("rows"),
    ])
    .where("store_id", "=", storeId)
    .groupBy("customer_id")
    .execute();
  const balances = await db.kysely
    .selectFrom("loyalty_balances")
    .select(["customer_id", "balance"])
    .where("store_id", "=", storeId)
    .execute();
  const ledger = new Map(sums.map((s) => [s.customer_id, Number(s.total)]));
  const mismatches: ConsistencyReport["mismatches"] = [];
  const seen = new Set<string>();
  for (const row of balances) {
    seen.add(row.customer_id);
    const ledgerSum = ledger.get(row.customer_id) ?? 0;
    if (Number(row.balance) !== ledgerSum) {
      mismatches.push({ customerId: row.customer_id, balance: Number(row.balance), ledgerSum });
    }
  }
  for (const [customerId, ledgerSum] of ledger) {
    if (!seen.has(customerId)) mismatches.push({ customerId, balance: 0, ledgerSum });
  }
  return {
    customers: balances.length,
    ledgerRows: sums.reduce((n, s) => n + Number(s.rows), 0),
    mismatches,
    negativeBalances: balances.filter((b) => Number(b.balance) < 0).length,
  };
}
