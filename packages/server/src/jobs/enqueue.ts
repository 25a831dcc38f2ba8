import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Schema } from "../db/schema.ts";

export interface NewJob {
  kind: string;
  payload: unknown;
  runAt: Date;
  /** A key names one job for good: a second enqueue with it adds nothing. */
  uniqueKey?: string;
  /** Claims before the job is given up as failed (default 10). */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

export const newJobId = () => randomBytes(12).toString("base64url");

/**
 * Adds a job. Call it inside the transaction of the write that makes the work necessary: the job
 * then exists exactly when that write committed. Returns false when the unique key was taken.
 */
export async function enqueueJob(db: Kysely<Schema>, job: NewJob, now: Date): Promise<boolean> {
  const inserted = await db
    .insertInto("jobs")
    .values({
      id: newJobId(),
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      unique_key: job.uniqueKey ?? null,
      status: "queued",
      run_at: job.runAt.toISOString(),
      attempts: 0,
      max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column("unique_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Runs the job named `job.uniqueKey` at `job.runAt`, making it when there is none: a waiting one
 * moves to that time, a done or failed one is queued again with its attempts reset, one running
 * now is left to its worker. However often it is called, even at once, the key still names one
 * job: "do it now" pressed twice cannot make two jobs that two workers would run side by side.
 */
export async function runJobAt(
  db: Kysely<Schema>,
  job: NewJob & { uniqueKey: string },
  now: Date,
): Promise<void> {
  if (await enqueueJob(db, job, now)) return;
  await db
    .updateTable("jobs")
    .set({
      status: "queued",
      run_at: job.runAt.toISOString(),
      attempts: 0,
      last_error: null,
      finished_at: null,
    })
    .where("unique_key", "=", job.uniqueKey)
    .where("status", "in", ["queued", "done", "failed"])
    .execute();
}
