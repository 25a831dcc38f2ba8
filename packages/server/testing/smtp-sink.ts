import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server on 127.0.0.1 that keeps what it receives, parsed, for tests to read back. */
export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** Each parsed message exactly as received (same order as `messages`). */
  raws: string[];
  /** Messages received (parsed or not). */
  count(): number;
  /** The first message exactly as received (kept when parsing is off too). */
  firstRaw(): string | undefined;
  /** While down, new connections and new messages get a temporary failure (421). */
  setDown(down: boolean): void;
  /** From now on `address` is refused as a mail server refuses an unknown mailbox (550, naming it). */
  refuseRecipient(address: string): void;
  /**
   * From now on (until null) every sender is refused with this code, as a relay refuses a from
   * address the account may not use (Postfix: 553 5.7.1 Sender address rejected: not owned by user).
   */
  refuseSender(code: number | null): void;
  /** Resolves once `count` messages have arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

/** `parse: false` keeps only a count and the first message's source (benchmarks: no parsing cost). */
export async function startSmtpSink(options: { parse?: boolean } = {}): Promise<SmtpSink> {
  const parse = options.parse ?? true;
  const messages: ParsedMail[] = [];
  const raws: string[] = [];
  let received = 0;
  let first: string | undefined;
  const waiters: { count: number; done: () => void }[] = [];
  let down = false;
  const refused = new Set<string>();
  let senderRefusal: number | null = null;
  const unavailable = () => Object.assign(new Error("try again later"), { responseCode: 421 });
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onConnect(_session, callback) {
      callback(down ? unavailable() : undefined);
    },
    onMailFrom(address, _session, callback) {
      if (down) return callback(unavailable());
      if (senderRefusal === null) return callback();
      const error = new Error(`<${address.address}>: Sender address rejected: not owned by user`);
      callback(Object.assign(error, { responseCode: senderRefusal }));
    },
    onRcptTo(address, _session, callback) {
      if (!refused.has(address.address.toLowerCase())) return callback();
      // As Postfix says it: the address itself is in the refusal.
      const error = new Error(`<${address.address}>: Recipient address rejected: User unknown`);
      callback(Object.assign(error, { responseCode: 550 }));
    },
    onData(stream, _session, callback) {
      const arrived = () => {
        received++;
        for (const waiter of [...waiters]) {
          if (received >= waiter.count) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.done();
          }
        }
        callback();
      };
      if (!parse) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => {
          if (first === undefined) chunks.push(chunk);
        });
        stream.on("end", () => {
          first ??= Buffer.concat(chunks).toString("utf8");
          arrived();
        });
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            messages.push(mail);
            raws.push(raw.toString("utf8"));
            arrived();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  // A client that dies mid-session (a worker killed with SIGKILL) resets its connection: that is
  // the client's crash, not the sink's, and must not surface as an uncaught error.
  server.on("error", () => {});
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", () => done()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    raws,
    setDown(value) {
      down = value;
    },
    refuseRecipient(address) {
      refused.add(address.toLowerCase());
    },
    refuseSender(code) {
      senderRefusal = code;
    },
    count: () => received,
    firstRaw: () => first,
    waitFor(count) {
      if (received >= count) return Promise.resolve();
      return new Promise((done) => waiters.push({ count, done }));
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
