import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { keysOf, parseFiles } from "./media-json.ts";
import { MEDIA_LIMITS } from "./media-limits.ts";
import type { MediaStorage } from "./media-storage.ts";

/**
 * Deletes an upload no review holds, its row first: once the row is gone no review can attach it,
 * then its files. False, deleting nothing, when a review took it meanwhile.
 */
export async function deleteUnattached(
  db: Database,
  storage: MediaStorage,
  row: { id: string; files: string },
  logger?: Logger,
): Promise<boolean> {
  const gone = await db.kysely
    .deleteFrom("media")
    .where("id", "=", row.id)
    .where("review_id", "is", null)
    .executeTakeFirst();
  if (Number(gone.numDeletedRows) !== 1) return false;
  for (const key of keysOf(parseFiles(row.files))) {
    await storage.delete(key).catch((error: unknown) => {
      logger?.error({ msg: "could not delete an orphaned media file", key, error: String(error) });
    });
  }
  return true;
}

/**
 * Deletes uploads never attached to a review (and uploads that never finished processing) older
 * than MEDIA_LIMITS.orphanAgeMs (45 minutes), rows first: once a row is gone no review can attach it, then its files go. A crash
 * between the two leaves unreachable files, never a review pointing at missing ones.
 */
export async function sweepOrphans(
  db: Database,
  storage: MediaStorage,
  options: { now: Date; storeId?: string; logger?: Logger; batch?: number },
): Promise<{ deleted: number }> {
  const cutoff = new Date(options.now.getTime() - MEDIA_LIMITS.orphanAgeMs).toISOString();
  const batch = options.batch ?? 200;
  let deleted = 0;
  for (;;) {
    let query = db.kysely
      .selectFrom("media")
      .select(["id", "files"])
      .where("review_id", "is", null)
      .where("created_at", "<", cutoff);
    if (options.storeId !== undefined) query = query.where("store_id", "=", options.storeId);
    const rows = await query.orderBy("created_at").limit(batch).execute();
    if (rows.length === 0) break;
    for (const row of rows) if (await deleteUnattached(db, storage, row, options.logger)) deleted += 1;
    if (rows.length < batch) break;
  }
  return { deleted };
}
