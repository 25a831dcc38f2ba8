import type { Media } from "@plaudit/core";
import type { ReviewMediaSource } from "../reviews/review-media.ts";

/**
 * Stands in for the media module in review tests: any id starting "m-" is a known upload.
 * (The real module has its own tests; reviews only need the ReviewMediaSource contract.)
 */
export function fakeMediaSource(): ReviewMediaSource {
  const byReview = new Map<string, Media[]>();
  return {
    async attach(_tx, { reviewId, mediaIds }) {
      const unknownIds = mediaIds.filter((id) => !id.startsWith("m-"));
      if (unknownIds.length > 0) return { ok: false, unknownIds };
      byReview.set(
        reviewId,
        mediaIds.map((id) => ({
          id,
          kind: "image",
          url: `/media/${id}.webp`,
          thumbnailUrl: `/media/${id}-thumb.webp`,
          width: 800,
          height: 600,
        })),
      );
      return { ok: true, count: mediaIds.length };
    },
    async forReviews(_db, _storeId, reviewIds) {
      return new Map(reviewIds.flatMap((id) => (byReview.has(id) ? [[id, byReview.get(id) ?? []]] : [])));
    },
  };
}
