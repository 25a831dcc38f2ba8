/** One message as Plaudit composes it; a Mailer turns it into SMTP. */
export interface OutgoingMail {
  from: { name: string; address: string };
  /** Where answers go when not to `from` (the store's settings.replyTo). */
  replyTo?: string | null;
  to: string;
  subject: string;
  /** Written for people, not stripped HTML. */
  text: string;
  html: string;
  /** `<…@…>`: the same for every attempt at one message, so a resend is recognisably the same. */
  messageId: string;
  /**
   * The Message-ID of the message this one follows up (a reminder: its request's first message),
   * sent as In-Reply-To and References so mail clients show both in one conversation.
   */
  inReplyTo?: string;
  /** The RFC 8058 one-click unsubscribe address (List-Unsubscribe + List-Unsubscribe-Post). */
  unsubscribeUrl?: string;
  /**
   * Where a mail client that unsubscribes by mail sends its request (List-Unsubscribe's mailto,
   * RFC 2369, beside the one-click URL): the store's reply address. The request carries the
   * one-click URL in its body, for whoever reads it there.
   */
  unsubscribeMailto?: string;
  /** Content language (`he` makes the HTML right-to-left; this only labels the message). */
  language?: string;
}

/**
 * A name or a subject as one line: each run of line breaks and other control characters (with the
 * spaces around it) becomes one space. A header cannot carry them (nodemailer would encode them,
 * and a client would show a sender or subject broken over lines), and names in a text part should
 * not break its lines either.
 */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  return text.replace(/\s*[\x00-\x1f\x7f\u2028\u2029]+\s*/g, " ").trim();
}

export interface Mailer {
  /** Resolves when the mail server accepted the message; rejects otherwise (MailRefused says how). */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The mail server refused: `permanent` when trying again cannot help (a 5xx for the recipient). */
export class MailRefused extends Error {
  override name = "MailRefused";
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
