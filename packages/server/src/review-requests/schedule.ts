import { randomBytes } from "node:crypto";
import { domainToASCII } from "node:url";
import type { AppContext } from "../context.ts";
import type { Tx } from "../db/transaction.ts";
import { enqueueJob } from "../jobs/index.ts";
import { addressHash, isHashSuppressed } from "../suppression/index.ts";
import { loadSettings } from "./settings.ts";

/** The job that sends a request's first message or its reminder (send.ts handles it). */
export const SEND_JOB = "review-request.send";
export type SendPayload = { requestId: string; message: "first" | "reminder" };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A request that fell due longer ago than this when its order arrives is not sent: past orders a
 * shop sends in bulk (a backfill on install, an import, a platform replaying its webhooks) would
 * otherwise all be mailed at once, months after the purchase, to people who no longer expect it.
 * The same for every order, whatever was bought or said.
 */
export const STALE_AFTER_DAYS = 30;

export const newRequestId = () => randomBytes(12).toString("base64url");

/**
 * The first message's Message-ID, made from the request's id when it is scheduled and kept with
 * it: every attempt carries the same. Its domain is the store's sender address's (the From the
 * message shows), else PLAUDIT_PUBLIC_URL's host.
 */
export function firstMessageIdOf(requestId: string, sender: string | null | undefined, publicUrl?: string) {
  // A header is ASCII: an internationalised domain goes in its punycode form.
  const domain = domainToASCII(sender?.split("@").pop() ?? "");
  const host = domain || (publicUrl ? new URL(publicUrl).hostname : "plaudit.localhost");
  return `<rr-${requestId}@${host}>`;
}

/**
 * The reminder's Message-ID, made from the first message's (same request, same domain, whatever
 * the settings say by then): it answers to that one (In-Reply-To, References) in one thread.
 */
export function reminderMessageIdOf(firstMessageId: string): string {
  return firstMessageId.replace(/@(?=[^@]*$)/, "-reminder@");
}

export const sendJobKey = (requestId: string, message: SendPayload["message"]) =>
  `review-request:${requestId}:${message}`;

/**
 * A fulfilled order with an email gets one request, `delayDays` after fulfilment, when the store
 * has requests turned on. A suppressed address gets a request row marked "suppressed" (so the
 * merchant sees why) and no job; so does one due more than STALE_AFTER_DAYS ago, marked
 * "canceled" with the reason. Runs inside the transaction that recorded the fulfilment.
 */
export async function scheduleRequest(
  tx: Tx,
  ctx: Pick<AppContext, "clock" | "publicUrl">,
  args: { storeId: string; orderId: string; fulfilledAt: string },
): Promise<void> {
  const settings = await loadSettings(tx, args.storeId);
  if (!settings?.enabled) return;
  const order = await tx
    .selectFrom("orders")
    .select(["email"])
    .where("store_id", "=", args.storeId)
    .where("order_id", "=", args.orderId)
    .executeTakeFirst();
  if (!order?.email) return;
  const now = ctx.clock();
  const hash = await addressHash(tx, args.storeId, order.email, now.toISOString());
  const suppressed = await isHashSuppressed(tx, args.storeId, hash);
  const due = new Date(new Date(args.fulfilledAt).getTime() + settings.delayDays * DAY_MS);
  const lateDays = Math.floor((now.getTime() - due.getTime()) / DAY_MS);
  const stale = lateDays > STALE_AFTER_DAYS;
  const id = newRequestId();
  const inserted = await tx
    .insertInto("review_requests")
    .values({
      id,
      store_id: args.storeId,
      order_id: args.orderId,
      email: order.email,
      address_hash: hash,
      status: suppressed ? "suppressed" : stale ? "canceled" : "scheduled",
      ...(stale && !suppressed
        ? {
            last_error: `not sent: it fell due ${lateDays} days before the order arrived (over ${STALE_AFTER_DAYS})`,
          }
        : {}),
      scheduled_for: due.toISOString(),
      message_id: firstMessageIdOf(id, settings.from?.email, ctx.publicUrl),
      attempts: 0,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(["store_id", "order_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted || suppressed || stale) return;
  const payload: SendPayload = { requestId: id, message: "first" };
  await enqueueJob(tx, { kind: SEND_JOB, payload, runAt: due, uniqueKey: sendJobKey(id, "first") }, now);
}

/** A refunded order's request is canceled: nothing more is sent (a sent one gets no reminder). */
export async function cancelForRefund(tx: Tx, args: { storeId: string; orderId: string }): Promise<void> {
  await tx
    .updateTable("review_requests")
    .set({ status: "canceled", last_error: "the order was refunded" })
    .where("store_id", "=", args.storeId)
    .where("order_id", "=", args.orderId)
    .where("status", "in", ["scheduled", "sent", "failed"])
    .execute();
}
