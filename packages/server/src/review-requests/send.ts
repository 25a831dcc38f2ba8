import { sql } from "kysely";
import type { AppContext } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { type ClaimedJob, enqueueJob, type JobHandler, PermanentJobError } from "../jobs/index.ts";
import { linkSecretFor } from "../keys/link-secret.ts";
import { MailRefused } from "../mail/mailer.ts";
import { isHashSuppressed, lockAddress } from "../suppression/index.ts";
import { signLink } from "./link-token.ts";
import { requestLocale } from "./messages.ts";
import { requestEmail } from "./request-email.ts";
import { loadRequestView, type RequestView } from "./request-view.ts";
import { reminderMessageIdOf, SEND_JOB, type SendPayload, sendJobKey } from "./schedule.ts";
import { loadSettings, type RequestSettings } from "./settings.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a send can be interrupted; tests stop the worker at each (crash safety). */
export const SEND_STEPS = ["before-smtp", "after-smtp", "after-record"] as const;
export type SendStep = (typeof SEND_STEPS)[number];

export interface SendOptions {
  /** Called at each step; a test makes it never return (the worker died there) or kill the process. */
  atStep?: (step: SendStep, requestId: string) => Promise<void>;
  /** Called after the checks and before the message takes its place under the cap (a test stops the address there). */
  beforeSlot?: (requestId: string) => Promise<void>;
  /** Called under the address's lock, once the list was read again (a test races an unsubscribe there). */
  underAddressLock?: (requestId: string) => Promise<void>;
}

type Skip = { skip: string; status?: "suppressed" | "canceled" };

/** Why this message must not go now (or undefined: it may). Read fresh on every attempt. */
async function reasonNotToSend(
  ctx: AppContext,
  view: RequestView,
  settings: RequestSettings | undefined,
  message: SendPayload["message"],
): Promise<Skip | undefined> {
  const { request } = view;
  if (message === "first" && request.status !== "scheduled") return { skip: `request is ${request.status}` };
  if (message === "reminder") {
    if (request.status !== "sent") return { skip: `request is ${request.status}` };
    if (request.reminder_sent_at) return { skip: "reminder already sent" };
  }
  if (!settings?.enabled) return { skip: "review requests are turned off", status: "canceled" };
  if (!request.email) return { skip: "the address was erased", status: "suppressed" };
  if (await isHashSuppressed(ctx.db.kysely, request.store_id, request.address_hash))
    return { skip: "the address is on the suppression list", status: "suppressed" };
  return undefined;
}

/**
 * Takes one of the address's messages for 30 days ("taken"), or says why not: none is left ("cap"),
 * or the merchant stopped the address since the first check ("suppressed"). Checked and taken in one
 * transaction, serialized per address (SQLite: the write lock; PostgreSQL: an advisory lock on the
 * address), so concurrent sends (several jobs at once, several workers) cannot overshoot the cap.
 * Both kinds of message claim their slot before SMTP is asked: a first message by its attempt
 * count going up (a request being sent, attempts > 0 and not yet sent, holds its slot until it is
 * sent or gives up), a reminder by `reminder_claimed_at` (held until it is sent or gives up, and
 * at most for the 30 days the cap counts).
 */
async function takeAddressSlot(
  ctx: AppContext,
  view: RequestView,
  settings: RequestSettings,
  message: SendPayload["message"],
  now: Date,
  underAddressLock: SendOptions["underAddressLock"],
): Promise<"taken" | "cap" | "suppressed"> {
  const { request } = view;
  const since = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  return transaction(ctx.db, async (tx) => {
    await lockAddress(ctx.db, tx, request.store_id, request.address_hash);
    // Read again under the lock: a merchant or shopper who stopped the address since the check
    // above (suppression-routes.ts, the one-click unsubscribe in page-data.ts, an erasure: under the
    // same lock) is obeyed; one who stops it after this commits finds the message already in flight.
    if (await isHashSuppressed(tx, request.store_id, request.address_hash)) return "suppressed";
    await underAddressLock?.(request.id);
    // One statement, so one snapshot: on PostgreSQL (READ COMMITTED) separate counts could each
    // miss a message whose record (not under this lock) commits between them — in flight for the
    // first count, sent for the second — and let the cap overshoot. A message is counted once:
    // sent (first or reminder) in the window, or in flight (a first being sent, a reminder claimed).
    const counted = await tx
      .selectFrom("review_requests")
      .select((eb) =>
        eb.fn
          .sum<number | string | null>(
            sql`(case when sent_at >= ${since} then 1 else 0 end)
              + (case when reminder_sent_at >= ${since} then 1 else 0 end)
              + (case when status = 'scheduled' and attempts > 0 and id <> ${request.id} then 1 else 0 end)
              + (case when reminder_claimed_at >= ${since} and reminder_sent_at is null and id <> ${request.id} then 1 else 0 end)`,
          )
          .as("n"),
      )
      .where("store_id", "=", request.store_id)
      .where("address_hash", "=", request.address_hash)
      .executeTakeFirst();
    const taken = Number(counted?.n ?? 0);
    if (taken >= settings.maxPerAddressPer30Days) return "cap";
    if (message === "first") {
      await tx
        .updateTable("review_requests")
        .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
        .where("id", "=", request.id)
        .execute();
    } else {
      await tx
        .updateTable("review_requests")
        .set({ reminder_claimed_at: now.toISOString() })
        .where("id", "=", request.id)
        .where("reminder_sent_at", "is", null)
        .execute();
    }
    return "taken";
  });
}

/** The message's links: the hosted page per product (and rating) and the one-click unsubscribe. */
export function requestLinks(publicUrl: string, view: RequestView, linkSecret: string, now: Date) {
  const token = signLink(
    linkSecret,
    {
      kind: "q",
      id: view.request.id,
      storeId: view.store.id,
      bindsTo: view.request.order_id,
      email: view.request.email ?? "",
    },
    now,
  );
  return {
    token,
    pageUrl: (productId: string, rating?: number) =>
      `${publicUrl}/r/${token}?product=${encodeURIComponent(productId)}${rating ? `&rating=${rating}` : ""}`,
    unsubscribeUrl: `${publicUrl}/r/unsubscribe/${token}`,
  };
}

/**
 * Sends a request's first message or its reminder, once. The request row says what was already
 * done, so a job run again after a crash does not send twice — except when the worker died after
 * the mail server accepted the message and before that was recorded: then the same message goes
 * again with the same Message-ID, which receiving servers and clients treat as one.
 */
export function sendRequestHandler(ctx: AppContext, options: SendOptions = {}): JobHandler {
  const atStep = options.atStep ?? (async () => {});
  // The links secret is made on its first use; sends running at once must not each make one
  // (keys/signing-secrets.ts has no lock), so concurrent lookups for a store share one.
  const pending = new Map<string, Promise<string>>();
  const linkSecret = (storeId: string) => {
    let lookup = pending.get(storeId);
    if (!lookup) {
      lookup = linkSecretFor(ctx, storeId).finally(() => pending.delete(storeId));
      pending.set(storeId, lookup);
    }
    return lookup;
  };
  return async (job: ClaimedJob) => {
    const { requestId, message } = JSON.parse(job.payload) as SendPayload;
    const view = await loadRequestView(ctx.db, requestId);
    if (!view) return;
    const now = ctx.clock();
    const settings = await loadSettings(ctx.db.kysely, view.store.id);
    const skip = await reasonNotToSend(ctx, view, settings, message);
    if (skip) {
      if (skip.status && message === "first") {
        await ctx.db.kysely
          .updateTable("review_requests")
          .set({ status: skip.status, last_error: skip.skip })
          .where("id", "=", requestId)
          .where("status", "=", "scheduled")
          .execute();
      }
      return;
    }
    const { mailer, publicUrl } = ctx;
    // Not a failure of this message: it waits (with backoff) until mail is configured. The request
    // says why (the merchant sees it in the list), and fails when the attempts run out, so it is
    // not left "scheduled" with no job behind it ("send now" takes it up again).
    if (!mailer || !publicUrl || !settings?.from.email) {
      const reason = "mail is not configured (PLAUDIT_SMTP_URL, PLAUDIT_PUBLIC_URL, from address)";
      if (message === "first") {
        await ctx.db.kysely
          .updateTable("review_requests")
          .set({
            last_error: reason,
            ...(job.attempts >= job.max_attempts ? { status: "failed" as const } : {}),
          })
          .where("id", "=", requestId)
          .where("status", "=", "scheduled")
          .execute();
      }
      throw new Error(reason);
    }

    await options.beforeSlot?.(requestId);
    const slot = await takeAddressSlot(ctx, view, settings, message, now, options.underAddressLock);
    if (slot !== "taken") {
      if (message === "first") {
        await ctx.db.kysely
          .updateTable("review_requests")
          .set({
            status: "suppressed",
            last_error:
              slot === "cap"
                ? "the address had its most messages for 30 days"
                : "the address is on the suppression list",
          })
          .where("id", "=", requestId)
          .where("status", "=", "scheduled")
          .execute();
      }
      return;
    }
    await atStep("before-smtp", requestId);
    const links = requestLinks(publicUrl, view, await linkSecret(view.store.id), now);
    const mail = requestEmail({
      to: view.request.email as string,
      from: { name: settings.from.name, address: settings.from.email },
      replyTo: settings.replyTo,
      storeName: view.store.name,
      customerName: view.customerName,
      locale: requestLocale(view.locale),
      products: view.products,
      pageUrl: links.pageUrl,
      unsubscribeUrl: links.unsubscribeUrl,
      theme: settings.theme,
      ...(message === "first"
        ? { messageId: view.request.message_id }
        : { messageId: reminderMessageIdOf(view.request.message_id), inReplyTo: view.request.message_id }),
      reminder: message === "reminder",
    });
    try {
      await mailer.send(mail);
    } catch (error) {
      const refused = error instanceof MailRefused ? error : new MailRefused(String(error), false);
      const final = refused.permanent || job.attempts >= job.max_attempts;
      if (message === "first") {
        await ctx.db.kysely
          .updateTable("review_requests")
          .set({ last_error: refused.message.slice(0, 500), ...(final ? { status: "failed" as const } : {}) })
          .where("id", "=", requestId)
          .where("status", "=", "scheduled")
          .execute();
      } else if (final) {
        // A reminder that will never go gives its place under the cap back.
        await ctx.db.kysely
          .updateTable("review_requests")
          .set({ reminder_claimed_at: null })
          .where("id", "=", requestId)
          .where("reminder_sent_at", "is", null)
          .execute();
      }
      throw refused.permanent ? new PermanentJobError(refused.message) : refused;
    }
    await atStep("after-smtp", requestId);

    await transaction(ctx.db, async (tx) => {
      if (message === "reminder") {
        await tx
          .updateTable("review_requests")
          .set({ reminder_sent_at: now.toISOString() })
          .where("id", "=", requestId)
          .where("reminder_sent_at", "is", null)
          .execute();
        return;
      }
      const recorded = await tx
        .updateTable("review_requests")
        .set({ status: "sent", sent_at: now.toISOString(), last_error: null })
        .where("id", "=", requestId)
        .where("status", "=", "scheduled")
        .returning("id")
        .executeTakeFirst();
      if (recorded && settings.reminderDays > 0) {
        const payload: SendPayload = { requestId, message: "reminder" };
        await enqueueJob(
          tx,
          {
            kind: SEND_JOB,
            payload,
            runAt: new Date(now.getTime() + settings.reminderDays * DAY_MS),
            uniqueKey: sendJobKey(requestId, "reminder"),
          },
          now,
        );
      }
    });
    await atStep("after-record", requestId);
  };
}
