import type { Media } from "@plaudit/contract";
import type { ReviewMediaSource } from "../src/reviews/review-media.ts";

/**
 * Stands in for the media module in review tests: any id starting "m-" is a known upload.
 * (The real module has its own tests; reviews only need the ReviewMediaSource contract.) The
 * Media it answers has the real shape: URLs under /media/{store}/{id}/, WebP srcset, placeholder.
 */
export function fakeMediaSource(): ReviewMediaSource {
  const byReview = new Map<string, Media[]>();
  return {
    async attach(_tx, { storeId, reviewId, mediaIds }) {
      const unknownIds = mediaIds.filter((id) => !id.startsWith("m-"));
      if (unknownIds.length > 0) return { ok: false, unknownIds };
      byReview.set(
        reviewId,
        mediaIds.map((id) => {
          const base = `/media/${storeId}/${id}`;
          return {
            id,
            kind: "image",
            url: `${base}/w1280.jpg`,
            thumbnailUrl: `${base}/w320.webp`,
            width: 1280,
            height: 960,
            srcset: `${base}/w320.webp 320w, ${base}/w640.webp 640w, ${base}/w1280.webp 1280w`,
            placeholder: "#8a7f72",
          };
        }),
      );
      return { ok: true, count: mediaIds.length };
    },
    async forReviews(_db, _storeId, reviewIds) {
      return new Map(reviewIds.flatMap((id) => (byReview.has(id) ? [[id, byReview.get(id) ?? []]] : [])));
    },
  };
}
