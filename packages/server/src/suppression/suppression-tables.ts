// The suppression tables for Kysely (db/migrations/0031-suppression.ts).

export interface SuppressionKeysTable {
  store_id: string;
  /** base64url random key of the store's address hashes: made once, never changed. */
  hash_key: string;
  created_at: string;
}

export interface SuppressionsTable {
  store_id: string;
  /** addressHash() of the suppressed address. */
  address_hash: string;
  /** Why: "unsubscribed", "erased", "bounced". */
  reason: string;
  created_at: string;
}

export interface SuppressionTables {
  suppression_keys: SuppressionKeysTable;
  suppressions: SuppressionsTable;
}
