import type { Database } from "../db/database.ts";
import { ApiError } from "../errors.ts";
import { MEDIA_LIMITS } from "./media-limits.ts";

// A store's uploads share one storage quota (issue 19): anonymous uploads of 100 MB videos must
// not fill the disk. Checked before an upload is read, against what the store keeps now (every
// row, attached or not: an orphan holds its bytes until the sweep), so one upload can overshoot
// the quota by at most its own size.

/** The store's quota in bytes: its own setting, else the default. */
export async function storeQuotaBytes(db: Database, storeId: string): Promise<number> {
  return (await ownQuotaBytes(db, storeId)) ?? MEDIA_LIMITS.storeQuotaBytes;
}

/** The store's own quota in bytes, null when it has none (the default applies). */
export async function ownQuotaBytes(db: Database, storeId: string): Promise<number | null> {
  const row = await db.kysely
    .selectFrom("stores")
    .select("media_quota_bytes")
    .where("id", "=", storeId)
    .executeTakeFirst();
  const own = row?.media_quota_bytes;
  return own === null || own === undefined ? null : Number(own);
}

export async function storedBytes(db: Database, storeId: string): Promise<number> {
  const row = await db.kysely
    .selectFrom("media")
    .select((eb) => eb.fn.sum<number | string | null>("bytes").as("bytes"))
    .where("store_id", "=", storeId)
    .executeTakeFirst();
  return Number(row?.bytes ?? 0);
}

/** 413 storage_quota_exceeded (the body left unread, the connection closed) when the store is full. */
export async function assertWithinQuota(db: Database, storeId: string): Promise<void> {
  const [quota, used] = await Promise.all([storeQuotaBytes(db, storeId), storedBytes(db, storeId)]);
  if (used < quota) return;
  throw new ApiError(
    413,
    "storage_quota_exceeded",
    "this store keeps no more photos or videos for now; send the review without them",
    undefined,
    { Connection: "close" },
  );
}
