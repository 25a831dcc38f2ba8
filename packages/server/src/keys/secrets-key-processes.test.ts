// PLAUDIT_SECRETS_KEY as an operator sets it (docs/operations.md, step 3), through the real CLI:
// - `plaudit-server worker` sends review requests, whose links are signed with the store's links
//   secret sealed under the key — it was started without the key (createApp's plain box) and
//   failed every request with "signing secrets are encrypted";
// - `start` and `worker` with a key the secrets were not sealed with, or none, refuse in one line —
//   `start` served and answered 500 to every signed-in shopper.
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBin, runCli } from "../../testing/cli-process.ts";
import { adminCalls, enableRequests, fulfilledOrder } from "../../testing/crash/worker-data.ts";
import { startWorker, stopWorker } from "../../testing/crash/worker-process.ts";
import { type SmtpSink, startSmtpSink } from "../../testing/smtp-sink.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import { createApp } from "../app.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { secretBox } from "./secret-box.ts";

const quiet: Logger = { info() {}, warn() {}, error() {} };
const PUBLIC_URL = "http://reviews.test";
const KEY = "the-secrets-key-of-this-test-0123456789";
const OTHER_KEY = "another-secrets-key-not-the-one-0123456";

function exitOf(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string; stdout: string }>((done) => {
    const child = execFile(
      process.execPath,
      [cliBin, ...args],
      { env: { ...process.env, HOST: "127.0.0.1", ...env }, timeout: 60_000 },
      (_error, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe.each(databasesUnderTest())("PLAUDIT_SECRETS_KEY in the processes, on %s", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let url: string;
  let sink: SmtpSink;
  let adminKey: string;
  beforeAll(async () => {
    ({ db, drop, url } = await openTestDatabase(kind));
    sink = await startSmtpSink();
    const made = await runCli(
      ["stores", "create", "sealed-shop", "--name", "Sealed", "--origin", "https://shop.example", "--json"],
      { DATABASE_URL: url, PLAUDIT_SECRETS_KEY: KEY },
    );
    adminKey = JSON.parse(made.stdout).adminKey;
  }, 120_000);
  afterAll(async () => {
    await db.close();
    await drop();
    await sink.close();
  });

  it("a worker with the key sends the review request, its links signed", async () => {
    const { app, ctx } = createApp({ db, logger: quiet, publicUrl: PUBLIC_URL, secrets: secretBox(KEY) });
    ctx.metrics.detach();
    const call = adminCalls(app, PUBLIC_URL, adminKey);
    await enableRequests(call);
    await fulfilledOrder(call, "o-sealed", "buyer@example.com");
    const worker = startWorker({
      DATABASE_URL: url,
      PLAUDIT_SMTP_URL: sink.url,
      PLAUDIT_PUBLIC_URL: PUBLIC_URL,
      PLAUDIT_SECRETS_KEY: KEY,
    });
    try {
      const outcome = await Promise.race([
        sink.waitFor(1).then(() => "sent"),
        worker.line((line) => /^job (will be retried|failed)$/.test(line.msg)).then((line) => line.error),
      ]);
      expect(outcome, worker.output()).toBe("sent");
      expect(sink.messages[0]?.text).toContain(`${PUBLIC_URL}/r/`);
    } finally {
      await stopWorker(worker.child);
    }
  }, 120_000);

  it("start and worker refuse another key, or none, in one line", async () => {
    for (const env of [{ PLAUDIT_SECRETS_KEY: OTHER_KEY }, { PLAUDIT_SECRETS_KEY: "" }]) {
      for (const args of [["start", "--port", "0"], ["worker"]]) {
        const run = await exitOf([...args, "--database-url", url], env);
        expect(run.code, run.stderr).toBe(1);
        // A JSON log line, as everything start and worker write.
        expect(run.stderr).toMatch(/^[^\n]+\n$/);
        expect(JSON.parse(run.stderr)).toMatchObject({
          level: "error",
          msg: expect.stringContaining("PLAUDIT_SECRETS_KEY"),
        });
        expect(run.stdout).not.toContain("listening");
      }
    }
  }, 180_000);
});
