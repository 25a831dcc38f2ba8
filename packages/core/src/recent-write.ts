// Reads answer with max-age=60: after this shopper's own write (a review, a vote), the browser's
// cached copy would hide it, so reads within that window ask the cache to revalidate first. The
// deadline is kept in localStorage, like the HTTP cache it works around: a reload or the next page
// must not bring the old answer back (a vote that vanishes from the count on reload). The loader's
// first paint does not read it (the first storage access of a page costs 4–12 ms at 4× throttling):
// its snippet and badges reads always revalidate.

/** How long after a write reads revalidate. */
export const RECENT_WRITE_MS = 60_000;

/** The localStorage key of the deadline, per API server. */
export const recentWriteKey = (apiBase: string): string => `plaudit:wrote:${apiBase.replace(/\/+$/, "")}/v1/`;

/** The deadline stored for `apiBase` (0: none, or storage blocked: private mode, a sandboxed frame). */
export function storedWriteDeadline(apiBase: string): number {
  try {
    return Number(globalThis.localStorage?.getItem(recentWriteKey(apiBase))) || 0;
  } catch {
    return 0;
  }
}

/** Remembers a write now; answers the deadline (kept in memory by the caller when storage is blocked). */
export function rememberWrite(apiBase: string): number {
  const until = Date.now() + RECENT_WRITE_MS;
  try {
    globalThis.localStorage?.setItem(recentWriteKey(apiBase), String(until));
  } catch {
    // Storage blocked: remembered for this page only (the caller keeps the deadline).
  }
  return until;
}
