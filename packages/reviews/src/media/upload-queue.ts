// The review form's photo and video uploads without a DOM or Preact: which files are on their
// way, how far each got, and the actions on them (add, remove, retry). Loaded with the upload code
// on the first file, not with the form. Every file is prepared (a photo resized, a video's poster
// frame grabbed) and uploaded on its own, so one failure never holds up the others.
import { isPlauditError, MEDIA_PER_REVIEW, MEDIA_UPLOAD_LIMITS, type Media } from "@plaudit/core";
import type { UploadItem } from "./upload-state.ts";

export type { UploadItem, UploadStatus } from "./upload-state.ts";

export interface PreparedMedia {
  file: Blob;
  poster?: Blob;
  /** A video's length as the browser read it, when it could. */
  seconds?: number;
}

export interface UploadQueueOptions {
  prepare(file: File, kind: "image" | "video"): Promise<PreparedMedia>;
  upload(
    prepared: PreparedMedia,
    opts: { onProgress(fraction: number): void; signal: AbortSignal },
  ): Promise<Media>;
  /** Default MEDIA_PER_REVIEW (10). */
  max?: number;
}

export interface UploadQueue {
  items(): readonly UploadItem[];
  /** Adds files up to the limit; answers how many were left out because the review was full. */
  add(files: readonly File[]): { added: number; overLimit: number };
  remove(key: string): void;
  retry(key: string): void;
  /**
   * The server refused these uploaded media with the review (an upload is deleted 45 minutes after
   * it was made if no review took it): their files fail, with Retry to upload them again.
   */
  expire(mediaIds: readonly string[]): void;
  subscribe(listener: () => void): () => void;
  /** Aborts every upload (the dialog closed). */
  destroy(): void;
}

/**
 * Files prepared at once on the device. Decoding a 12 MP phone photo takes ~48 MB of pixels: ten
 * picked together, all decoded at once, can take half a gigabyte and get a phone's tab killed.
 */
export const PREPARING_AT_ONCE = 2;

/** The server's video limit (docs/media.md); refused here so a 2 GB file is never sent. */
export const VIDEO_MAX_BYTES = MEDIA_UPLOAD_LIMITS.videoBytes;

/** Photo or video by the browser's idea of the type (the server judges the bytes again). */
export function kindOf(file: File): "image" | "video" | undefined {
  if (file.type.startsWith("image/")) return "image";
  if (file.type.startsWith("video/")) return "video";
  // Some Android pickers give no type: fall back on the extension.
  if (/\.(jpe?g|png|webp|heic|heif)$/i.test(file.name)) return "image";
  if (/\.(mp4|m4v|mov|webm)$/i.test(file.name)) return "video";
  return undefined;
}

/** An iPhone's photo format: the browser (outside Safari) and the server may both be unable to read it. */
const isHeic = (file: File) => /^image\/hei[cf]/.test(file.type) || /\.hei[cf]$/i.test(file.name);

/**
 * Catalog key of a failed upload, and whether a retry could change anything. With the file, a
 * refusal is worded for what it is: a photo's size limit is not a video's, and a HEIC photo gets
 * a way out (the camera's "Most Compatible" format).
 */
export function uploadFailure(error: unknown, file?: File): { errorKey: string; retryable: boolean } {
  if (!isPlauditError(error)) return { errorKey: "media.failed.generic", retryable: true };
  if (error.kind === "network" || error.kind === "timeout")
    return { errorKey: "media.failed.network", retryable: true };
  if (error.status === 415)
    return { errorKey: file && isHeic(file) ? "media.failed.heic" : "media.failed.type", retryable: false };
  // The shop's storage is full: no file would go up now, however small.
  if (error.code === "storage_quota_exceeded")
    return { errorKey: "media.failed.storeFull", retryable: false };
  if (error.status === 413)
    return {
      errorKey: file && kindOf(file) === "image" ? "media.failed.photoSize" : "media.failed.size",
      retryable: false,
    };
  if (error.status === 429) return { errorKey: "media.failed.busy", retryable: true };
  if (error.status === 422) return { errorKey: "media.failed.unreadable", retryable: false };
  return { errorKey: "media.failed.generic", retryable: true };
}

export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  const max = options.max ?? MEDIA_PER_REVIEW;
  let items: UploadItem[] = [];
  let counter = 0;
  const files = new Map<string, File>();
  const aborts = new Map<string, AbortController>();
  const listeners = new Set<() => void>();
  let preparing = 0;
  const turns: (() => void)[] = [];

  /** Prepares when a slot is free; undefined when the file was removed while it waited. */
  async function prepareInTurn(file: File, kind: "image" | "video", signal: AbortSignal) {
    while (preparing >= PREPARING_AT_ONCE) await new Promise<void>((go) => turns.push(go));
    if (signal.aborted) {
      turns.shift()?.();
      return undefined;
    }
    preparing += 1;
    try {
      return await options.prepare(file, kind);
    } finally {
      preparing -= 1;
      turns.shift()?.();
    }
  }

  const update = (key: string, change: Partial<UploadItem>) => {
    if (!files.has(key)) return; // removed meanwhile
    items = items.map((item) => (item.key === key ? { ...item, ...change } : item));
    for (const listener of [...listeners]) listener();
  };

  async function run(key: string, kind: "image" | "video") {
    const file = files.get(key);
    if (!file) return;
    const controller = new AbortController();
    aborts.set(key, controller);
    update(key, { status: "preparing", progress: 0, errorKey: undefined, retryable: undefined });
    try {
      if (kind === "video" && file.size > VIDEO_MAX_BYTES) {
        update(key, { status: "failed", errorKey: "media.failed.size", retryable: false });
        return;
      }
      const prepared = await prepareInTurn(file, kind, controller.signal);
      if (!prepared || controller.signal.aborted) return;
      // The server would refuse it after the whole file went up.
      if ((prepared.seconds ?? 0) > MEDIA_UPLOAD_LIMITS.videoSeconds) {
        update(key, { status: "failed", errorKey: "media.failed.long", retryable: false });
        return;
      }
      update(key, { status: "uploading" });
      const media = await options.upload(prepared, {
        signal: controller.signal,
        onProgress: (fraction) => update(key, { progress: Math.min(1, Math.max(0, fraction)) }),
      });
      update(key, { status: "done", progress: 1, media });
    } catch (error) {
      if (!controller.signal.aborted) update(key, { status: "failed", ...uploadFailure(error, file) });
    } finally {
      if (aborts.get(key) === controller) aborts.delete(key);
    }
  }

  return {
    items: () => items,
    add(picked) {
      const room = Math.max(0, max - items.length);
      const accepted = picked.slice(0, room);
      for (const file of accepted) {
        const key = `u${++counter}`;
        const kind = kindOf(file);
        files.set(key, file);
        items = [
          ...items,
          { key, name: file.name || key, kind: kind ?? "image", status: "preparing", progress: 0 },
        ];
        if (kind) void run(key, kind);
        else update(key, { status: "failed", errorKey: "media.failed.type", retryable: false });
      }
      for (const listener of [...listeners]) listener();
      return { added: accepted.length, overLimit: picked.length - accepted.length };
    },
    remove(key) {
      aborts.get(key)?.abort();
      files.delete(key);
      items = items.filter((item) => item.key !== key);
      for (const listener of [...listeners]) listener();
    },
    retry(key) {
      const item = items.find((candidate) => candidate.key === key);
      if (item?.status === "failed" && item.retryable !== false) void run(key, item.kind);
    },
    expire(mediaIds) {
      for (const item of items)
        if (item.media && mediaIds.includes(item.media.id))
          update(item.key, {
            status: "failed",
            media: undefined,
            errorKey: "media.failed.expired",
            retryable: true,
          });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      for (const controller of aborts.values()) controller.abort();
      listeners.clear();
    },
  };
}
