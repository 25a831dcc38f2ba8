import type { Readable } from "node:stream";
import { STORE_ID_PATTERN } from "@plaudit/contract";

// Where media bytes live. Every key is made by the server (mediaKey below) and checked again by
// every driver, so no path a user typed ever reaches a file system or a bucket.

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

export interface StoredObject {
  size: number;
  contentType: string;
}

export interface MediaStorage {
  /** Stores the bytes under `key` atomically: readers see the whole object or none. */
  put(key: string, body: Buffer | Readable, contentType: string, size?: number): Promise<void>;
  /** The object (or the inclusive byte range of it), or undefined when there is none. */
  get(key: string, range?: ByteRange): Promise<(StoredObject & { body: Readable }) | undefined>;
  stat(key: string): Promise<StoredObject | undefined>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** The stored files' types, by the extension the server gave the key. */
export const CONTENT_TYPES = {
  webp: "image/webp",
  jpg: "image/jpeg",
  mp4: "video/mp4",
  mov: "video/quicktime",
  webm: "video/webm",
} as const;

export type StoredExtension = keyof typeof CONTENT_TYPES;

const KEY = new RegExp(
  `^${STORE_ID_PATTERN.source.slice(1, -1)}/[A-Za-z0-9_-]{22}/[a-z0-9]{1,16}\\.(webp|jpg|mp4|mov|webm)$`,
);

/** `store/mediaId/variant.ext` — the only shape of key any driver accepts. */
export function isMediaKey(key: string): boolean {
  return KEY.test(key);
}

export function mediaKey(storeId: string, mediaId: string, variant: string, ext: StoredExtension): string {
  const key = `${storeId}/${mediaId}/${variant}.${ext}`;
  if (!isMediaKey(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`);
  return key;
}

export function assertMediaKey(key: string): void {
  if (!isMediaKey(key)) throw new Error(`not a media key: ${JSON.stringify(key.slice(0, 200))}`);
}

export function contentTypeOfKey(key: string): string {
  const ext = key.slice(key.lastIndexOf(".") + 1) as StoredExtension;
  return CONTENT_TYPES[ext] ?? "application/octet-stream";
}
