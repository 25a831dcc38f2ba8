import type { Tx } from "../db/transaction.ts";
import type { ReviewRequestStatus } from "./request-tables.ts";

/** The statuses in which a request may still mail: its first message, or (sent) its reminder. */
export const STILL_MAILING: ReviewRequestStatus[] = ["scheduled", "sent", "failed"];

/**
 * Marks the store's requests to one address (by its keyed hash) that could still mail as
 * suppressed, with `why`; answers how many. Their queued jobs then find nothing to send
 * (send.ts reads the status on every attempt).
 */
export async function stopRequestsTo(
  tx: Tx,
  storeId: string,
  addressHash: string,
  why: string,
): Promise<number> {
  const stopped = await tx
    .updateTable("review_requests")
    .set({ status: "suppressed", last_error: why })
    .where("store_id", "=", storeId)
    .where("address_hash", "=", addressHash)
    .where("status", "in", STILL_MAILING)
    .executeTakeFirst();
  return Number(stopped.numUpdatedRows);
}
