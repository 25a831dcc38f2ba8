import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import type { MediaStorage } from "../media/media-storage.ts";

/**
 * Deletes the media files erasures left to delete (pending_file_deletions), each row removed once
 * its file is gone. Runs right after every erasure commits, for every store's leftovers: a file
 * that could not be deleted (storage down) is tried again by the next erasure, by the media sweep
 * (POST /v1/admin/media/sweep) and by `plaudit-server privacy retry`.
 */
export async function deletePendingFiles(
  db: Database,
  storage: MediaStorage,
  logger?: Logger,
): Promise<{ deleted: number; failed: number }> {
  const pending = await db.kysely
    .selectFrom("pending_file_deletions")
    .select(["storage_key", "attempts"])
    .orderBy("created_at")
    .limit(10_000)
    .execute();
  let deleted = 0;
  let failed = 0;
  for (const row of pending) {
    try {
      await storage.delete(row.storage_key);
      await db.kysely
        .deleteFrom("pending_file_deletions")
        .where("storage_key", "=", row.storage_key)
        .execute();
      deleted += 1;
    } catch (error) {
      failed += 1;
      logger?.error({
        msg: "could not delete an erased person's media file",
        key: row.storage_key,
        error: String(error),
      });
      await db.kysely
        .updateTable("pending_file_deletions")
        .set({ attempts: Number(row.attempts) + 1, last_error: String(error).slice(0, 500) })
        .where("storage_key", "=", row.storage_key)
        .execute();
    }
  }
  return { deleted, failed };
}

/**
 * SQLite keeps earlier versions of changed pages in its write-ahead log until a checkpoint copies
 * the new ones back: an erased name would still be in the -wal file. Checkpoint and truncate it
 * (retried while a reader holds an older snapshot). Free pages and freed space inside pages are
 * already zeroed (secure_delete, db/database.ts). PostgreSQL keeps dead row versions until vacuum
 * reuses their space: nothing can be forced from here (docs/operations.md).
 */
export async function flushOldCopies(db: Database): Promise<boolean> {
  if (db.kind !== "sqlite") return true;
  for (let attempt = 0; attempt < 20; attempt++) {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db.kysely);
    if (Number(rows[0]?.busy ?? 0) === 0) return true;
    await new Promise((resume) => setTimeout(resume, 50));
  }
  return false;
}
