import type { Database } from "../db/database.ts";
import { transaction } from "../db/transaction.ts";
import type { JobsTable } from "./job-table.ts";

export type ClaimedJob = JobsTable & { status: "running"; locked_by: string; lease_until: string };

/**
 * Takes up to `limit` due jobs for one worker: queued jobs whose time has come, and running jobs
 * whose lease ran out (their worker died). On PostgreSQL the rows are locked FOR UPDATE SKIP
 * LOCKED, so workers claiming at once take different jobs and never wait on each other; on SQLite
 * the transaction begins IMMEDIATE (db/sqlite-immediate-dialect.ts), which holds the database's
 * one write lock from the select to the update. Either way a job is held by one worker at a time.
 */
export async function claimDueJobs(
  db: Database,
  args: { workerId: string; kinds: readonly string[]; now: Date; leaseMs: number; limit: number },
): Promise<ClaimedJob[]> {
  if (args.kinds.length === 0) return [];
  const now = args.now.toISOString();
  const leaseUntil = new Date(args.now.getTime() + args.leaseMs).toISOString();
  return transaction(db, async (tx) => {
    let due = tx
      .selectFrom("jobs")
      .select("id")
      .where("kind", "in", args.kinds)
      .where((eb) =>
        eb.or([
          eb.and([eb("status", "=", "queued"), eb("run_at", "<=", now)]),
          eb.and([eb("status", "=", "running"), eb("lease_until", "<", now)]),
        ]),
      )
      .orderBy("run_at")
      .orderBy("id")
      .limit(args.limit);
    if (db.kind === "postgres") due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    const claimed = await tx
      .updateTable("jobs")
      .set((eb) => ({
        status: "running",
        locked_by: args.workerId,
        lease_until: leaseUntil,
        attempts: eb("attempts", "+", 1),
      }))
      .where("id", "in", ids)
      .returningAll()
      .execute();
    return claimed
      .map((job) => ({ ...job, attempts: Number(job.attempts), max_attempts: Number(job.max_attempts) }))
      .sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : 0)) as ClaimedJob[];
  });
}

/**
 * Ends a claim: done, failed, or back in the queue at `retryAt`. Fenced by worker and attempt: a
 * worker whose lease ran out and whose job another worker took changes nothing (returns false).
 */
export async function settleJob(
  db: Database,
  job: ClaimedJob,
  outcome:
    | { status: "done"; at: Date }
    | { status: "failed"; at: Date; error: string }
    | { status: "retry"; at: Date; retryAt: Date; error: string },
): Promise<boolean> {
  const result = await stillClaimed(db, job)
    .set({
      status: outcome.status === "retry" ? "queued" : outcome.status,
      locked_by: null,
      lease_until: null,
      ...(outcome.status === "retry" ? { run_at: outcome.retryAt.toISOString() } : {}),
      ...(outcome.status === "done" ? {} : { last_error: outcome.error.slice(0, 1000) }),
      ...(outcome.status === "retry" ? {} : { finished_at: outcome.at.toISOString() }),
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Gives back a claimed job this worker has not begun (it is stopping): queued again, due as it
 * was, the claim's attempt not counted — another worker takes it at once instead of after the
 * lease. Fenced like settleJob; false when the claim was no longer this worker's.
 */
export async function releaseJob(db: Database, job: ClaimedJob): Promise<boolean> {
  const result = await stillClaimed(db, job)
    .set((eb) => ({ status: "queued", locked_by: null, lease_until: null, attempts: eb("attempts", "-", 1) }))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An update of `job`'s row that changes it only while the claim is still this one. */
function stillClaimed(db: Database, job: ClaimedJob) {
  return db.kysely
    .updateTable("jobs")
    .where("id", "=", job.id)
    .where("locked_by", "=", job.locked_by)
    .where("attempts", "=", job.attempts)
    .where("status", "=", "running");
}
