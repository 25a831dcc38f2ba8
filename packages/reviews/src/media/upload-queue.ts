// The review form's photo and video uploads without a DOM or Preact: which files are on their
// way, how far each got, and the actions on them (add, remove, retry). Loaded with the upload code
// on the first file, not with the form. Every file is prepared (a photo resized, a video's poster
// frame grabbed) and uploaded on its own, so one failure never holds up the others.
import { isPlauditError, MEDIA_PER_REVIEW, type Media } from "@plaudit/core";
import type { UploadItem } from "./upload-state.ts";

export type { UploadItem, UploadStatus } from "./upload-state.ts";

export interface PreparedMedia {
  file: Blob;
  poster?: Blob;
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
  subscribe(listener: () => void): () => void;
  /** Aborts every upload (the dialog closed). */
  destroy(): void;
}

/** The server's video limit (docs/media.md); refused here so a 2 GB file is never sent. */
export const VIDEO_MAX_BYTES = 100 * 1024 * 1024;

/** Photo or video by the browser's idea of the type (the server judges the bytes again). */
export function kindOf(file: File): "image" | "video" | undefined {
  if (file.type.startsWith("image/")) return "image";
  if (file.type.startsWith("video/")) return "video";
  // Some Android pickers give no type: fall back on the extension.
  if (/\.(jpe?g|png|webp|heic|heif)$/i.test(file.name)) return "image";
  if (/\.(mp4|m4v|mov|webm)$/i.test(file.name)) return "video";
  return undefined;
}

/** Catalog key of a failed upload, and whether a retry could change anything. */
export function uploadFailure(error: unknown): { errorKey: string; retryable: boolean } {
  if (!isPlauditError(error)) return { errorKey: "media.failed.generic", retryable: true };
  if (error.kind === "network" || error.kind === "timeout")
    return { errorKey: "media.failed.network", retryable: true };
  if (error.status === 415) return { errorKey: "media.failed.type", retryable: false };
  if (error.status === 413) return { errorKey: "media.failed.size", retryable: false };
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
      const prepared = await options.prepare(file, kind);
      if (controller.signal.aborted) return;
      update(key, { status: "uploading" });
      const media = await options.upload(prepared, {
        signal: controller.signal,
        onProgress: (fraction) => update(key, { progress: Math.min(1, Math.max(0, fraction)) }),
      });
      update(key, { status: "done", progress: 1, media });
    } catch (error) {
      if (!controller.signal.aborted) update(key, { status: "failed", ...uploadFailure(error) });
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
