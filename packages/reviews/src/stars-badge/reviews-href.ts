// Where a star badge links. Its own file: the loader's first paint sets it on the server's markup
// before any of the badge's code loads.
import type { WidgetConfig } from "@plaudit/core";

/**
 * Where the badge links: data-href, else the reviews widget's host (by its id), else #plaudit-reviews.
 * A fragment is made this page's own when the page has a <base href>: it would resolve against that
 * (`<base href="/">` of an Angular app: the home page) and the badge would leave the product.
 */
export function reviewsHref(host: Element, config: WidgetConfig): string {
  const doc = host.ownerDocument;
  const href =
    config.options.href || `#${doc.querySelector('[data-plaudit="reviews"][id]')?.id || "plaudit-reviews"}`;
  return href[0] === "#" && doc.querySelector("base[href]") ? doc.URL.split("#")[0] + href : href;
}
