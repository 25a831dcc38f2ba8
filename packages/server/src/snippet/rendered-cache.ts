// Rendering a snippet costs ~5 ms of CPU (hundreds of elements, star SVGs included); reading its
// data costs two indexed queries. So the data is read every time (fresh as the list route), and
// the HTML is rendered only when the data or the options changed: keyed by a hash of everything
// that goes into it, which is also its ETag (a 304 needs no rendering at all).
import { createHash } from "node:crypto";
import { widgetCssFile } from "@plaudit/reviews/server";

const MAX_ENTRIES = 256;

export interface RenderedCache {
  /** The weak ETag of what `inputs` render to (same inputs, same HTML). */
  etag(inputs: unknown): string;
  get(etag: string): string | undefined;
  set(etag: string, html: string): void;
}

export function createRenderedCache(): RenderedCache {
  const entries = new Map<string, string>();
  return {
    etag(inputs) {
      // The CSS file name changes with the widgets' styles: a new release renders anew.
      const digest = createHash("sha1")
        .update(JSON.stringify([widgetCssFile, inputs]))
        .digest("base64url");
      return `W/"${digest.slice(0, 27)}"`;
    },
    get(etag) {
      const html = entries.get(etag);
      if (html !== undefined) {
        // Map order is insertion order: re-inserting keeps the most used entries last.
        entries.delete(etag);
        entries.set(etag, html);
      }
      return html;
    },
    set(etag, html) {
      entries.set(etag, html);
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    },
  };
}
