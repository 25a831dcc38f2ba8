// Which way a finished horizontal swipe moves the lightbox: +1 next, -1 previous, 0 none. Content
// is dragged like paper: swiping left brings the next item in LTR, the previous one in RTL.

/** Shortest horizontal travel, in CSS px, that counts as a swipe rather than a tap. */
export const SWIPE_MIN_PX = 40;

export function swipeDirection(dx: number, dy: number, dir: "ltr" | "rtl"): -1 | 0 | 1 {
  // Mostly vertical movement is scrolling, not a swipe.
  if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < Math.abs(dy) * 1.5) return 0;
  const next = dx < 0 ? 1 : -1;
  return dir === "rtl" ? (-next as -1 | 1) : next;
}
