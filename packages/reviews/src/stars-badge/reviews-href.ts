// Where a star badge links. Its own file: the loader's first paint sets it on the server's markup
// before any of the badge's code loads.
import type { WidgetConfig } from "@plaudit/core";

/** Where the badge links: data-href, else the reviews widget's host (by its id), else #plaudit-reviews. */
export function reviewsHref(host: Element, config: WidgetConfig): string {
  if (config.options.href) return config.options.href;
  const reviews = host.ownerDocument.querySelector('[data-plaudit="reviews"][id]');
  return `#${reviews?.id || "plaudit-reviews"}`;
}
