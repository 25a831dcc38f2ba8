// Structured data is for crawlers, not for the shopper's first frame: its code is a chunk of its
// own, loaded and run once the main thread is idle (a crawler waits for the page to settle). The
// updates and the release wait for it, in the order they were made. Used by the reviews widget and
// by the loader's first paint (which has no store or event bus loaded: it passes no `onError`).
import { whenIdle } from "@plaudit/core";
import type { JsonLdHandle } from "./json-ld-manager.ts";

const loadJsonLd = () => import("./json-ld-manager.ts");

export function deferredJsonLd(
  doc: Document,
  productId: string,
  pointer?: string,
  onError: (error: unknown) => void = () => undefined,
): JsonLdHandle {
  const handle = whenIdle()
    .then(loadJsonLd)
    .then((module) => module.acquireProductJsonLd(doc, productId, pointer), onError);
  return {
    update: (contribution) => void handle.then((jsonLd) => jsonLd?.update(contribution)),
    release: () => void handle.then((jsonLd) => jsonLd?.release()),
  };
}
