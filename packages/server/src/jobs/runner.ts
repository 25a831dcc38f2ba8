import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "../db/database.ts";
import { type Logger, withoutAddresses } from "../logger.ts";
import { retryDelayMs } from "./backoff.ts";
import { type ClaimedJob, claimDueJobs, releaseJob, settleJob } from "./claim.ts";

/** A job's handler says it can never succeed by throwing this (no retry). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

/**
 * Runs one job. Returning means done; throwing means try again later (with backoff), or never
 * (PermanentJobError, or the last attempt). A worker may die at any point of it and the job then
 * runs again once its lease ends: a handler must find out from the database what was already done.
 */
export type JobHandler = (job: ClaimedJob) => Promise<void>;

export interface JobRunnerOptions {
  db: Database;
  clock: () => Date;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  /** How long a claim lasts: longer than any handler may take (its timeouts included). */
  leaseMs?: number;
  /** Jobs claimed per turn. */
  batch?: number;
  /** Jobs of a turn run at once (mail servers answer slowly; the database work is short). */
  concurrency?: number;
  /** Pause between turns that found nothing to do. */
  idleMs?: number;
  workerId?: string;
}

export interface JobRunner {
  readonly workerId: string;
  /** Claims the jobs due now and runs them; returns how many it ran. */
  runDue(): Promise<number>;
  /** Runs turns until one finds nothing due (tests, the bench). */
  drain(): Promise<number>;
  /** Keeps running turns in the background until stop(). */
  start(): void;
  /**
   * Stops: the jobs claimed but not begun go back to the queue at once (for another worker), the
   * ones running are finished; resolves when they are.
   */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 5 * 60 * 1000;

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, clock, logger, handlers } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batch = options.batch ?? 20;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const idleMs = options.idleMs ?? 1000;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const kinds = Object.keys(handlers);

  async function run(job: ClaimedJob): Promise<void> {
    const handler = handlers[job.kind];
    if (!handler) return;
    // A job that keeps killing its worker (or whose retries ran out) stops being claimed.
    if (job.attempts > job.max_attempts) {
      await settleJob(db, job, { status: "failed", at: clock(), error: job.last_error ?? "gave up" });
      return;
    }
    try {
      await handler(job);
      const settled = await settleJob(db, job, { status: "done", at: clock() });
      if (!settled) logger.info({ msg: "job lease lost before it finished", job: job.id, kind: job.kind });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = error instanceof PermanentJobError || job.attempts >= job.max_attempts;
      const at = clock();
      await settleJob(
        db,
        job,
        final
          ? { status: "failed", at, error: message }
          : {
              status: "retry",
              at,
              retryAt: new Date(at.getTime() + retryDelayMs(job.attempts)),
              error: message,
            },
      );
      logger.error({
        msg: final ? "job failed" : "job will be retried",
        job: job.id,
        kind: job.kind,
        // The job's row keeps the words as they were (an erasure scrubs them there); the log not.
        error: withoutAddresses(message),
      });
    }
  }

  // Each turn's claimed jobs not begun yet: stop() hands them back (a turn of 20 at 4 at a time
  // would otherwise keep a stopping worker sending for minutes, or hold them for a lease).
  const notBegun = new Set<ClaimedJob[]>();
  let stopping = false;

  async function giveBack(): Promise<void> {
    const left = [...notBegun].flatMap((queue) => queue.splice(0));
    if (left.length === 0) return;
    try {
      for (const job of left) await releaseJob(db, job);
      logger.info({ msg: "jobs given back", count: left.length, workerId });
    } catch (error) {
      // Their lease ends them for another worker all the same.
      logger.error({
        msg: "giving back jobs failed",
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async function runDue(): Promise<number> {
    const jobs = await claimDueJobs(db, { workerId, kinds, now: clock(), leaseMs, limit: batch });
    const queue = [...jobs];
    notBegun.add(queue);
    try {
      if (stopping) await giveBack();
      // A few at a time: each waits mostly on the mail server; the lease covers the whole batch.
      await Promise.all(
        Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
          for (let job = queue.shift(); job; job = queue.shift()) await run(job);
        }),
      );
    } finally {
      notBegun.delete(queue);
    }
    return jobs.length;
  }

  let running = false;
  let turn: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  async function loop(): Promise<void> {
    while (running) {
      let ran = 0;
      try {
        ran = await runDue();
      } catch (error) {
        // The database went away for a moment: try again after a pause.
        logger.error({
          msg: "job claim failed",
          error: error instanceof Error ? error.message : String(error),
        });
      }
      if (!running) break;
      if (ran === 0) {
        await new Promise<void>((resume) => {
          wake = resume;
          timer = setTimeout(resume, idleMs);
        });
      }
    }
  }

  return {
    workerId,
    runDue,
    async drain() {
      let total = 0;
      for (let ran = await runDue(); ran > 0; ran = await runDue()) total += ran;
      return total;
    },
    start() {
      if (running) return;
      running = true;
      stopping = false;
      turn = loop();
    },
    async stop() {
      running = false;
      stopping = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await giveBack();
      await turn;
      // The runner may be used again (drain, start) once stopped.
      stopping = false;
    },
  };
}
