// The review form's hook onto its uploads. The queue and everything behind it load on the first
// interaction with the media field (`warm`), or at the latest with the first file.
import type { Catalogs, PlauditClient } from "@plaudit/core";
import { useEffect, useRef, useState } from "preact/hooks";
import type { UploadItem, UploadQueue } from "./upload-queue.ts";

export interface Uploads {
  items: readonly UploadItem[];
  /** The words of rows and failures; they arrive with the upload code. */
  messages?: Catalogs;
  /** Starts loading the upload code (focus or pointer on the field). */
  warm(): void;
  add(files: readonly File[]): Promise<{ added: number; overLimit: number }>;
  remove(key: string): void;
  retry(key: string): void;
  /** Fails the files of these media ids (the server no longer has them), to be uploaded again. */
  expire(mediaIds: readonly string[]): Promise<void>;
}

/** How a file goes up: the reviews controller's uploadMedia (the widget's own store). */
export type UploadMedia = PlauditClient["uploadMedia"];

export type LoadUploads = (uploadMedia: UploadMedia) => Promise<{ queue: UploadQueue; messages: Catalogs }>;

const loadReviewUploads: LoadUploads = (uploadMedia) =>
  import("./review-uploads.ts").then((module) => ({
    queue: module.createReviewUploads(uploadMedia),
    messages: module.uploadMessages,
  }));

export function useUploads(uploadMedia: UploadMedia, load: LoadUploads = loadReviewUploads): Uploads {
  const [items, setItems] = useState<readonly UploadItem[]>([]);
  const [messages, setMessages] = useState<Catalogs>();
  const queue = useRef<Promise<UploadQueue> | null>(null);
  const live = useRef(true);

  const ready = () => {
    if (!queue.current) {
      queue.current = load(uploadMedia).then(({ queue: created, messages: loaded }) => {
        if (live.current) {
          setMessages(loaded);
          created.subscribe(() => setItems(created.items()));
        } else created.destroy();
        return created;
      });
      // A failed chunk load may be retried by the next interaction.
      queue.current.catch(() => {
        queue.current = null;
      });
    }
    return queue.current;
  };

  useEffect(
    () => () => {
      live.current = false;
      void queue.current?.then(
        (created) => created.destroy(),
        () => undefined,
      );
    },
    [],
  );

  return {
    items,
    messages,
    warm: () => void ready().catch(() => undefined),
    add: async (files) => (await ready()).add(files),
    remove: (key) => void queue.current?.then((created) => created.remove(key)),
    retry: (key) => void queue.current?.then((created) => created.retry(key)),
    expire: async (mediaIds) => (await queue.current)?.expire(mediaIds),
  };
}
