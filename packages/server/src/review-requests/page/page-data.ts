import type { AppContext } from "../../context.ts";
import type { Database } from "../../db/database.ts";
import { type Tx, transaction } from "../../db/transaction.ts";
import type { SubmitResult } from "../../reviews/review-submit.ts";
import { addressHash, lockAddress, suppressHash } from "../../suppression/index.ts";
import type { RequestView } from "../request-view.ts";
import { STILL_MAILING } from "../stop-requests.ts";

export interface PageState {
  /** Products already reviewed through this request. */
  reviewed: Set<string>;
  /** Photos and videos uploaded on the page, waiting for their product's review. */
  media: Map<string, number>;
  mediaIds: Map<string, string[]>;
}

export async function pageState(db: Database, requestId: string): Promise<PageState> {
  const [reviews, media] = await Promise.all([
    db.kysely
      .selectFrom("review_request_reviews")
      .select("product_id")
      .where("request_id", "=", requestId)
      .execute(),
    db.kysely
      .selectFrom("review_request_media")
      .select(["product_id", "media_id"])
      .where("request_id", "=", requestId)
      .orderBy("created_at")
      .orderBy("media_id")
      .execute(),
  ]);
  const mediaIds = new Map<string, string[]>();
  for (const row of media)
    mediaIds.set(row.product_id, [...(mediaIds.get(row.product_id) ?? []), row.media_id]);
  return {
    reviewed: new Set(reviews.map((row) => row.product_id)),
    media: new Map([...mediaIds].map(([product, ids]) => [product, ids.length])),
    mediaIds,
  };
}

class AlreadyReviewed extends Error {}

/**
 * Submits a review written on the request's page and records it against the request in the same
 * transaction: one review per product per request (a second submit, even at the same instant,
 * is refused and stores nothing), the request counts as reviewed (so no reminder goes out), and
 * the page's uploads are handed to the review. Undefined when the product was already reviewed.
 */
export async function recordReviewThroughRequest(
  ctx: AppContext,
  view: RequestView,
  productId: string,
  submit: (alsoInTransaction: (tx: Tx, reviewId: string) => Promise<void>) => Promise<SubmitResult>,
): Promise<SubmitResult | undefined> {
  const requestId = view.request.id;
  const at = ctx.clock().toISOString();
  try {
    return await submit(async (tx, reviewId) => {
      const claimed = await tx
        .insertInto("review_request_reviews")
        .values({ request_id: requestId, product_id: productId, review_id: reviewId, created_at: at })
        .onConflict((oc) => oc.columns(["request_id", "product_id"]).doNothing())
        .returning("review_id")
        .executeTakeFirst();
      if (!claimed) throw new AlreadyReviewed();
      await tx
        .updateTable("review_requests")
        .set({ reviewed_at: at })
        .where("id", "=", requestId)
        .where("reviewed_at", "is", null)
        .execute();
      await tx
        .updateTable("review_requests")
        .set({ status: "reviewed" })
        .where("id", "=", requestId)
        .where("status", "in", ["scheduled", "sent", "failed"])
        .execute();
      await tx
        .deleteFrom("review_request_media")
        .where("request_id", "=", requestId)
        .where("product_id", "=", productId)
        .execute();
    });
  } catch (error) {
    if (error instanceof AlreadyReviewed) return undefined;
    // A submit at the same instant (the same form sent twice: a double press, a browser's retry)
    // took the page's uploads first: this one found them attached before it reached its claim. The
    // product is reviewed through the request all the same: a second submit, refused.
    if (await reviewedThrough(ctx.db, requestId, productId)) return undefined;
    throw error;
  }
}

/** The review recorded through the request for the product, if there is one. */
export async function reviewedThrough(
  db: Database,
  requestId: string,
  productId: string,
): Promise<{ rating: number; title: string | null; body: string } | undefined> {
  const row = await db.kysely
    .selectFrom("review_request_reviews")
    .innerJoin("reviews", "reviews.id", "review_request_reviews.review_id")
    .select(["reviews.rating", "reviews.title", "reviews.body"])
    .where("review_request_reviews.request_id", "=", requestId)
    .where("review_request_reviews.product_id", "=", productId)
    .executeTakeFirst();
  return row && { rating: Number(row.rating), title: row.title, body: row.body };
}

/**
 * Puts the address on the store's suppression list; a request not yet done stops here. Under the
 * address's lock, as the merchant's stop: a message the worker is deciding on (send.ts) is either
 * decided before this (already on its way when the shopper is answered) or finds the address stopped.
 */
export async function unsubscribe(
  ctx: AppContext,
  args: { storeId: string; email: string; requestId?: string },
): Promise<void> {
  const at = ctx.clock().toISOString();
  await transaction(ctx.db, async (tx) => {
    const hash = await addressHash(tx, args.storeId, args.email, at);
    await lockAddress(ctx.db, tx, args.storeId, hash);
    await suppressHash(tx, { storeId: args.storeId, addressHash: hash, reason: "unsubscribed", at });
    if (args.requestId) {
      await tx
        .updateTable("review_requests")
        .set({ status: "suppressed", last_error: "unsubscribed" })
        .where("id", "=", args.requestId)
        .where("status", "in", STILL_MAILING)
        .execute();
    }
  });
}
