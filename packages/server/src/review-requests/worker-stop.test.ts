// A `plaudit-server worker` stopped with SIGTERM while its sends hang (a mail server that does not
// answer): it exits 0 within its grace, and the jobs it had claimed but not begun are back in the
// queue at once, so another worker sends them now — not after the 5-minute lease. The sends it
// was in the middle of keep their lease (they may have reached the mail server: a crash's rules).
// Before, stop() waited for the whole claimed turn: the worker never exited while a send hung.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCalls, enableRequests, fulfilledOrder } from "../../testing/crash/worker-data.ts";
import { eventually, startWorker, stopWorker } from "../../testing/crash/worker-process.ts";
import { makeStore } from "../../testing/fixtures.ts";
import { type SmtpSink, startSmtpSink } from "../../testing/smtp-sink.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import { createApp } from "../app.ts";
import type { Database } from "../db/database.ts";
import { DEFAULT_LEASE_MS } from "../jobs/runner.ts";
import type { Logger } from "../logger.ts";
import { SHUTDOWN_GRACE_MS } from "../shutdown.ts";

const quiet: Logger = { info() {}, warn() {}, error() {} };
const PUBLIC_URL = "http://reviews.test";
const REQUESTS = 10;
/** The runner's concurrency: that many sends hang at once. */
const HANGING = 4;

describe.each(databasesUnderTest())("a worker stopped while its sends hang, on %s", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let url: string;
  let sink: SmtpSink;
  beforeAll(async () => {
    ({ db, drop, url } = await openTestDatabase(kind));
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await db.close();
    await drop();
    await sink.close();
  });

  it("exits 0 within its grace and hands back the jobs it had not begun", async () => {
    const { app, ctx } = createApp({ db, logger: quiet, publicUrl: PUBLIC_URL });
    ctx.metrics.detach();
    const store = await makeStore(db);
    const call = adminCalls(app, PUBLIC_URL, store.secretKey);
    await enableRequests(call);
    for (let i = 0; i < REQUESTS; i++) await fulfilledOrder(call, `o-${i}`, `buyer${i}@example.com`);

    const env = { DATABASE_URL: url, PLAUDIT_SMTP_URL: sink.url, PLAUDIT_PUBLIC_URL: PUBLIC_URL };
    // Every send it begins hangs before the mail server, for good.
    const hung = startWorker({ ...env, PLAUDIT_TEST_HALT_AT: "before-smtp" });
    let second: ReturnType<typeof startWorker> | undefined;
    try {
      await hung.line((line) => line.msg === "halted for a test");
      const workerId = (await hung.line((line) => line.msg === "worker started")).workerId as string;
      // One turn claimed all of them; HANGING are begun.
      await eventually(async () => {
        const held = await db.kysely
          .selectFrom("jobs")
          .select("id")
          .where("locked_by", "=", workerId)
          .execute();
        return held.length === REQUESTS;
      }, "the worker claimed every job");

      const asked = Date.now();
      const exited = new Promise<number | null>((done) => hung.child.once("exit", (code) => done(code)));
      hung.child.kill("SIGTERM");
      const limit = SHUTDOWN_GRACE_MS + 10_000;
      const code = await Promise.race([
        exited,
        new Promise<"still running">((done) => setTimeout(() => done("still running"), limit)),
      ]);
      expect(code, hung.output()).toBe(0);
      expect(Date.now() - asked).toBeLessThan(limit);

      const jobs = await db.kysely.selectFrom("jobs").select(["status", "locked_by", "attempts"]).execute();
      // The begun sends keep their claim (their lease ends them for another worker)…
      expect(jobs.filter((job) => job.status === "running" && job.locked_by === workerId)).toHaveLength(
        HANGING,
      );
      // …the others are queued again, their claim not counted as an attempt.
      const back = jobs.filter((job) => job.status === "queued");
      expect(back).toHaveLength(REQUESTS - HANGING);
      expect(back.every((job) => job.locked_by === null && Number(job.attempts) === 0)).toBe(true);

      // Another worker sends them now, well within the lease the begun ones still hold.
      second = startWorker(env);
      await sink.waitFor(REQUESTS - HANGING);
      expect(DEFAULT_LEASE_MS).toBeGreaterThan(60_000);
      const to = sink.messages.map((message) => message.to);
      expect(new Set(to.map((address) => JSON.stringify(address))).size).toBe(REQUESTS - HANGING);
    } finally {
      if (hung.child.exitCode === null && hung.child.signalCode === null) hung.child.kill("SIGKILL");
      if (second) await stopWorker(second.child);
    }
  }, 180_000);
});
