import { reviewPoints } from "@plaudit/contract";
import type { AppContext } from "../../context.ts";
import { html, type SafeHtml } from "../../html/safe-html.ts";
import { loadProgram, pointsNameIn } from "../../loyalty/program.ts";
import { type RequestMessages, requestLocale } from "../messages.ts";
import { PHOTO_BONUS } from "../photo-bonus.ts";
import type { RequestView } from "../request-view.ts";
import { loadSettings } from "../settings.ts";
import { pageState } from "./page-data.ts";
import { hostedUrl } from "./page-shell.ts";
import { messageBody } from "./review-page.ts";

/**
 * Points for the review, when the store runs loyalty: what the ledger holds for it once it is
 * published, or what the program (and the request photo bonus, for a review with a photo or video)
 * will give when it is: the same for every rating.
 */
async function pointsLine(
  ctx: AppContext,
  t: RequestMessages,
  view: RequestView,
  productId: string,
  review: { status: string; media_count: number },
): Promise<string | undefined> {
  const program = await loadProgram(ctx.db, view.store.id);
  if (!program) return undefined;
  const pointsName = pointsNameIn(program, requestLocale(view.locale));
  if (review.status === "published") {
    const rows = await ctx.db.kysely
      .selectFrom("loyalty_ledger")
      .select("delta")
      .where("store_id", "=", view.store.id)
      .where("customer_id", "=", view.customerId)
      .where("reference", "=", productId)
      .where("action", "in", ["review", "review_with_media", PHOTO_BONUS])
      .execute();
    const earned = rows.reduce((sum, row) => sum + Number(row.delta), 0);
    return earned > 0 ? t.pointsEarned(earned, pointsName) : undefined;
  }
  const withMedia = review.media_count > 0;
  const bonus = withMedia
    ? ((await loadSettings(ctx.db.kysely, view.store.id))?.photoIncentivePoints ?? 0)
    : 0;
  const later = reviewPoints(program, { withMedia }) + bonus;
  return later > 0 ? t.pointsLater(later, pointsName) : undefined;
}

export async function thanksBody(
  ctx: AppContext,
  args: { t: RequestMessages; view: RequestView; productId: string; token: string },
): Promise<SafeHtml> {
  const { t, view, productId, token } = args;
  const review = await ctx.db.kysely
    .selectFrom("review_request_reviews")
    .innerJoin("reviews", "reviews.id", "review_request_reviews.review_id")
    .select(["reviews.status", "reviews.media_count"])
    .where("review_request_reviews.request_id", "=", view.request.id)
    .where("review_request_reviews.product_id", "=", productId)
    .executeTakeFirst();
  const lines: string[] = [];
  if (review) {
    lines.push(review.status === "published" ? t.thanksBody : t.thanksPending);
    const points = await pointsLine(ctx, t, view, productId, {
      status: review.status,
      media_count: Number(review.media_count),
    });
    if (points) lines.push(points);
  }
  const state = await pageState(ctx.db, view.request.id);
  const left = view.products.filter((p) => !state.reviewed.has(p.productId));
  const extra =
    left.length > 0
      ? html`<h2>${t.otherProducts}</h2><ul>${left.map(
          (p) =>
            html`<li><a href="${hostedUrl(ctx, `/r/${token}?product=${encodeURIComponent(p.productId)}`)}">${p.name}</a></li>`,
        )}</ul>`
      : undefined;
  return messageBody({
    storeName: view.store.name,
    title: t.thanksTitle,
    lines,
    ...(extra ? { extra } : {}),
  });
}
