// The jobs table for Kysely (db/migrations/0030-jobs.ts). Times are ISO 8601 UTC strings.

export type JobStatus = "queued" | "running" | "done" | "failed";

export interface JobsTable {
  id: string;
  /** Which handler runs it, e.g. "review-request.send". */
  kind: string;
  /** JSON the handler reads. */
  payload: string;
  /** A key names one job for good: enqueueing it again adds nothing (null: no key). */
  unique_key: string | null;
  status: JobStatus;
  /** Not before this time. */
  run_at: string;
  /** Claims so far, this one included. */
  attempts: number;
  max_attempts: number;
  /** The worker holding the lease, while running. */
  locked_by: string | null;
  /** A running job whose lease ran out belongs to a worker that died: it is claimed again. */
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface JobTables {
  jobs: JobsTable;
}
