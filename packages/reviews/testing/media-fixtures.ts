// API-shaped media for tests (shared/API.md `Media`, as the server's toMedia answers it:
// root-relative URLs, WebP srcset, placeholder colour). Only tests import this.
import type { GalleryItem, Media, Rating } from "@plaudit/core";

export function photo(n: number, change: Partial<Media> = {}): Media {
  const id = `m${String(n).padStart(21, "0")}`;
  return {
    id,
    kind: "image",
    url: `/media/demo/${id}/1280.jpg`,
    thumbnailUrl: `/media/demo/${id}/320.webp`,
    width: 1280,
    height: 960,
    srcset: `/media/demo/${id}/320.webp 320w, /media/demo/${id}/640.webp 640w, /media/demo/${id}/1280.webp 1280w`,
    placeholder: "#a08060",
    ...change,
  };
}

export function video(n: number, change: Partial<Media> = {}): Media {
  const id = `v${String(n).padStart(21, "0")}`;
  return {
    id,
    kind: "video",
    url: `/media/demo/${id}/video.mp4`,
    thumbnailUrl: `/media/demo/${id}/320.webp`,
    width: 640,
    height: 360,
    srcset: `/media/demo/${id}/320.webp 320w, /media/demo/${id}/640.webp 640w`,
    durationSeconds: 12.4,
    placeholder: "#203040",
    ...change,
  };
}

export function galleryItem(n: number, change: Partial<GalleryItem> = {}): GalleryItem {
  return {
    ...(n % 4 === 3 ? video(n) : photo(n)),
    reviewId: `r${n}`,
    productId: n % 2 ? "tee" : "mug",
    rating: ((n % 5) + 1) as Rating,
    ...change,
  };
}
