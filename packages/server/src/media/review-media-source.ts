import type { Media } from "@plaudit/contract";
import type { ReviewMediaSource } from "../reviews/review-media.ts";
import { adminFileUrl } from "./admin-media.ts";
import { toMedia } from "./media-json.ts";

/**
 * The real link between reviews and the media table. `attach` runs inside the review's own
 * transaction: the review, its media and the summary's media count commit or roll back together.
 */
export function tableReviewMedia(options: { baseUrl?: string } = {}): ReviewMediaSource {
  const baseUrl = options.baseUrl ?? "";
  return {
    async attach(tx, { storeId, reviewId, mediaIds, hold }) {
      const ids = [...new Set(mediaIds)];
      if (ids.length === 0) return { ok: true, count: 0 };
      const usable = await tx
        .selectFrom("media")
        .select("id")
        .where("store_id", "=", storeId)
        .where("id", "in", ids)
        .where("review_id", "is", null)
        .where("status", "=", "ready")
        .execute();
      const found = new Set(usable.map((r) => r.id));
      const unknownIds = ids.filter((id) => !found.has(id));
      if (unknownIds.length > 0) return { ok: false, unknownIds };
      // One update per id, each still requiring review_id null: if another review took one in the
      // meantime (PostgreSQL re-checks the condition after its lock), it counts as unknown here.
      const lost: string[] = [];
      for (const [position, id] of ids.entries()) {
        const result = await tx
          .updateTable("media")
          .set({ review_id: reviewId, position, status: hold ? "held" : "ready" })
          .where("id", "=", id)
          .where("store_id", "=", storeId)
          .where("review_id", "is", null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) lost.push(id);
      }
      if (lost.length > 0) return { ok: false, unknownIds: lost };
      return hold ? { ok: true, count: 0, held: ids.length } : { ok: true, count: ids.length };
    },

    async forReviews(db, storeId, reviewIds, origin, options) {
      const moderator = options?.moderator === true;
      const byReview = new Map<string, Media[]>();
      if (reviewIds.length === 0) return byReview;
      const rows = await db.kysely
        .selectFrom("media")
        .selectAll()
        .where("store_id", "=", storeId)
        .where("review_id", "in", [...new Set(reviewIds)])
        .where("status", "in", moderator ? ["ready", "held"] : ["ready"])
        .orderBy("review_id")
        .orderBy("position")
        .execute();
      for (const row of rows) {
        const list = byReview.get(row.review_id as string) ?? [];
        list.push(
          moderator
            ? toMedia(row, "", (key) => adminFileUrl(origin, row.id, key))
            : toMedia(row, baseUrl || origin),
        );
        byReview.set(row.review_id as string, list);
      }
      return byReview;
    },
  };
}
