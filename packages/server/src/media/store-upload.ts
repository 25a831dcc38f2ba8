import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Media } from "@plaudit/contract";
import type { Database } from "../db/database.ts";
import { ApiError } from "../errors.ts";
import { type ProcessedImage, plainPoster, processImage } from "./image-processing.ts";
import { type MediaRow, toMedia } from "./media-json.ts";
import { MEDIA_LIMITS } from "./media-limits.ts";
import { type MediaStorage, mediaKey, type StoredExtension } from "./media-storage.ts";
import type { ImageVariant, MediaFiles } from "./media-table.ts";
import type { ReceivedUpload, ReceivedVideo } from "./receive-upload.ts";
import { blankIsoMetadata } from "./video-metadata.ts";
import { probeIsoMedia, probeWebm, type VideoFacts } from "./video-probe.ts";

/** 22 url-safe characters of randomness: names reveal nothing and cannot be guessed. */
export const newMediaId = () => randomBytes(16).toString("base64url");

const VIDEO_EXT: Record<ReceivedVideo["type"]["mime"], StoredExtension> = {
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/webm": "webm",
};

async function probeVideo(video: ReceivedVideo): Promise<VideoFacts> {
  const handle = await open(video.path, "r");
  try {
    const result =
      video.type.mime === "video/webm"
        ? await probeWebm(handle, video.size)
        : await probeIsoMedia(handle, video.size);
    if (!result.ok)
      throw new ApiError(
        422,
        "validation_failed",
        `file is not a whole ${video.type.mime} video: ${result.reason}`,
        {
          file: `is not a whole video: ${result.reason}`,
        },
      );
    const seconds = result.facts.durationSeconds;
    if (seconds !== undefined && seconds > MEDIA_LIMITS.videoSeconds)
      throw new ApiError(422, "validation_failed", "videos may be at most 5 minutes long", {
        file: "may be at most 5 minutes long",
      });
    return result.facts;
  } finally {
    await handle.close();
  }
}

/** An MP4's or MOV's location, camera and XMP boxes blanked before it is stored (video-metadata.ts). */
async function blankVideoMetadata(video: ReceivedVideo): Promise<void> {
  if (video.type.mime === "video/webm") return;
  const handle = await open(video.path, "r+");
  try {
    await blankIsoMetadata(handle, video.size);
  } finally {
    await handle.close();
  }
}

/**
 * Makes the files of an upload (re-encoded photo sizes; for a video, the video and its poster),
 * stores them, and records the media row, unattached (recordMedia).
 */
export async function storeUpload(
  db: Database,
  storage: MediaStorage,
  args: { storeId: string; upload: ReceivedUpload; now: Date; baseUrl: string },
): Promise<Media> {
  const { storeId, upload } = args;
  let images: ProcessedImage;
  let facts: VideoFacts | undefined;
  if (upload.file.type.kind === "image") {
    images = await processImage((upload.file as { bytes: Buffer }).bytes, upload.file.type.mime);
  } else {
    facts = await probeVideo(upload.file as ReceivedVideo);
    await blankVideoMetadata(upload.file as ReceivedVideo);
    images = upload.poster
      ? await processImage(upload.poster.bytes, upload.poster.type.mime)
      : await plainPoster(facts.width, facts.height);
  }

  const row = await recordMedia(db, storage, {
    storeId,
    kind: upload.file.type.kind,
    sourceType: upload.file.type.mime,
    images,
    now: args.now,
    ...(upload.file.type.kind === "video" ? { video: upload.file as ReceivedVideo } : {}),
    ...(facts ? { facts } : {}),
  });
  return toMedia(row, args.baseUrl);
}

/**
 * Stores processed files and records their media row, unattached. The row is written as
 * "processing" with every key before any file, and "ready" after the last one: a crash in between
 * leaves a row the orphan sweep finds and deletes with its files, never a file nobody knows.
 * The demo seed uses it too, so seeded photos are stored exactly as uploads are.
 */
export async function recordMedia(
  db: Database,
  storage: MediaStorage,
  args: {
    storeId: string;
    kind: MediaRow["kind"];
    /** The type the source bytes turned out to be. */
    sourceType: string;
    images: ProcessedImage;
    video?: ReceivedVideo;
    facts?: VideoFacts;
    now: Date;
  },
): Promise<MediaRow> {
  const { storeId, images, facts, video } = args;
  const id = newMediaId();
  const variants: ImageVariant[] = images.variants.map((v) => ({
    width: v.width,
    height: v.height,
    webp: mediaKey(storeId, id, `w${v.width}`, "webp"),
    jpg: mediaKey(storeId, id, `w${v.width}`, "jpg"),
  }));
  const files: MediaFiles = {
    images: variants,
    ...(video ? { video: mediaKey(storeId, id, "video", VIDEO_EXT[video.type.mime]) } : {}),
  };
  const largest = images.variants[images.variants.length - 1];
  const width = facts && facts.width > 0 ? facts.width : (largest?.width ?? 0);
  const height = facts && facts.height > 0 ? facts.height : (largest?.height ?? 0);
  const bytes =
    images.variants.reduce((sum, v) => sum + v.webp.length + v.jpg.length, 0) + (video ? video.size : 0);
  const row: MediaRow = {
    id,
    store_id: storeId,
    review_id: null,
    position: 0,
    kind: args.kind,
    status: "processing",
    source_type: args.sourceType,
    files: JSON.stringify(files),
    width,
    height,
    duration_seconds: facts?.durationSeconds ?? null,
    placeholder: images.placeholder,
    bytes,
    created_at: args.now.toISOString(),
  };
  await db.kysely.insertInto("media").values(row).execute();

  const written: string[] = [];
  try {
    for (const [i, v] of images.variants.entries()) {
      const keys = variants[i] as ImageVariant;
      await storage.put(keys.webp, v.webp, "image/webp");
      written.push(keys.webp);
      await storage.put(keys.jpg, v.jpg, "image/jpeg");
      written.push(keys.jpg);
    }
    if (video && files.video) {
      await storage.put(files.video, createReadStream(video.path), video.type.mime, video.size);
      written.push(files.video);
    }
    await db.kysely.updateTable("media").set({ status: "ready" }).where("id", "=", id).execute();
  } catch (error) {
    await Promise.all(written.map((key) => storage.delete(key).catch(() => {})));
    await db.kysely
      .deleteFrom("media")
      .where("id", "=", id)
      .execute()
      .catch(() => {});
    throw error;
  }
  return { ...row, status: "ready" };
}
