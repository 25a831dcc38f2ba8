// What the rest of the server uses of review requests.
import type { AppContext } from "../context.ts";
import type { JobHandler } from "../jobs/index.ts";
import { NOTIFY_PENDING_JOB, NOTIFY_REPLY_JOB, pendingNoticeHandler, replyNoticeHandler } from "./notify.ts";
import { SEND_JOB } from "./schedule.ts";
import { type SendOptions, sendRequestHandler } from "./send.ts";

export { reviewRequestAdminRoutes } from "./admin-routes.ts";
export { reviewPageRoutes } from "./page/page-routes.ts";
export { withReviewRequestHooks } from "./request-hooks.ts";
export type { SendStep } from "./send.ts";
export { reviewRequestSuppressionRoutes } from "./suppression-routes.ts";

/** The job handlers of review requests and their notifications. */
export function reviewRequestJobs(ctx: AppContext, options: SendOptions = {}): Record<string, JobHandler> {
  return {
    [SEND_JOB]: sendRequestHandler(ctx, options),
    [NOTIFY_PENDING_JOB]: pendingNoticeHandler(ctx),
    [NOTIFY_REPLY_JOB]: replyNoticeHandler(ctx),
  };
}
