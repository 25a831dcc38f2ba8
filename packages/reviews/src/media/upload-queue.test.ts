import { PlauditError } from "@plaudit/core";
import { describe, expect, it, vi } from "vitest";
import { photo } from "../../testing/media-fixtures.ts";
import { uploadLoadable } from "./upload-messages.ts";
import { de as uploadDe } from "./upload-messages-de.ts";
import { he as uploadHe } from "./upload-messages-he.ts";
import {
  createUploadQueue,
  kindOf,
  type PreparedMedia,
  uploadFailure,
  VIDEO_MAX_BYTES,
} from "./upload-queue.ts";

/** The upload words in every language. */
const uploadMessages = { en: uploadLoadable.en, de: uploadDe, he: uploadHe };

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const file = (name: string, type: string, size = 10) => new File([new Uint8Array(size)], name, { type });

/** A queue whose uploads the test finishes by hand. */
function controlled() {
  const pending: {
    prepared: PreparedMedia;
    progress(f: number): void;
    resolve(): void;
    reject(e: unknown): void;
  }[] = [];
  let n = 0;
  const queue = createUploadQueue({
    prepare: async (picked) => ({ file: picked }),
    upload: (prepared, { onProgress }) =>
      new Promise((resolve, reject) => {
        const media = photo(++n);
        pending.push({ prepared, progress: onProgress, resolve: () => resolve(media), reject });
      }),
  });
  return { queue, pending };
}

describe("upload queue", () => {
  it("prepares and uploads each file, reporting progress until done", async () => {
    const { queue, pending } = controlled();
    const changes = vi.fn();
    queue.subscribe(changes);
    queue.add([file("a.jpg", "image/jpeg"), file("b.mp4", "video/mp4")]);
    await settle();
    expect(queue.items().map((item) => [item.name, item.kind, item.status])).toEqual([
      ["a.jpg", "image", "uploading"],
      ["b.mp4", "video", "uploading"],
    ]);
    pending[0]!.progress(0.5);
    expect(queue.items()[0]!.progress).toBe(0.5);
    pending[0]!.resolve();
    await settle();
    expect(queue.items()[0]).toMatchObject({ status: "done", progress: 1, media: { id: photo(1).id } });
    expect(queue.items()[1]!.status).toBe("uploading");
    expect(changes).toHaveBeenCalled();
  });

  it("takes at most 10 files per review and says how many were left out", () => {
    const { queue } = controlled();
    const many = Array.from({ length: 12 }, (_, i) => file(`p${i}.jpg`, "image/jpeg"));
    expect(queue.add(many)).toEqual({ added: 10, overLimit: 2 });
    expect(queue.add([file("late.jpg", "image/jpeg")])).toEqual({ added: 0, overLimit: 1 });
    expect(queue.items()).toHaveLength(10);
  });

  it("retries a failed upload and keeps the others going", async () => {
    const { queue, pending } = controlled();
    queue.add([file("a.jpg", "image/jpeg")]);
    await settle();
    pending[0]!.reject(new PlauditError("network", "offline"));
    await settle();
    expect(queue.items()[0]).toMatchObject({
      status: "failed",
      errorKey: "media.failed.network",
      retryable: true,
    });
    queue.retry(queue.items()[0]!.key);
    await settle();
    expect(queue.items()[0]!.status).toBe("uploading");
    pending[1]!.resolve();
    await settle();
    expect(queue.items()[0]!.status).toBe("done");
  });

  it("removes a file mid-upload by aborting it", async () => {
    let signal: AbortSignal | undefined;
    const queue = createUploadQueue({
      prepare: async (picked) => ({ file: picked }),
      upload: (_prepared, opts) => {
        signal = opts.signal;
        return new Promise(() => {});
      },
    });
    queue.add([file("a.jpg", "image/jpeg")]);
    await settle();
    queue.remove(queue.items()[0]!.key);
    expect(signal?.aborted).toBe(true);
    expect(queue.items()).toEqual([]);
  });

  it("refuses files that are neither photo nor video, and videos over 100 MB, without sending them", async () => {
    const upload = vi.fn();
    const queue = createUploadQueue({ prepare: async (picked) => ({ file: picked }), upload });
    const huge = file("long.mp4", "video/mp4");
    Object.defineProperty(huge, "size", { value: VIDEO_MAX_BYTES + 1 });
    queue.add([file("notes.pdf", "application/pdf"), huge]);
    await settle();
    expect(queue.items().map((item) => [item.status, item.errorKey, item.retryable])).toEqual([
      ["failed", "media.failed.type", false],
      ["failed", "media.failed.size", false],
    ]);
    expect(upload).not.toHaveBeenCalled();
  });

  it("tells what a failure means for the shopper", () => {
    const http = (status: number) => new PlauditError("http", "x", { status });
    expect(uploadFailure(http(415))).toEqual({ errorKey: "media.failed.type", retryable: false });
    expect(uploadFailure(http(413))).toEqual({ errorKey: "media.failed.size", retryable: false });
    expect(uploadFailure(http(429))).toEqual({ errorKey: "media.failed.busy", retryable: true });
    expect(uploadFailure(http(500))).toEqual({ errorKey: "media.failed.generic", retryable: true });
    expect(kindOf(file("IMG_1.HEIC", ""))).toBe("image");
    expect(kindOf(file("clip.mov", ""))).toBe("video");
  });

  it("says what is wrong with a refused photo in its own terms: a photo's size, an iPhone's HEIC", async () => {
    const refusal = (status: number) => new PlauditError("http", "refused", { status });
    const answers = [refusal(413), refusal(415), refusal(415), refusal(413)];
    const queue = createUploadQueue({
      prepare: async (picked) => ({ file: picked }),
      upload: async () => {
        throw answers.shift();
      },
    });
    queue.add([
      file("scan.png", "image/png"),
      file("IMG_0042.HEIC", "image/heic"),
      file("IMG_0043.heif", ""),
      file("clip.mp4", "video/mp4"),
    ]);
    await settle();
    expect(queue.items().map((item) => [item.name, item.errorKey, item.retryable])).toEqual([
      ["scan.png", "media.failed.photoSize", false],
      ["IMG_0042.HEIC", "media.failed.heic", false],
      ["IMG_0043.heif", "media.failed.heic", false],
      ["clip.mp4", "media.failed.size", false],
    ]);
    for (const catalog of Object.values(uploadMessages))
      for (const item of queue.items()) expect(catalog?.[item.errorKey as string]).toBeTruthy();
  });

  it("prepares at most two files at once on the device, however many are added, and all get done", async () => {
    let active = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const queue = createUploadQueue({
      prepare: (picked) => {
        active += 1;
        most = Math.max(most, active);
        return new Promise((resolve) =>
          release.push(() => {
            active -= 1;
            resolve({ file: picked });
          }),
        );
      },
      upload: async () => photo(1),
    });
    queue.add(Array.from({ length: 10 }, (_, i) => file(`IMG_${i}.jpg`, "image/jpeg")));
    await settle();
    expect(active).toBe(2);
    // A file removed while waiting for its turn is never prepared.
    queue.remove(queue.items()[9]!.key);
    while (release.length > 0) {
      release.shift()?.();
      await settle();
    }
    expect(most).toBe(2);
    expect(queue.items().map((item) => item.status)).toEqual(Array(9).fill("done"));
    expect(active).toBe(0);
  });

  it("refuses a video longer than 5 minutes once its length is known, before sending 100 MB for nothing", async () => {
    const upload = vi.fn(async () => photo(1));
    const lengths: Record<string, number | undefined> = {
      "long.mp4": 301,
      "five.mp4": 300,
      "live.webm": undefined,
    };
    const queue = createUploadQueue({
      prepare: async (picked) => ({ file: picked, seconds: lengths[picked.name] }),
      upload,
    });
    queue.add(Object.keys(lengths).map((name) => file(name, "video/mp4")));
    await settle();
    expect(queue.items().map((item) => [item.name, item.status, item.errorKey, item.retryable])).toEqual([
      ["long.mp4", "failed", "media.failed.long", false],
      ["five.mp4", "done", undefined, undefined],
      ["live.webm", "done", undefined, undefined],
    ]);
    expect(upload).toHaveBeenCalledTimes(2);
    for (const catalog of Object.values(uploadMessages)) expect(catalog?.["media.failed.long"]).toBeTruthy();
  });

  it("tells a shopper when the shop keeps no more files, not that their photo is too large", async () => {
    const full = new PlauditError("http", "full", { status: 413, code: "storage_quota_exceeded" });
    const queue = createUploadQueue({
      prepare: async (picked) => ({ file: picked }),
      upload: async () => {
        throw full;
      },
    });
    queue.add([file("beach.jpg", "image/jpeg"), file("clip.mp4", "video/mp4")]);
    await settle();
    expect(queue.items().map((item) => [item.errorKey, item.retryable])).toEqual([
      ["media.failed.storeFull", false],
      ["media.failed.storeFull", false],
    ]);
    for (const catalog of Object.values(uploadMessages))
      expect(catalog?.["media.failed.storeFull"]).toBeTruthy();
  });
});
