// The review form's hook onto its uploads. The queue and everything behind it load on the first
// interaction with the media field (`warm`), or at the latest with the first file.
import { type Catalogs, catalogsFor, type PlauditClient } from "@plaudit/core";
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
  /** Ends the uploads for good (the review was sent): the next dialog starts without files. */
  forget(): void;
  /** Fails the files of these media ids (the server no longer has them), to be uploaded again. */
  expire(mediaIds: readonly string[]): Promise<void>;
}

/** How a file goes up: the reviews controller's uploadMedia (the widget's own store). */
export type UploadMedia = PlauditClient["uploadMedia"];

export type LoadUploads = (
  uploadMedia: UploadMedia,
  locale: string,
) => Promise<{ queue: UploadQueue; messages: Catalogs }>;

// The upload code, then its words in `locale` (German and Hebrew each a chunk of their own; one
// that cannot load leaves the rows in English, reported).
const loadReviewUploads: LoadUploads = (uploadMedia, locale) =>
  import("./review-uploads.ts").then(async (module) => ({
    queue: module.createReviewUploads(uploadMedia),
    messages: await catalogsFor(locale, module.uploadLoadable),
  }));

/**
 * Upload queues of dialogs closed before their review was sent, by product: a dialog opened again
 * shows the same files (uploads go on meanwhile), as it shows the same draft.
 */
const keptQueues = new Map<string, ReturnType<LoadUploads>>();

export function useUploads(
  uploadMedia: UploadMedia,
  keepAs: string,
  locale: string,
  load: LoadUploads = loadReviewUploads,
): Uploads {
  const [items, setItems] = useState<readonly UploadItem[]>([]);
  const [messages, setMessages] = useState<Catalogs>();
  const queue = useRef<Promise<UploadQueue> | null>(null);
  const live = useRef(true);
  const unsubscribe = useRef<(() => void) | undefined>(undefined);

  const ready = () => {
    if (!queue.current) {
      const loading = keptQueues.get(keepAs) ?? load(uploadMedia, locale);
      keptQueues.set(keepAs, loading);
      queue.current = loading.then(({ queue: created, messages: loaded }) => {
        if (live.current) {
          setMessages(loaded);
          setItems(created.items());
          unsubscribe.current = created.subscribe(() => setItems(created.items()));
        }
        return created;
      });
      // A failed chunk load may be retried by the next interaction.
      queue.current.catch(() => {
        queue.current = null;
        keptQueues.delete(keepAs);
      });
    }
    return queue.current;
  };

  useEffect(() => {
    if (keptQueues.has(keepAs)) void ready().catch(() => undefined);
    return () => {
      live.current = false;
      unsubscribe.current?.();
    };
  }, []);

  return {
    items,
    messages,
    warm: () => void ready().catch(() => undefined),
    add: async (files) => (await ready()).add(files),
    remove: (key) => void queue.current?.then((created) => created.remove(key)),
    retry: (key) => void queue.current?.then((created) => created.retry(key)),
    forget: () => {
      if (keptQueues.get(keepAs) === undefined) return;
      keptQueues.delete(keepAs);
      void queue.current?.then(
        (created) => created.destroy(),
        () => undefined,
      );
    },
    expire: async (mediaIds) => (await queue.current)?.expire(mediaIds),
  };
}
