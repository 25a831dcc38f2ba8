// What the review form knows about one file on its way: the shape upload-queue.ts keeps, here on
// its own so the form can read it without loading the upload code.
import type { Media } from "@plaudit/core";

export type UploadStatus = "preparing" | "uploading" | "done" | "failed";

export interface UploadItem {
  key: string;
  /** The shopper's file name, shown in the list and in accessible names. */
  name: string;
  kind: "image" | "video";
  status: UploadStatus;
  /** 0–1 while uploading. */
  progress: number;
  /** The stored media once done: its id goes into the review's mediaIds. */
  media?: Media;
  /** Catalog key of the reason, when failed. */
  errorKey?: string;
  /** Whether trying again could help (a type the server refuses never will). */
  retryable?: boolean;
}

export const isBusy = (item: UploadItem) => item.status === "preparing" || item.status === "uploading";
