// What `plaudit-server start` and `worker` write, from their first line to their last, is one JSON
// object per line (a log shipper parsing JSON lines keeps them all): on stdout, and on stderr a
// warning about a mistyped setting (a refusal too: cli-refusals.test.ts). Before, the "listening"
// and "Metrics" lines (and the demo's notices) were plain text amid the JSON log, and so was the
// warning.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliBin } from "../testing/cli-process.ts";

const dir = mkdtempSync(join(tmpdir(), "plaudit-log-lines-"));
const children: ChildProcess[] = [];
afterAll(() => {
  // A test that timed out never reached its stop(): its process must not outlive the run.
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line (parsed) `matches` accepts. */
  line(matches: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

function run(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, [cliBin, ...args], {
    cwd: dir,
    env: { ...process.env, HOST: "127.0.0.1", PLAUDIT_DEMO_SECRET: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  const parsed = () =>
    stdout
      .split("\n")
      .slice(0, -1)
      .flatMap((text) => {
        try {
          return [JSON.parse(text) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  const waiters: Array<() => void> = [];
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    line(matches) {
      return new Promise((done, fail) => {
        const look = () => {
          const found = parsed().find(matches);
          if (found) return done(found);
          if (child.exitCode !== null) return fail(new Error(`exited first:\n${stdout}\n${stderr}`));
          waiters.push(look);
        };
        void exited.then(() => waiters.includes(look) && look());
        look();
      });
    },
    stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Every line is a JSON object with a level, an ISO time and a message. */
function expectJsonLines(output: string) {
  const lines = output.split("\n");
  expect(lines.at(-1)).toBe("");
  for (const text of lines.slice(0, -1)) {
    let line: Record<string, unknown> | undefined;
    try {
      line = JSON.parse(text);
    } catch {
      throw new Error(`not a JSON log line: ${text}`);
    }
    expect(line).toMatchObject({
      level: expect.stringMatching(/^(info|warn|error)$/),
      time: expect.any(String),
      msg: expect.any(String),
    });
  }
}

describe("the server's and the worker's stdout", () => {
  it("start (with a metrics port), a request, SIGTERM: every line JSON", async () => {
    const server = run(["start", "--port", "0", "--database-url", join(dir, "start.sqlite")], {
      PLAUDIT_METRICS_PORT: "0",
      PLAUDIT_TRUST_PROXIES: "1",
    });
    try {
      const listening = await server.line((line) => String(line.msg).includes("listening"));
      expect(listening.msg).toMatch(/^Plaudit is listening on http:\/\/localhost:\d+\//);
      const metrics = await server.line((line) => String(line.msg).startsWith("metrics on"));
      expect(metrics.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect((await fetch(`http://127.0.0.1:${listening.port}/healthz`)).status).toBe(200);
      expect((await fetch(String(metrics.url))).status).toBe(200);
      await server.line((line) => line.msg === "request" && line.route === "/healthz");
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.stdout()).toContain('"msg":"shutting down"');
    expect(server.stdout()).toContain('"msg":"stopped"');
    expectJsonLines(server.stdout());
    expectJsonLines(server.stderr());
    expect(server.stderr()).toContain('"level":"warn"');
    expect(server.stderr()).toContain("PLAUDIT_TRUST_PROXIES is not a Plaudit setting");
  }, 150_000);

  it("worker, SIGTERM: every line JSON", async () => {
    const worker = run(["worker", "--database-url", join(dir, "worker.sqlite")], { PLAUDIT_SMTP_HOST: "x" });
    try {
      await worker.line((line) => line.msg === "worker started");
    } finally {
      expect(await worker.stop()).toBe(0);
    }
    expect(worker.stdout()).toContain('"msg":"worker stopped"');
    expectJsonLines(worker.stdout());
    expectJsonLines(worker.stderr());
    expect(worker.stderr()).toContain("PLAUDIT_SMTP_HOST is not a Plaudit setting");
  }, 150_000);
});
