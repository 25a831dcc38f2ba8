// The one durable job runner (shared by review requests and, later, webhooks and imports).
export { retryDelayMs } from "./backoff.ts";
export type { ClaimedJob } from "./claim.ts";
export { DEFAULT_MAX_ATTEMPTS, enqueueJob, type NewJob, runJobAt } from "./enqueue.ts";
export {
  createJobRunner,
  DEFAULT_LEASE_MS,
  type JobHandler,
  type JobRunner,
  type JobRunnerOptions,
  PermanentJobError,
} from "./runner.ts";
