import nodemailer from "nodemailer";
import { type Mailer, MailRefused, oneLine } from "./mailer.ts";

// Mailbox-side reasons that will not change on a retry: no such user, mailbox unavailable or
// name not allowed — answers to RCPT TO, the command that names the mailbox. Anything else (4xx,
// a refused connection, a timeout, 5xx about us such as a failed login, or the same codes for the
// sender: a relay refusing a from address the account may not use, Postfix's "553 Sender address
// rejected: not owned by user") may pass once the server or the store's settings are fixed, so
// it is retried.
const PERMANENT_CODES = new Set([550, 551, 553]);
const isMailboxRefusal = (error: unknown) => {
  const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
  return command === "RCPT TO" && PERMANENT_CODES.has(Number(responseCode));
};

// One mailbox, as an order may carry any text for its email: nodemailer reads "a@x.example,
// b@y.example" (or "Ana <a@x.example>, b@…") as several recipients, and would send one shopper's
// message, links and all, to each.
const ONE_ADDRESS = /^[^\s@<>"(),;:\\[\]]+@[^\s@<>"(),;:\\[\]]+$/;

/**
 * The one-click URL first (what Gmail, Yahoo and Outlook.com use with List-Unsubscribe-Post), then
 * the mailto that clients without one-click (Apple Mail) send: to the store's reply address, its
 * body the one-click URL.
 */
export function listUnsubscribe(url: string, mailto: string | undefined): string {
  if (!mailto) return `<${url}>`;
  const address = encodeURIComponent(mailto).replace(/%40/g, "@");
  return `<${url}>, <mailto:${address}?subject=unsubscribe&body=${encodeURIComponent(url)}>`;
}

/**
 * Sends through the SMTP server of `PLAUDIT_SMTP_URL` (`smtp://user:pass@host:587`, or
 * `smtps://…` for implicit TLS on 465) with a small pool of reused connections. Timeouts are set so
 * that a hung server fails an attempt well within a job's lease (jobs/runner.ts).
 */
export function smtpMailer(url: string): Mailer {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  const transport = nodemailer.createTransport({
    pool: true,
    // As many as the job runner sends at once (jobs/runner.ts, concurrency).
    maxConnections: 4,
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(parsed.username
      ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }
      : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      if (!ONE_ADDRESS.test(mail.to)) throw new MailRefused("the recipient is not one email address", true);
      const headers: Record<string, string | { prepared: true; value: string }> = {
        // Every Plaudit message is sent by a program, not in answer to one (RFC 3834): vacation
        // responders then stay quiet instead of answering each request into the store's inbox
        // (Exchange and Outlook read their own header for it).
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "OOF, AutoReply",
        // What older responders (vacation, mailing-list software) read for the same.
        Precedence: "bulk",
      };
      if (mail.unsubscribeUrl) {
        const value = listUnsubscribe(mail.unsubscribeUrl, mail.unsubscribeMailto);
        // On one line, as written: nodemailer would fold this long value right after the colon,
        // which RFC 5322 allows but some parsers (Python's email, policy.default) then read with a
        // leading space. Printable ASCII only cannot inject anything; anything else is left to
        // nodemailer's folding and encoding.
        headers["List-Unsubscribe"] = /^[\x20-\x7e]{1,900}$/.test(value) ? { prepared: true, value } : value;
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
      }
      if (mail.language) headers["Content-Language"] = mail.language;
      try {
        await transport.sendMail({
          from: { name: oneLine(mail.from.name), address: mail.from.address },
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          to: mail.to,
          subject: oneLine(mail.subject),
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo, references: [mail.inReplyTo] } : {}),
          headers,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new MailRefused(message, isMailboxRefusal(error));
      }
    },
    close: () => transport.close(),
  };
}
