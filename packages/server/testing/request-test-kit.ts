import type { ParsedMail } from "mailparser";
import type { Logger } from "../src/logger.ts";
import { smtpMailer } from "../src/mail/smtp-mailer.ts";
import type { SendOptions } from "../src/review-requests/send.ts";
import { serverJobRunner } from "../src/worker.ts";
import { makeStore, testClock } from "./fixtures.ts";
import { type SmtpSink, startSmtpSink } from "./smtp-sink.ts";
import { type DatabaseUnderTest, startTestServer, type TestServer } from "./test-server.ts";

const quiet: Logger = { info() {}, warn() {}, error() {} };

/** A server with a real SMTP sink behind its mailer, a hand-moved clock, and one store. */
export async function startRequestKit(
  kind: DatabaseUnderTest,
  store: { moderation?: "publish" | "hold" } = {},
) {
  const time = testClock(new Date("2026-03-01T12:00:00.000Z"));
  const sink: SmtpSink = await startSmtpSink();
  const mailer = smtpMailer(sink.url);
  const server: TestServer = await startTestServer({ db: kind, clock: time.clock, mailer });
  // Links must point at this server, whose port is known only now.
  server.app.ctx.publicUrl = server.url;
  const { storeId, secretKey, signingSecret } = await makeStore(server.db, { name: "Lumen & Co", ...store });
  const auth = { authorization: `Bearer ${secretKey}` };

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...auth, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: the tests' assertions check the shape
    return { status: response.status, json: (text ? JSON.parse(text) : null) as any };
  }

  const kit = {
    time,
    sink,
    server,
    storeId,
    secretKey,
    /** Signs customer tokens (the shop's own pages use it). */
    signingSecret,
    call,
    runner: (send?: SendOptions, workerId?: string, options: { batch?: number } = {}) =>
      serverJobRunner(
        { ...server.app.ctx, logger: quiet },
        { ...options, ...(send ? { send } : {}), ...(workerId ? { workerId } : {}) },
      ),
    async settings(overrides: Record<string, unknown> = {}) {
      const res = await call("PUT", "/v1/admin/review-requests/settings", {
        enabled: true,
        delayDays: 0,
        reminderDays: 7,
        from: { name: "Lumen & Co", email: "hello@lumen.example" },
        ...overrides,
      });
      if (res.status !== 200) throw new Error(`settings: ${JSON.stringify(res.json)}`);
    },
    async product(id: string, name: string) {
      await call("PUT", `/v1/admin/products/${encodeURIComponent(id)}`, {
        name,
        url: `https://lumen.example/p/${id}`,
        imageUrl: `https://cdn.lumen.example/${id}.jpg`,
      });
    },
    async order(orderId: string, overrides: Record<string, unknown> = {}) {
      const res = await call("POST", "/v1/admin/orders", {
        orderId,
        customerId: `cust-${orderId}`,
        email: "ana@example.com",
        customerName: "Ana",
        total: 40,
        currency: "EUR",
        items: [
          { productId: "lamp", quantity: 1, price: 30 },
          { productId: "bulb", quantity: 2, price: 5 },
        ],
        fulfilledAt: time.clock().toISOString(),
        ...overrides,
      });
      if (res.status !== 201) throw new Error(`order: ${JSON.stringify(res.json)}`);
    },
    /** Posts the hosted review page's form for the request `token` (see pageTokenOf). */
    postReviewForm(token: string, fields: Record<string, string>) {
      return postForm(`${server.url}/r/${token}/reviews`, fields);
    },
    async requestOf(orderId: string) {
      return server.db.kysely
        .selectFrom("review_requests")
        .selectAll()
        .where("store_id", "=", storeId)
        .where("order_id", "=", orderId)
        .executeTakeFirstOrThrow();
    },
    async close() {
      mailer.close();
      await server.close();
      await sink.close();
    },
  };
  return kit;
}

export type RequestKit = Awaited<ReturnType<typeof startRequestKit>>;

/** A parsed message's HTML part ("" when it has none). */
export function htmlOf(mail: ParsedMail): string {
  return typeof mail.html === "string" ? mail.html : "";
}

/** The links of a parsed message's HTML part. */
export function linksOf(mail: ParsedMail): string[] {
  return [...htmlOf(mail).matchAll(/href="([^"]+)"/g)].map((m) => (m[1] as string).replaceAll("&amp;", "&"));
}

/** The first link of a request mail to its hosted review page (`/r/q.…`); throws when there is none. */
export function pageLinkOf(mail: ParsedMail): string {
  const link = linksOf(mail).find((l) => l.includes("/r/q."));
  if (!link) throw new Error(`no review page link in the mail to ${recipientOf(mail)}`);
  return link;
}

/** The request token of a hosted review page link (`/r/<token>?product=…`). */
export function pageTokenOf(link: string): string {
  return new URL(link).pathname.split("/")[2] as string;
}

/** A form post as a browser without JavaScript sends it. */
export function postForm(url: string, fields: Record<string, string>) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

/** The RFC 8058 one-click unsubscribe as a mail client sends it: a form POST, no cookie, no page. */
export function postOneClick(url: string) {
  return postForm(url, { "List-Unsubscribe": "One-Click" });
}

/** A header exactly as sent (mailparser turns List-* headers into objects). */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(":") + 1).trim();
}

/** The one-click (https) address of a message's List-Unsubscribe, beside its mailto. */
export function oneClickUrlOf(mail: ParsedMail): string {
  const url = /<(https?:[^>]+)>/.exec(rawHeader(mail, "list-unsubscribe") ?? "")?.[1];
  if (!url) throw new Error(`no one-click unsubscribe in the mail to ${recipientOf(mail)}`);
  return url;
}

export function recipientOf(mail: ParsedMail): string | undefined {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address?.toLowerCase();
}
