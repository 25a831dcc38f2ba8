import type { AdminReview, Media, ProductRef, Rating, Review } from "@plaudit/contract";
import type { Selectable } from "kysely";
import type { ReviewsTable } from "../db/schema.ts";
import { reviewEtag } from "./review-version.ts";

export type ReviewRow = Selectable<ReviewsTable>;

/** The public shape of a review. It has no email by construction: never spread a row into it. */
export function toPublicReview(row: ReviewRow, media: Media[] = []): Review {
  return {
    id: row.id,
    productId: row.product_id,
    rating: Number(row.rating) as Rating,
    title: row.title,
    body: row.body,
    author: { name: row.author_name },
    verified: Number(row.verified) === 1,
    createdAt: row.created_at,
    helpful: { up: Number(row.helpful_up), down: Number(row.helpful_down) },
    reply:
      row.reply_body !== null && row.reply_at !== null
        ? { body: row.reply_body, createdAt: row.reply_at }
        : null,
    media,
  };
}

/**
 * The merchant's shape: the public review plus status, the reviewer's email and, for a review the
 * spam rules held, why (reviews/spam-rules.ts), and the product as the catalog names it
 * (catalog/product-refs.ts).
 */
export function toAdminReview(
  row: ReviewRow,
  media: Media[],
  product: ProductRef,
): AdminReview & { holdReason: string | null } {
  return {
    ...toPublicReview(row, media),
    status: row.status,
    author: { name: row.author_name, email: row.author_email },
    product,
    holdReason: row.hold_reason ?? null,
    etag: reviewEtag(row),
  };
}
