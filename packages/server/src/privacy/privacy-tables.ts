// The privacy tables (db/migrations/0021-privacy.ts).

export interface PrivacyErasuresTable {
  store_id: string;
  /** The suppression list's keyed hash of an erased customer id ("customer:" + id) or address. */
  subject_hash: string;
  erased_at: string;
}

/** A media file of an erased person still to be deleted from storage. */
export interface PendingFileDeletionsTable {
  storage_key: string;
  store_id: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
}

export interface PrivacyTables {
  privacy_erasures: PrivacyErasuresTable;
  pending_file_deletions: PendingFileDeletionsTable;
}
