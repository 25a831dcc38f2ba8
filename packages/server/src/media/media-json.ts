import type { Media } from "@plaudit/contract";
import type { Selectable } from "kysely";
import type { MediaFiles, MediaTable } from "./media-table.ts";

export type MediaRow = Selectable<MediaTable>;

export function parseFiles(json: string): MediaFiles {
  const parsed = JSON.parse(json) as MediaFiles;
  return {
    images: Array.isArray(parsed.images) ? parsed.images : [],
    ...(parsed.video ? { video: parsed.video } : {}),
  };
}

/** Every storage key of a row (for deleting it). */
export function keysOf(files: MediaFiles): string[] {
  return [...files.images.flatMap((v) => [v.webp, v.jpg]), ...(files.video ? [files.video] : [])];
}

/**
 * The public shape. URLs are `${baseUrl}/media/{store}/{id}/{file}`. Callers pass the configured
 * base (PLAUDIT_MEDIA_BASE_URL) or else the public origin of the request being answered
 * (http/public-origin.ts), so the URLs work on the shop's own pages; "" makes them root-relative. `srcset` lists the WebP
 * sizes; `url` is the largest JPEG (readable everywhere) or the video; `thumbnailUrl` is the
 * smallest WebP (for a video: of its poster). `hrefOf` makes other URLs of the same keys (the
 * moderator's, which serve media that is not public yet).
 */
export function toMedia(row: MediaRow, baseUrl = "", hrefOf?: (key: string) => string): Media {
  const files = parseFiles(row.files);
  const href = hrefOf ?? ((key: string) => `${baseUrl}/media/${key}`);
  const smallest = files.images[0];
  const largest = files.images[files.images.length - 1];
  const url = row.kind === "video" && files.video ? href(files.video) : largest ? href(largest.jpg) : "";
  return {
    id: row.id,
    kind: row.kind,
    url,
    thumbnailUrl: smallest ? href(smallest.webp) : url,
    width: Number(row.width),
    height: Number(row.height),
    ...(files.images.length > 0
      ? { srcset: files.images.map((v) => `${href(v.webp)} ${v.width}w`).join(", ") }
      : {}),
    ...(row.duration_seconds !== null ? { durationSeconds: Number(row.duration_seconds) } : {}),
    ...(row.placeholder ? { placeholder: row.placeholder } : {}),
  };
}
