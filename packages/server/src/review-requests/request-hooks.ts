import type { AppContext } from "../context.ts";
import type { ServerHooks } from "../hooks.ts";
import { enqueuePendingNotice, enqueueReplyNotice } from "./notify.ts";
import { awardPhotoBonus, takeBackPhotoBonus } from "./photo-bonus.ts";
import { cancelForRefund, scheduleRequest } from "./schedule.ts";

/**
 * Review requests join other writes inside their transactions: a fulfilled order schedules its
 * request, a refund cancels it, a held review and a merchant's reply enqueue their notices, and
 * the request photo bonus follows what a request's review shows (after loyalty's own review
 * points: app.ts adds loyalty's hooks first). None of them sees a rating.
 */
export function withReviewRequestHooks(hooks: ServerHooks, ctx: AppContext): ServerHooks {
  const now = () => ctx.clock().toISOString();
  const postgres = ctx.db.kind === "postgres";
  return {
    ...hooks,
    orderFulfilled: [...hooks.orderFulfilled, (tx, order) => scheduleRequest(tx, ctx, order)],
    orderRefunded: [...hooks.orderRefunded, (tx, order) => cancelForRefund(tx, order)],
    reviewSubmitted: [
      ...hooks.reviewSubmitted,
      async (tx, review) => {
        if (review.status === "pending") await enqueuePendingNotice(tx, review.reviewId, ctx.clock());
        else await awardPhotoBonus(tx, review, now());
      },
    ],
    reviewPublished: [...hooks.reviewPublished, (tx, review) => awardPhotoBonus(tx, review, now())],
    reviewUnpublished: [
      ...hooks.reviewUnpublished,
      (tx, review) => takeBackPhotoBonus(tx, review, now(), postgres),
    ],
    reviewMediaChanged: [
      ...hooks.reviewMediaChanged,
      async (tx, review) => {
        if (!review.published) return;
        if (review.mediaCount > 0) await awardPhotoBonus(tx, review, now());
        else await takeBackPhotoBonus(tx, review, now(), postgres);
      },
    ],
    reviewReplied: [
      ...hooks.reviewReplied,
      (tx, review) => enqueueReplyNotice(tx, review.reviewId, ctx.clock()),
    ],
  };
}
