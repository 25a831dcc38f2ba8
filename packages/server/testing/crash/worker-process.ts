import { type ChildProcess, spawn } from "node:child_process";
import { cliBin } from "../cli-process.ts";

// `plaudit-server worker` in its own process, for the tests that race workers or kill them.

// biome-ignore lint/suspicious/noExplicitAny: a JSON log line, read by the tests' predicates
export type LogLine = Record<string, any>;

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed (for a failing test's message). */
  output(): string;
  /** The first JSON log line `matches` accepts (already printed or still to come). */
  line(matches: (line: LogLine) => boolean): Promise<LogLine>;
}

/** Starts `plaudit-server worker` with `env` added to this process's environment. */
export function startWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [cliBin, "worker"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const lines: LogLine[] = [];
  const waiting: Array<{ matches: (line: LogLine) => boolean; done: (line: LogLine) => void }> = [];
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    partial += chunk.toString();
    const complete = partial.split("\n");
    partial = complete.pop() ?? "";
    for (const text of complete) {
      let parsed: LogLine;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue;
      }
      lines.push(parsed);
      for (const wait of [...waiting]) {
        if (!wait.matches(parsed)) continue;
        waiting.splice(waiting.indexOf(wait), 1);
        wait.done(parsed);
      }
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return {
    child,
    output: () => output,
    line(matches) {
      const seen = lines.find(matches);
      if (seen) return Promise.resolve(seen);
      return new Promise((done, fail) => {
        waiting.push({ matches, done });
        child.once("exit", (code, signal) =>
          fail(new Error(`worker exited (${code ?? signal}) before the line came:\n${output}`)),
        );
      });
    },
  };
}

const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Sends `signal` and waits for the exit. */
function signalWorker(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((done) => {
    if (ended(child)) return done();
    child.once("exit", () => done());
    child.kill(signal);
  });
}

/** SIGTERM: the worker finishes its turn and exits. */
export const stopWorker = (child: ChildProcess) => signalWorker(child, "SIGTERM");

/** SIGKILL: nothing of the worker runs after it — no handler, no flush, no settling of its jobs. */
export const killWorker = (child: ChildProcess) => signalWorker(child, "SIGKILL");

/** Polls `check` until it holds (workers run on the machine's own time); gives up after `seconds`. */
export async function eventually(check: () => Promise<boolean>, what: string, seconds = 120): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resume) => setTimeout(resume, 100));
  }
}
