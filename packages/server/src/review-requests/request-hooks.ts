import type { AppContext } from "../context.ts";
import type { ServerHooks } from "../hooks.ts";
import { enqueuePendingNotice, enqueueReplyNotice } from "./notify.ts";
import { cancelForRefund, scheduleRequest } from "./schedule.ts";

/**
 * Review requests join other writes inside their transactions: a fulfilled order schedules its
 * request, a refund cancels it, a held review and a merchant's reply enqueue their notices. None
 * of them sees a rating.
 */
export function withReviewRequestHooks(hooks: ServerHooks, ctx: AppContext): ServerHooks {
  return {
    ...hooks,
    orderFulfilled: [...hooks.orderFulfilled, (tx, order) => scheduleRequest(tx, ctx, order)],
    orderRefunded: [...hooks.orderRefunded, (tx, order) => cancelForRefund(tx, order)],
    reviewSubmitted: [
      ...hooks.reviewSubmitted,
      async (tx, review) => {
        if (review.status === "pending") await enqueuePendingNotice(tx, review.reviewId, ctx.clock());
      },
    ],
    reviewReplied: [
      ...hooks.reviewReplied,
      (tx, review) => enqueueReplyNotice(tx, review.reviewId, ctx.clock()),
    ],
  };
}
