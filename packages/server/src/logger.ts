/** Where the server's log lines go. The default writes one JSON object per line to stdout. */
export interface Logger {
  info(fields: Record<string, unknown>): void;
  /** A client's request refused late (by the database), worth a look, not a bug of ours. */
  warn(fields: Record<string, unknown>): void;
  error(fields: Record<string, unknown>): void;
}

// Lines are gathered and written once per turn of the event loop: a write per request line was
// a tenth of a cached read's cost (one syscall each), and a busy turn answers dozens of requests.
// Errors go out at once, after what is pending; what is pending is written on exit (stdout to a
// file or pipe is synchronous on Linux, so nothing is lost on a normal exit or a crash handler).
let pending: string[] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  if (pending.length === 0) return;
  const text = pending.join("");
  pending = [];
  process.stdout.write(text);
}

// Many lines share a millisecond under load: format the time once per millisecond.
let lastMs = 0;
let lastTime = "";
function time(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastTime = new Date(ms).toISOString();
  }
  return lastTime;
}

// The fields object is written as it is and the level and time spliced in front: no copy of it
// per line (this runs for every request).
function line(level: "info" | "warn" | "error", fields: Record<string, unknown>): string {
  const json = JSON.stringify(fields);
  const rest = json.length > 2 ? `,${json.slice(1)}` : "}";
  return `{"level":"${level}","time":"${time()}"${rest}\n`;
}

process.once("exit", flush);

export const jsonLogger: Logger = {
  info(fields) {
    pending.push(line("info", fields));
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  },
  warn(fields) {
    pending.push(line("warn", fields));
    flush();
  },
  error(fields) {
    pending.push(line("error", fields));
    flush();
  },
};

// `start` and `worker` are long-running processes whose output is a log: there even a refusal to
// start or a warning about a setting is a JSON line, or a log shipper parsing JSON lines dropped
// it. The commands typed by hand (stores, keys, migrate…) say the same in plain text.
let stderrAsJson = false;

/** From now on, stderrLine writes JSON log lines (the CLI's `start` and `worker`). */
export function jsonStderrLines(): void {
  stderrAsJson = true;
}

/**
 * One line for the operator on stderr, outside the request log: a refusal, a warning. `text` is
 * how a command typed by hand says it (`plaudit-server: …`); in `start` and `worker` it is
 * `fields` (with its `msg`) as a JSON log line.
 */
export function stderrLine(
  level: "warn" | "error",
  fields: { msg: string } & Record<string, unknown>,
  text: string,
): void {
  if (!stderrAsJson) {
    process.stderr.write(`${text}\n`);
    return;
  }
  flush();
  process.stderr.write(line(level, fields));
}

/**
 * `text` for a log line with each email address in it as `[address]`. A log is kept by the
 * operator's pipeline, beyond an erasure's reach, and holds ids, never a shopper's address — but
 * other programs' words may hold one: a mail server's refusal names the mailbox it refused.
 */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g, "[address]");
}

export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
};
