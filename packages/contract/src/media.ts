import * as v from "valibot";

// What an upload takes (POST …/media, multipart/form-data) and the hard limits it is held to.

/** Upload limits (API.md): the server enforces them, the widget checks a file before sending it. */
export const MEDIA_UPLOAD_LIMITS = {
  imageBytes: 15 * 1024 * 1024,
  imagePixels: 40_000_000,
  videoBytes: 100 * 1024 * 1024,
  posterBytes: 5 * 1024 * 1024,
  /** Longest video, in seconds, when its container (or the browser) states a duration. */
  videoSeconds: 300,
} as const;

const binary = v.pipe(v.string(), v.metadata({ format: "binary" }));

export const MediaUpload = v.object({
  /** JPEG, PNG, WebP, AVIF (HEIC when readable) or MP4, WebM, MOV; the type is judged from the bytes. */
  file: binary,
  /** Video only: a frame as a JPEG, PNG or WebP image. */
  poster: v.optional(v.pipe(binary, v.description("video only: a frame as an image (≤ 5 MB)"))),
});

/** POST /v1/admin/media/sweep: uploads never attached to a review, deleted. */
export const MediaSweep = v.object({ deleted: v.number() });

/**
 * GET/PUT /v1/admin/media/settings: the store's upload rules. `quotaBytes` null means the server's
 * default (`defaultQuotaBytes`); `usedBytes` is what the store keeps now, unattached uploads included.
 */
export const MediaSettings = v.object({
  quotaBytes: v.nullable(v.number()),
  defaultQuotaBytes: v.number(),
  usedBytes: v.number(),
  holdUnverifiedMedia: v.boolean(),
});
export type MediaSettings = v.InferOutput<typeof MediaSettings>;

/** The most a store's quota may be set to: 1 PiB (a bigint column; any real disk is smaller). */
export const MEDIA_QUOTA_MAX = 2 ** 50;

export const MediaSettingsPatch = v.object(
  {
    quotaBytes: v.optional(
      v.nullable(
        v.pipe(
          v.number("must be a whole number of bytes, or null for the default"),
          v.integer("must be a whole number of bytes, or null for the default"),
          v.minValue(0, "must be 0 or more (0 takes no new uploads)"),
          v.maxValue(MEDIA_QUOTA_MAX, `must be at most ${MEDIA_QUOTA_MAX}`),
        ),
      ),
    ),
    holdUnverifiedMedia: v.optional(v.boolean("must be true or false")),
  },
  "must be a JSON object",
);
export type MediaSettingsPatch = v.InferOutput<typeof MediaSettingsPatch>;
