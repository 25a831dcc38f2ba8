import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { retryDelayMs } from "./backoff.ts";
import { claimDueJobs, settleJob } from "./claim.ts";
import { enqueueJob } from "./enqueue.ts";
import { createJobRunner, type JobHandler, PermanentJobError } from "./runner.ts";

const quiet: Logger = { info() {}, warn() {}, error() {} };

describe.each(databasesUnderTest())("job runner on %s", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let reopen: () => Database;
  beforeAll(async () => {
    ({ db, drop, reopen } = await openTestDatabase(kind));
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  const statusOf = async (uniqueKey: string) =>
    db.kysely.selectFrom("jobs").selectAll().where("unique_key", "=", uniqueKey).executeTakeFirstOrThrow();

  it("runs a job once, not before its time", async () => {
    const time = testClock();
    const seen: string[] = [];
    const kindName = `k-${Math.random()}`;
    await enqueueJob(
      db.kysely,
      {
        kind: kindName,
        payload: { n: 1 },
        runAt: new Date(time.clock().getTime() + 60_000),
        uniqueKey: "once",
      },
      time.clock(),
    );
    const runner = createJobRunner({
      db,
      clock: time.clock,
      logger: quiet,
      handlers: { [kindName]: async (job) => void seen.push(job.payload) },
    });
    expect(await runner.drain()).toBe(0);
    time.advance(60_000);
    expect(await runner.drain()).toBe(1);
    expect(await runner.drain()).toBe(0);
    expect(seen).toEqual(['{"n":1}']);
    expect((await statusOf("once")).status).toBe("done");
  });

  it("adds nothing for a unique key it already holds", async () => {
    const time = testClock();
    const job = { kind: "dupe", payload: null, runAt: time.clock(), uniqueKey: "the-key" };
    expect(await enqueueJob(db.kysely, job, time.clock())).toBe(true);
    expect(await enqueueJob(db.kysely, job, time.clock())).toBe(false);
    const rows = await db.kysely
      .selectFrom("jobs")
      .select("id")
      .where("unique_key", "=", "the-key")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("retries a failing job with backoff, then gives up after its last attempt", async () => {
    const time = testClock();
    const kindName = `flaky-${Math.random()}`;
    let calls = 0;
    const handler: JobHandler = async () => {
      calls++;
      throw new Error("mail server said no");
    };
    await enqueueJob(
      db.kysely,
      { kind: kindName, payload: null, runAt: time.clock(), uniqueKey: kindName, maxAttempts: 3 },
      time.clock(),
    );
    const runner = createJobRunner({
      db,
      clock: time.clock,
      logger: quiet,
      handlers: { [kindName]: handler },
    });
    expect(await runner.drain()).toBe(1);
    expect(calls).toBe(1);
    time.advance(retryDelayMs(1) - 1);
    expect(await runner.drain()).toBe(0);
    time.advance(1);
    expect(await runner.drain()).toBe(1);
    time.advance(retryDelayMs(2));
    expect(await runner.drain()).toBe(1);
    const row = await statusOf(kindName);
    expect(row.status).toBe("failed");
    expect(row.last_error).toBe("mail server said no");
    time.advance(retryDelayMs(3) * 10);
    expect(await runner.drain()).toBe(0);
    expect(calls).toBe(3);
  });

  it("does not retry a permanent failure", async () => {
    const time = testClock();
    const kindName = `perm-${Math.random()}`;
    let calls = 0;
    await enqueueJob(
      db.kysely,
      { kind: kindName, payload: null, runAt: time.clock(), uniqueKey: kindName },
      time.clock(),
    );
    const runner = createJobRunner({
      db,
      clock: time.clock,
      logger: quiet,
      handlers: {
        [kindName]: async () => {
          calls++;
          throw new PermanentJobError("no such mailbox");
        },
      },
    });
    await runner.drain();
    time.advance(24 * 60 * 60 * 1000);
    await runner.drain();
    expect(calls).toBe(1);
    expect((await statusOf(kindName)).status).toBe("failed");
  });

  it("gives a dead worker's job to another once the lease ends, and ignores the dead one's late answer", async () => {
    const time = testClock();
    const kindName = `lease-${Math.random()}`;
    await enqueueJob(
      db.kysely,
      { kind: kindName, payload: null, runAt: time.clock(), uniqueKey: kindName },
      time.clock(),
    );
    // Worker A claims and then "dies": it never settles.
    const [claimed] = await claimDueJobs(db, {
      workerId: "A",
      kinds: [kindName],
      now: time.clock(),
      leaseMs: 60_000,
      limit: 5,
    });
    expect(claimed?.locked_by).toBe("A");
    let ranByB = 0;
    const runnerB = createJobRunner({
      db,
      clock: time.clock,
      logger: quiet,
      leaseMs: 60_000,
      workerId: "B",
      handlers: { [kindName]: async () => void ranByB++ },
    });
    expect(await runnerB.drain()).toBe(0);
    time.advance(60_001);
    expect(await runnerB.drain()).toBe(1);
    expect(ranByB).toBe(1);
    const row = await statusOf(kindName);
    expect(row).toMatchObject({ status: "done", attempts: 2 });
    // A wakes up and reports: nothing changes.
    expect(await settleJob(db, claimed!, { status: "failed", at: time.clock(), error: "late" })).toBe(false);
    expect((await statusOf(kindName)).status).toBe("done");
  });

  it("runs each job exactly once when two workers drain the same queue at once", async () => {
    const time = testClock();
    const kindName = `race-${Math.random()}`;
    for (let i = 0; i < 60; i++) {
      await enqueueJob(db.kysely, { kind: kindName, payload: i, runAt: time.clock() }, time.clock());
    }
    // On PostgreSQL, a second pool, as a second process would have. better-sqlite3 waits for a
    // lock synchronously, so two SQLite connections in one process would block each other's event
    // loop: there the two runners share the connection (two processes each have their own).
    const second = kind === "postgres" ? reopen() : db;
    const runs = new Map<string, number>();
    const handler: JobHandler = async (job) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      await new Promise((resume) => setImmediate(resume));
    };
    const a = createJobRunner({
      db,
      clock: time.clock,
      logger: quiet,
      batch: 3,
      handlers: { [kindName]: handler },
    });
    const b = createJobRunner({
      db: second,
      clock: time.clock,
      logger: quiet,
      batch: 3,
      handlers: { [kindName]: handler },
    });
    const [ranA, ranB] = await Promise.all([a.drain(), b.drain()]);
    expect(ranA + ranB).toBe(60);
    expect(runs.size).toBe(60);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    if (second !== db) await second.close();
  });

  it("runs in the background until stopped", async () => {
    const time = testClock();
    const kindName = `bg-${Math.random()}`;
    let done!: () => void;
    const ran = new Promise<void>((resolve) => {
      done = resolve;
    });
    const runner = createJobRunner({
      db,
      clock: time.clock,
      logger: quiet,
      idleMs: 5,
      handlers: { [kindName]: async () => done() },
    });
    runner.start();
    await enqueueJob(db.kysely, { kind: kindName, payload: null, runAt: time.clock() }, time.clock());
    await ran;
    await runner.stop();
  });
});
