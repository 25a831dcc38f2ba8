/**
 * `reviews.search_text`: what search (`q`) matches, title and body lower-cased in JavaScript so the
 * match is the same on both databases, for every script (docs/server.md, "Search"). Every writer
 * of a review's text (submit, erasure, the demo's seed) makes it here.
 */
export function searchText(title: string, body: string): string {
  return `${title}\n${body}`.toLowerCase();
}
