// The `audit_log` table (migration 0020-audit-log). Times are ISO 8601 UTC strings, as elsewhere.

export interface AuditLogTable {
  id: string;
  store_id: string;
  at: string;
  /** "key" (an admin key), "user" (a signed-in admin-app user) or "cli" (plaudit-server on the host). */
  actor_kind: "key" | "user" | "cli";
  /** The key's id, the user's id, or the operating-system user who ran the command. */
  actor_id: string;
  /** What was done, `noun.verb` in the shop's words: "review.moderate", "loyalty.adjust". */
  action: string;
  /** What it was done to: a review id, an order id, a customer id (pseudonymised on erasure). */
  target: string;
  /** The client address the request came from ("cli" for the command line). */
  ip: string;
  request_id: string;
}

/** Held by erasure for the length of its transaction: the one time audit rows may change. */
export interface AuditPseudonymisingTable {
  store_id: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_pseudonymising: AuditPseudonymisingTable;
}
