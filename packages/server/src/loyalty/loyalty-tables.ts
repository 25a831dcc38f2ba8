// The loyalty tables for Kysely (db/migrations/0002-loyalty.ts). Times are ISO 8601 UTC strings.

export interface LoyaltyProgramsTable {
  store_id: string;
  /** JSON of StoredProgram (program.ts): the public program plus its settings. */
  program: string;
  updated_at: string;
}

/** One row per customer the store's program has seen; `balance` always equals sum(ledger.delta). */
export interface LoyaltyBalancesTable {
  store_id: string;
  customer_id: string;
  balance: number;
  /** Points from earning actions, adjustments and refunds (redemptions and expiry leave it alone). */
  lifetime_earned: number;
  /** Last earn or spend: points expire after the program's inactivity period from here. */
  last_activity_at: string;
  created_at: string;
  joined_at: string | null;
  referral_code: string;
  /** "MM-DD" (the year is not needed and not kept), set by the merchant. */
  birthday: string | null;
}

export interface LoyaltyLedgerTable {
  id: string;
  store_id: string;
  customer_id: string;
  delta: number;
  action: string;
  reference: string;
  reason: string;
  created_at: string;
}

export interface LoyaltyRedemptionsTable {
  id: string;
  store_id: string;
  customer_id: string;
  reward_id: string;
  reward: string;
  points_spent: number;
  status: "issuing" | "issued" | "failed";
  code: string | null;
  created_at: string;
  issued_at: string | null;
  idempotency_key: string;
}

export interface IdempotencyKeysTable {
  store_id: string;
  scope: string;
  key: string;
  customer_id: string;
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
  created_at: string;
}

/**
 * Points earned but not spendable yet (purchase and referral points wait out the return window):
 * keyed like the ledger row each becomes when released; a refund inside the window cancels it.
 */
export interface LoyaltyPendingTable {
  store_id: string;
  customer_id: string;
  action: string;
  reference: string;
  points: number;
  reason: string;
  available_at: string;
  status: "pending" | "released" | "canceled";
  created_at: string;
  settled_at: string | null;
}

export interface LoyaltyTables {
  loyalty_programs: LoyaltyProgramsTable;
  loyalty_balances: LoyaltyBalancesTable;
  loyalty_ledger: LoyaltyLedgerTable;
  loyalty_redemptions: LoyaltyRedemptionsTable;
  idempotency_keys: IdempotencyKeysTable;
  loyalty_pending: LoyaltyPendingTable;
}
