import * as v from "valibot";

// What an upload takes (POST …/media, multipart/form-data) and the hard limits it is held to.

/** Upload limits (API.md): the server enforces them, the widget checks a file before sending it. */
export const MEDIA_UPLOAD_LIMITS = {
  imageBytes: 15 * 1024 * 1024,
  imagePixels: 40_000_000,
  videoBytes: 100 * 1024 * 1024,
  posterBytes: 5 * 1024 * 1024,
} as const;

const binary = v.pipe(v.string(), v.metadata({ format: "binary" }));

export const MediaUpload = v.object({
  /** JPEG, PNG, WebP (HEIC when readable) or MP4, WebM, MOV; the type is judged from the bytes. */
  file: binary,
  /** Video only: a frame as a JPEG, PNG or WebP image. */
  poster: v.optional(v.pipe(binary, v.description("video only: a frame as an image (≤ 5 MB)"))),
});

/** POST /v1/admin/media/sweep: uploads never attached to a review, deleted. */
export const MediaSweep = v.object({ deleted: v.number() });
