import type { AppContext } from "./context.ts";
import { createJobRunner, type JobRunner, type JobRunnerOptions } from "./jobs/index.ts";
import { reviewRequestJobs } from "./review-requests/index.ts";
import type { SendOptions } from "./review-requests/send.ts";

/**
 * The server's job runner with every feature's handlers (review requests today; webhooks and
 * imports add theirs here). `plaudit-server start` runs one beside the HTTP server, and
 * `plaudit-server worker` runs one alone; any number may run against one database.
 */
export function serverJobRunner(
  ctx: AppContext,
  options: Partial<Pick<JobRunnerOptions, "leaseMs" | "idleMs" | "batch" | "concurrency" | "workerId">> & {
    send?: SendOptions;
  } = {},
): JobRunner {
  const { send, ...runnerOptions } = options;
  return createJobRunner({
    db: ctx.db,
    clock: ctx.clock,
    logger: ctx.logger,
    handlers: { ...reviewRequestJobs(ctx, send) },
    ...runnerOptions,
  });
}
