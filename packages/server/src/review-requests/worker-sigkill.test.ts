import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AdminCall,
  adminCalls,
  enableRequests,
  fulfilledOrder,
} from "../../testing/crash/worker-data.ts";
import { eventually, killWorker, startWorker, stopWorker } from "../../testing/crash/worker-process.ts";
import { makeStore } from "../../testing/fixtures.ts";
import { recipientOf } from "../../testing/request-test-kit.ts";
import { type SmtpSink, startSmtpSink } from "../../testing/smtp-sink.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import { createApp } from "../app.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { SEND_STEPS } from "./send.ts";

// Real crashes: `plaudit-server worker` in its own process is killed with SIGKILL in the middle of
// sending, then a new worker process starts. No job may be lost, and none sent twice beyond what
// API.md allows: after a crash between the mail server's acceptance and its record, the message
// goes again under the same Message-ID. Each request ends sent, under exactly one Message-ID, with
// one reminder job. PLAUDIT_TEST_HALT_AT holds a send at one step so the kill lands exactly there;
// the last test kills a worker wherever it happens to be.

const quiet: Logger = { info() {}, warn() {}, error() {} };
const PUBLIC_URL = "http://reviews.test";

describe.each(databasesUnderTest())("a worker process killed with SIGKILL on %s", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let sink: SmtpSink;
  let call: AdminCall;
  let storeId: string;
  beforeAll(async () => {
    let url: string;
    ({ db, drop, url } = await openTestDatabase(kind));
    sink = await startSmtpSink();
    env = { DATABASE_URL: url, PLAUDIT_SMTP_URL: sink.url, PLAUDIT_PUBLIC_URL: PUBLIC_URL };
    const { app, ctx } = createApp({ db, logger: quiet, publicUrl: PUBLIC_URL });
    ctx.metrics.detach();
    const store = await makeStore(db);
    storeId = store.storeId;
    call = adminCalls(app, PUBLIC_URL, store.secretKey);
    await enableRequests(call, 3);
  });
  afterAll(async () => {
    await db.close();
    await drop();
    await sink.close();
  });

  /** `count` fulfilled orders, due now; returns their addresses. */
  async function orders(prefix: string, count: number): Promise<string[]> {
    const emails: string[] = [];
    for (let i = 0; i < count; i++) {
      const email = `${prefix}-${i}@example.com`;
      await fulfilledOrder(call, `${prefix}-${i}`, email);
      emails.push(email);
    }
    return emails;
  }

  const requestsOf = (prefix: string) =>
    db.kysely
      .selectFrom("review_requests")
      .selectAll()
      .where("store_id", "=", storeId)
      .where("order_id", "like", `${prefix}-%`)
      .execute();

  /** The dead worker's claims outlive it; its lease runs out (as DEFAULT_LEASE_MS later would). */
  async function leaseRunsOut(workerId: string): Promise<string[]> {
    const held = await db.kysely
      .selectFrom("jobs")
      .select("unique_key")
      .where("locked_by", "=", workerId)
      .where("status", "=", "running")
      .execute();
    await db.kysely
      .updateTable("jobs")
      .set({ lease_until: new Date(Date.now() - 1000).toISOString() })
      .where("locked_by", "=", workerId)
      .where("status", "=", "running")
      .execute();
    return held.map((job) => job.unique_key ?? "");
  }

  /** A fresh worker finishes everything that is due; then it is stopped. */
  async function restartAndFinish(prefix: string, count: number): Promise<void> {
    const worker = startWorker(env);
    try {
      await eventually(async () => {
        const requests = await requestsOf(prefix);
        const firstJobs = await db.kysely
          .selectFrom("jobs")
          .select("status")
          .where(
            "unique_key",
            "in",
            requests.map((r) => `review-request:${r.id}:first`),
          )
          .execute();
        return firstJobs.length === count && firstJobs.every((job) => job.status === "done");
      }, `every first message of ${prefix} done\n${worker.output()}`);
    } finally {
      await stopWorker(worker.child);
    }
  }

  /**
   * Each request sent, every copy of its message under its one Message-ID, one reminder job each.
   * Returns how many copies each address got: 1, plus one for each crash that fell between the
   * mail server's acceptance and the record (at most `kills`).
   */
  async function expectEachSentOnce(
    prefix: string,
    emails: string[],
    kills: number,
  ): Promise<Map<string, number>> {
    const requests = await requestsOf(prefix);
    expect(requests).toHaveLength(emails.length);
    const mine = (m: ParsedMail) => emails.includes(recipientOf(m) ?? "");
    await eventually(
      async () => new Set(sink.messages.filter(mine).map((m) => m.messageId)).size === emails.length,
      "every message parsed by the sink",
    );
    const copies = new Map<string, number>();
    for (const request of requests) {
      expect(request.status).toBe("sent");
      const messages = sink.messages.filter((m) => recipientOf(m) === request.email);
      expect(new Set(messages.map((m) => m.messageId))).toEqual(new Set([request.message_id]));
      expect(messages.length).toBeGreaterThanOrEqual(1);
      expect(messages.length).toBeLessThanOrEqual(1 + kills);
      copies.set(request.email as string, messages.length);
      const reminders = await db.kysely
        .selectFrom("jobs")
        .select("id")
        .where("unique_key", "=", `review-request:${request.id}:reminder`)
        .execute();
      expect(reminders).toHaveLength(1);
    }
    return copies;
  }

  it.each(SEND_STEPS)(
    "killed at %s and restarted: nothing lost, nothing sent twice but the allowed resend",
    async (step) => {
      const emails = await orders(`k-${step}`, 6);
      const doomed = startWorker({ ...env, PLAUDIT_TEST_HALT_AT: step });
      const { workerId } = await doomed.line((l) => l.msg === "worker started");
      const halted = await doomed.line((l) => l.msg === "halted for a test");
      await killWorker(doomed.child);
      expect(doomed.child.signalCode).toBe("SIGKILL");
      // The halted send's job is still held by the dead worker.
      expect(await leaseRunsOut(workerId)).toContain(`review-request:${halted.requestId}:first`);
      const [haltedRequest] = (await requestsOf(`k-${step}`)).filter((r) => r.id === halted.requestId);
      expect(haltedRequest?.status).toBe(step === "after-record" ? "sent" : "scheduled");

      await restartAndFinish(`k-${step}`, emails.length);
      const copies = await expectEachSentOnce(`k-${step}`, emails, 1);
      // Only a send that died after the mail server accepted it and before its record goes twice.
      // Other sends of the worker were wherever they were when it died (1 or 2 copies each).
      expect(copies.get(haltedRequest?.email as string)).toBe(step === "after-smtp" ? 2 : 1);
    },
    240_000,
  );

  it("killed twice wherever it is, restarted each time: every request sent under one Message-ID", async () => {
    const emails = await orders("load", 24);
    const delivered = () => sink.messages.filter((m) => emails.includes(recipientOf(m) ?? "")).length;
    for (const after of [3, 10]) {
      const worker = startWorker(env);
      const { workerId } = await worker.line((l) => l.msg === "worker started");
      // Killed once this many messages arrived (counted, not timed; wherever the worker then is).
      await eventually(async () => delivered() >= after || worker.child.exitCode !== null, "messages arrive");
      await killWorker(worker.child);
      await leaseRunsOut(workerId);
    }
    await restartAndFinish("load", emails.length);
    await expectEachSentOnce("load", emails, 2);
  }, 240_000);
});
