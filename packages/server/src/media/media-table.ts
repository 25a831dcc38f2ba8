// The `media` table (migration 0003-media). One row per upload; its files are listed in `files`.

/** One responsive size of an image (or of a video's poster), as WebP and as JPEG. */
export interface ImageVariant {
  width: number;
  height: number;
  webp: string;
  jpg: string;
}

/** JSON in media.files: every storage key of one upload. */
export interface MediaFiles {
  /** Ascending width; for a video, its poster. */
  images: ImageVariant[];
  /** The video file, for kind "video". */
  video?: string;
}

/**
 * "held": attached to a review by a reviewer without a verified purchase while the store holds such
 * media (stores.hold_unverified_media): not shown until a moderator makes it "ready" (or rejects it).
 */
export type MediaStatus = "processing" | "ready" | "held" | "rejected";

export interface MediaTable {
  id: string;
  store_id: string;
  /** Null until a review is submitted with this id (an orphan until then). */
  review_id: string | null;
  /** Order within its review (the order of mediaIds). */
  position: number;
  kind: "image" | "video";
  /** "processing" while its files are being written; swept if it never becomes "ready". */
  status: MediaStatus;
  /** The type the uploaded bytes turned out to be (image/jpeg, video/mp4, …). */
  source_type: string;
  /** JSON MediaFiles. */
  files: string;
  width: number;
  height: number;
  duration_seconds: number | null;
  /** CSS colour (#rrggbb) shown while the image loads. */
  placeholder: string | null;
  /** Bytes stored, all files together. */
  bytes: number;
  created_at: string;
}

export interface MediaTables {
  media: MediaTable;
}
