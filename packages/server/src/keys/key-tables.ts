// The tables of admin keys and signing secrets for Kysely (db/migrations/0010-keys-and-secrets.ts).

export interface AdminKeysTable {
  id: string;
  store_id: string;
  name: string;
  /** JSON array of grants (auth/scopes.ts). */
  scopes: string;
  /** hex sha256 of the key; the key itself is never stored. */
  key_hash: string;
  /** "sk_AbCd…wXyZ", to recognise a key in a list. */
  hint: string;
  created_at: string;
  revoked_at: string | null;
}

export interface SigningSecretsTable {
  id: string;
  store_id: string;
  purpose: string;
  /** Sealed ("v1:…") or plain ("plain:…"): keys/secret-box.ts. */
  secret: string;
  created_at: string;
  retired_at: string | null;
}

export interface KeyTables {
  admin_keys: AdminKeysTable;
  signing_secrets: SigningSecretsTable;
}
