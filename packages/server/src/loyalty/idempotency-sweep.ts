import type { Database } from "../db/database.ts";

/**
 * How long a redemption's or adjustment's Idempotency-Key is remembered. A client retries within
 * seconds or minutes (the widget: within the same page view); a month is far past any retry, and
 * after it the same key starts a new request. Without a sweep the table grows by one row per
 * redemption forever.
 */
export const IDEMPOTENCY_KEY_DAYS = 30;

/** Deletes idempotency keys older than `days` (default 30). Runs with the hourly sweep. */
export async function sweepIdempotencyKeys(
  db: Database,
  options: { now: Date; days?: number },
): Promise<{ deleted: number }> {
  const cutoff = new Date(options.now.getTime() - (options.days ?? IDEMPOTENCY_KEY_DAYS) * 86_400_000);
  const result = await db.kysely
    .deleteFrom("idempotency_keys")
    .where("created_at", "<", cutoff.toISOString())
    .executeTakeFirst();
  return { deleted: Number(result.numDeletedRows) };
}
