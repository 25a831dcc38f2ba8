import type { Media } from "@plaudit/contract";
import type { Database } from "../db/database.ts";
import type { Tx } from "../db/transaction.ts";

/**
 * How reviews reach their photos and videos. The media module implements it over the media table
 * (media/review-media-source.ts, the app's default); `noReviewMedia` keeps a server media-free.
 */
export interface ReviewMediaSource {
  /**
   * Attaches uploaded media to a new review inside its transaction. Returns how many were
   * attached and shown (`count`) and how many were attached but held for a moderator (`hold`:
   * the reviewer has no verified purchase and the store holds such media), or the ids it does not
   * know (→ 422 on mediaIds).
   */
  attach(
    tx: Tx,
    args: { storeId: string; reviewId: string; productId: string; mediaIds: string[]; hold?: boolean },
  ): Promise<{ ok: true; count: number; held?: number } | { ok: false; unknownIds: string[] }>;
  /**
   * The media of each review, in display order; reviews without media may be missing. `origin` is
   * the public origin of the request being answered: media URLs start with it unless a media base
   * URL is configured. `{ moderator: true }` (admin answers): held media too, with the
   * moderator's file URLs (/v1/admin/media/{id}/files/{file}), which serve files not public yet —
   * a pending review's photos — to the admin app's session or a key.
   */
  forReviews(
    db: Database,
    storeId: string,
    reviewIds: string[],
    origin: string,
    options?: { moderator?: boolean },
  ): Promise<Map<string, Media[]>>;
}

export const noReviewMedia: ReviewMediaSource = {
  async attach(_tx, { mediaIds }) {
    return mediaIds.length === 0 ? { ok: true, count: 0 } : { ok: false, unknownIds: mediaIds };
  },
  async forReviews() {
    return new Map();
  },
};
