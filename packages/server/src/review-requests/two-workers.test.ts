import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCalls, enableRequests, fulfilledOrder } from "../../testing/crash/worker-data.ts";
import { eventually, startWorker, stopWorker } from "../../testing/crash/worker-process.ts";
import { makeStore } from "../../testing/fixtures.ts";
import { type SmtpSink, startSmtpSink } from "../../testing/smtp-sink.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import { createApp } from "../app.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";

// Two `plaudit-server worker` processes on one PostgreSQL database race for the same due requests
// (FOR UPDATE SKIP LOCKED): every request is sent, none twice.

const REQUESTS = 40;
const quiet: Logger = { info() {}, warn() {}, error() {} };

describe.runIf(databasesUnderTest().includes("postgres"))("two worker processes on one PostgreSQL", () => {
  let db: Database;
  let drop: () => Promise<void>;
  let url: string;
  let sink: SmtpSink;
  beforeAll(async () => {
    ({ db, drop, url } = await openTestDatabase("postgres"));
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await db.close();
    await drop();
    await sink.close();
  });

  it("sends each request exactly once", async () => {
    const { app, ctx } = createApp({ db, logger: quiet, publicUrl: "http://reviews.test" });
    const { secretKey } = await makeStore(db);
    const call = adminCalls(app, "http://reviews.test", secretKey);
    await enableRequests(call);
    for (let i = 0; i < REQUESTS; i++) await fulfilledOrder(call, `o-${i}`, `buyer${i}@example.com`);
    ctx.metrics.detach();

    const env = { DATABASE_URL: url, PLAUDIT_SMTP_URL: sink.url, PLAUDIT_PUBLIC_URL: "http://reviews.test" };
    const workers = [startWorker(env), startWorker(env)];
    try {
      await sink.waitFor(REQUESTS);
      await eventually(async () => {
        const left = await db.kysely
          .selectFrom("jobs")
          .select("id")
          .where("status", "in", ["queued", "running"])
          .execute();
        return left.length === 0;
      }, "every job finished");
    } finally {
      await Promise.all(workers.map((w) => stopWorker(w.child)));
    }
    const ids = sink.messages.map((m) => m.messageId);
    expect(ids).toHaveLength(REQUESTS);
    expect(new Set(ids).size).toBe(REQUESTS);
    const sent = await db.kysely.selectFrom("review_requests").select("status").execute();
    expect(sent.filter((r) => r.status === "sent")).toHaveLength(REQUESTS);
  }, 120_000);
});
