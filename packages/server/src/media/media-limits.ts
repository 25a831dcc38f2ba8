import { MEDIA_UPLOAD_LIMITS } from "@plaudit/contract";

// Hard limits of an upload: the contract's (API.md), plus how the server processes and keeps them.
export const MEDIA_LIMITS = {
  ...MEDIA_UPLOAD_LIMITS,
  /** Multipart framing around the file(s): boundaries, part headers, a poster frame's headers. */
  multipartOverhead: 64 * 1024,
  /** Responsive widths; an image narrower than the largest gets its own width as the largest. */
  widths: [320, 640, 1280] as const,
  /**
   * Tallest size kept, in px: a phone's scrolling screenshot (1080×20000) or a vertical panorama
   * is scaled down to fit, as WebP cannot hold more than 16383 px a side (it failed with a 500).
   */
  largestHeight: 4096,
  /**
   * Uploads never attached to a review are deleted after this long; with the sweep running every
   * `orphanSweepEveryMs` (plaudit-server start), none lives past an hour. A shopper has 45 minutes
   * from choosing a photo to sending the review.
   */
  orphanAgeMs: 45 * 60 * 1000,
  orphanSweepEveryMs: 10 * 60 * 1000,
  /** Bytes of media a store may keep unless its stores.media_quota_bytes says otherwise. */
  storeQuotaBytes: 5 * 1024 ** 3,
} as const;

/** Upload bucket per store and IP, on top of the general write limit: a review has ≤ 10 files. */
export const UPLOAD_RATE_RULE = { capacity: 20, refillPerSecond: 0.2 };
