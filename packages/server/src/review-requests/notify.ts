import { productsByIds } from "../catalog/catalog.ts";
import type { AppContext } from "../context.ts";
import type { Tx } from "../db/transaction.ts";
import { html, type SafeHtml, textWithBreaks } from "../html/safe-html.ts";
import { type ClaimedJob, enqueueJob, type JobHandler } from "../jobs/index.ts";
import { linkSecretFor } from "../keys/link-secret.ts";
import { oneLine } from "../mail/mailer.ts";
import { findStore } from "../stores/store-repo.ts";
import { isSuppressed } from "../suppression/index.ts";
import { emailColors } from "./email-colors.ts";
import { EMAIL_FONT, emailDocument, linkStyle } from "./email-frame.ts";
import { NOTICES_BINDING, signLink } from "./link-token.ts";
import { messagesFor, type RequestLocale, requestLocale } from "./messages.ts";
import { loadSettings } from "./settings.ts";

// Two notifications ride the job runner too: the merchant hears of a review waiting for
// moderation, and a reviewer hears once when the merchant replies (with an unsubscribe link).

export const NOTIFY_PENDING_JOB = "notify.review-pending";
export const NOTIFY_REPLY_JOB = "notify.review-reply";
type NotifyPayload = { reviewId: string };

async function enqueueNotice(tx: Tx, kind: string, reviewId: string, now: Date): Promise<void> {
  await enqueueJob(tx, { kind, payload: { reviewId }, runAt: now, uniqueKey: `${kind}:${reviewId}` }, now);
}

export const enqueuePendingNotice = (tx: Tx, reviewId: string, now: Date) =>
  enqueueNotice(tx, NOTIFY_PENDING_JOB, reviewId, now);

/** Keyed by review: a reply edited or removed and set again is still told only once. */
export const enqueueReplyNotice = (tx: Tx, reviewId: string, now: Date) =>
  enqueueNotice(tx, NOTIFY_REPLY_JOB, reviewId, now);

/**
 * The language a reviewer reads: their order's, for a review written through a request; else their
 * latest order's that has one (by customer, then by address); else English.
 */
async function reviewerLocale(
  ctx: AppContext,
  review: { id: string; store_id: string; customer_id: string | null; author_email: string | null },
): Promise<RequestLocale> {
  const db = ctx.db.kysely;
  const viaRequest = await db
    .selectFrom("review_request_reviews")
    .innerJoin("review_requests", "review_requests.id", "review_request_reviews.request_id")
    .innerJoin("orders", (join) =>
      join
        .onRef("orders.store_id", "=", "review_requests.store_id")
        .onRef("orders.order_id", "=", "review_requests.order_id"),
    )
    .select("orders.locale")
    .where("review_request_reviews.review_id", "=", review.id)
    .executeTakeFirst();
  if (viaRequest?.locale) return requestLocale(viaRequest.locale);
  const latest = (column: "customer_id" | "email", value: string) =>
    db
      .selectFrom("orders")
      .select("locale")
      .where("store_id", "=", review.store_id)
      .where((eb) =>
        column === "email"
          ? eb(eb.fn("lower", ["email"]), "=", value.trim().toLowerCase())
          : eb(column, "=", value),
      )
      .where("locale", "is not", null)
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
  const byCustomer = review.customer_id ? await latest("customer_id", review.customer_id) : undefined;
  if (byCustomer?.locale) return requestLocale(byCustomer.locale);
  const byAddress = review.author_email ? await latest("email", review.author_email) : undefined;
  return requestLocale(byAddress?.locale);
}

/** The language of a reviewer by review: the reply notice's unsubscribe page speaks the notice's. */
export async function reviewerLocaleOf(ctx: AppContext, reviewId: string): Promise<RequestLocale> {
  const review = await ctx.db.kysely
    .selectFrom("reviews")
    .select(["id", "store_id", "customer_id", "author_email"])
    .where("id", "=", reviewId)
    .executeTakeFirst();
  return review ? reviewerLocale(ctx, review) : "en";
}

/** A notice in the frame of every Plaudit email; its first line is the inbox's preview. */
const noticeDocument = (
  locale: RequestLocale,
  title: string,
  preheader: string,
  storeName: string,
  colors: ReturnType<typeof emailColors>,
  content: { body: SafeHtml; footer: SafeHtml },
) =>
  emailDocument({
    locale,
    dir: messagesFor(locale).dir,
    title,
    preheader,
    heading: oneLine(storeName),
    colors,
    ...content,
  });

async function reviewFacts(ctx: AppContext, reviewId: string) {
  const review = await ctx.db.kysely
    .selectFrom("reviews")
    .selectAll()
    .where("id", "=", reviewId)
    .executeTakeFirst();
  if (!review) return undefined;
  const store = await findStore(ctx.db, review.store_id);
  if (!store) return undefined;
  const settings = await loadSettings(ctx.db.kysely, store.id);
  const product = (await productsByIds(ctx.db.kysely, store.id, [review.product_id])).get(review.product_id);
  return { review, store, settings, productName: product?.name ?? review.product_id };
}

function mailReady(ctx: AppContext, from: string | undefined) {
  if (!ctx.mailer || !ctx.publicUrl || !from)
    throw new Error("mail is not configured (PLAUDIT_SMTP_URL, PLAUDIT_PUBLIC_URL, from address)");
  return { mailer: ctx.mailer, publicUrl: ctx.publicUrl };
}

type ReviewFacts = NonNullable<Awaited<ReturnType<typeof reviewFacts>>>;
type Settings = NonNullable<ReviewFacts["settings"]>;

/**
 * A notice job: the review's facts, nothing sent unless `due` says so, then one message made by
 * `write` from the store's sender, with a Message-ID of `kind` and the review (sent once).
 */
function noticeHandler(
  ctx: AppContext,
  kind: string,
  due: (facts: ReviewFacts) => Promise<Settings | undefined>,
  write: (
    facts: ReviewFacts,
    publicUrl: string,
  ) => Promise<{
    to: string;
    subject: string;
    text: string;
    html: string;
    unsubscribeUrl?: string;
    /** The shopper's answers go where the store says (the merchant's own notices: to `from`). */
    replyTo?: string | null;
    language: RequestLocale;
  }>,
): JobHandler {
  return async (job: ClaimedJob) => {
    const { reviewId } = JSON.parse(job.payload) as NotifyPayload;
    const facts = await reviewFacts(ctx, reviewId);
    const settings = facts && (await due(facts));
    if (!facts || !settings) return;
    const { mailer, publicUrl } = mailReady(ctx, settings.from.email);
    const mail = await write(facts, publicUrl);
    await mailer.send({
      from: { name: settings.from.name, address: settings.from.email },
      ...mail,
      ...(mail.unsubscribeUrl ? { unsubscribeMailto: settings.replyTo || settings.from.email } : {}),
      messageId: `<${kind}-${reviewId}@${new URL(publicUrl).hostname}>`,
    });
  };
}

export function pendingNoticeHandler(ctx: AppContext): JobHandler {
  return noticeHandler(
    ctx,
    "review-pending",
    async ({ settings, review }) =>
      settings?.notifyEmail && review.status === "pending" ? settings : undefined,
    async ({ settings, store, productName, review }, publicUrl) => {
      // The merchant's own language (settings.notifyLocale), not the shopper's.
      const language = settings?.notifyLocale ?? "en";
      const t = messagesFor(language);
      const subject = t.pendingSubject(productName);
      const line = t.pendingBody(store.name, productName);
      const adminUrl = `${publicUrl}/admin/`;
      const to = settings?.notifyEmail as string;
      // Like every message, one click stops them (List-Unsubscribe, RFC 8058): here by clearing
      // the store's notify address, not by suppressing it as a shopper's.
      const token = signLink(
        await linkSecretFor(ctx, store.id),
        { kind: "n", id: review.id, storeId: store.id, bindsTo: NOTICES_BINDING, email: to },
        ctx.clock(),
      );
      const unsubscribeUrl = `${publicUrl}/r/unsubscribe/${token}`;
      const colors = emailColors(settings?.theme);
      return {
        to,
        subject,
        text: `${oneLine(store.name)}\n\n${line}\n\n${adminUrl}\n\n--\n${t.stopNotices}: ${unsubscribeUrl}\n`,
        html: noticeDocument(language, subject, line, store.name, colors, {
          body: html`<p style="margin:0 0 12px">${line}</p><p style="margin:0"><a href="${adminUrl}" style="${linkStyle(colors)}">${adminUrl}</a></p>`,
          footer: html`<a href="${unsubscribeUrl}" style="${linkStyle(colors)}">${t.stopNotices}</a>`,
        }),
        unsubscribeUrl,
        language,
      };
    },
  );
}

export function replyNoticeHandler(ctx: AppContext): JobHandler {
  return noticeHandler(
    ctx,
    "review-reply",
    async ({ review, store, settings }) =>
      review.reply_body &&
      review.author_email &&
      settings?.enabled &&
      !(await isSuppressed(ctx.db.kysely, store.id, review.author_email))
        ? settings
        : undefined,
    async ({ review, store, productName, settings }, publicUrl) => {
      const email = review.author_email as string;
      const language = await reviewerLocale(ctx, review);
      const t = messagesFor(language);
      const token = signLink(
        await linkSecretFor(ctx, store.id),
        { kind: "v", id: review.id, storeId: store.id, bindsTo: review.product_id, email },
        ctx.clock(),
      );
      const unsubscribeUrl = `${publicUrl}/r/unsubscribe/${token}`;
      const subject = t.replySubject(store.name);
      const intro = t.replyIntro(store.name, productName);
      const colors = emailColors(settings?.theme);
      // The reply as a quoted cell, not a <blockquote>: Word gives a blockquote its own margins.
      const quote = html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 16px"><tr><td class="text" dir="auto" style="padding:8px 12px;${t.dir === "rtl" ? "border-right" : "border-left"}:3px solid #8c959f;${EMAIL_FONT};font-size:16px;line-height:1.5;color:${colors.light.text}">${textWithBreaks(review.reply_body as string)}</td></tr></table>`;
      return {
        to: email,
        subject,
        text: `${oneLine(store.name)}\n\n${intro}\n\n${review.reply_body}\n\n--\n${t.unsubscribe}: ${unsubscribeUrl}\n`,
        html: noticeDocument(language, subject, intro, store.name, colors, {
          body: html`<p style="margin:0 0 12px">${intro}</p>${quote}`,
          footer: html`<a href="${unsubscribeUrl}" style="${linkStyle(colors)}">${t.unsubscribe}</a>`,
        }),
        unsubscribeUrl,
        replyTo: settings?.replyTo ?? null,
        language,
      };
    },
  );
}
