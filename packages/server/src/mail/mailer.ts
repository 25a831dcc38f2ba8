/** One message as Plaudit composes it; a Mailer turns it into SMTP. */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  /** Written for people, not stripped HTML. */
  text: string;
  html: string;
  /** `<…@…>`: the same for every attempt at one message, so a resend is recognisably the same. */
  messageId: string;
  /** The RFC 8058 one-click unsubscribe address (List-Unsubscribe + List-Unsubscribe-Post). */
  unsubscribeUrl?: string;
  /** Content language (`he` makes the HTML right-to-left; this only labels the message). */
  language?: string;
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
