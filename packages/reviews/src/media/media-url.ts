// The server answers media URLs root-relative unless it has a media base URL (docs/server.md), so a
// widget on a shop's own domain must resolve them against the API's origin, not the page's.
import type { I18n, Media } from "@plaudit/core";

/** `url` resolved against `base` (the widget's apiBase); absolute URLs pass through. */
export function mediaUrl(url: string, base?: string): string {
  if (!base || !url.startsWith("/") || url.startsWith("//")) return url;
  return `${base.replace(/\/+$/, "")}${url}`;
}

/** Every URL of a `srcset` ("a.webp 320w, b.webp 640w") resolved against `base`. */
export function mediaSrcset(srcset: string | undefined, base?: string): string | undefined {
  if (!srcset || !base) return srcset;
  return srcset
    .split(",")
    .map((candidate) => {
      const [url = "", ...descriptor] = candidate.trim().split(/\s+/);
      return [mediaUrl(url, base), ...descriptor].join(" ");
    })
    .join(", ");
}

/** "1:05" — the length shown on a video's thumbnail. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/**
 * Text alternative of one review photo or video ("Photo 2 from Anna’s review"). Shoppers do not
 * describe their photos, so the alt names what and whose it is; the review beside it tells the rest.
 */
export function mediaAlt(i18n: I18n, media: Media, index: number, author: string): string {
  return i18n.t(media.kind === "video" ? "review.video" : "review.photo", { n: index + 1, author });
}
