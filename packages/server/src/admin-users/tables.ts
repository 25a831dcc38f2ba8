import type { Role } from "../auth/scopes.ts";

// The admin app's tables for Kysely (db/migrations/0040-admin-users.ts). Times are ISO 8601 UTC.

export interface AdminUsersTable {
  id: string;
  store_id: string;
  /** Lower-cased and trimmed: one account per address and store. */
  email: string;
  role: Role;
  /** argon2id (PHC string); null until the user follows the invite link. */
  password_hash: string | null;
  password_set_at: string | null;
  created_at: string;
}

/** A one-time set-password link: only the sha256 of its token is kept. */
export interface AdminInvitesTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A signed-in browser: only the sha256 of the cookie's value is kept; deleting the row revokes it. */
export interface AdminSessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

/** Failed sign-ins per key (`account:<store>:<email>` or `address:<ip>`) within the window. */
export interface AdminSignInFailuresTable {
  key: string;
  failures: number;
  first_at: string;
  locked_until: string | null;
}

export interface AdminUserTables {
  admin_users: AdminUsersTable;
  admin_invites: AdminInvitesTable;
  admin_sessions: AdminSessionsTable;
  admin_sign_in_failures: AdminSignInFailuresTable;
}
