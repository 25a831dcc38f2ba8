// The row of photo and video thumbnails on a review card. It ships in the reviews chunk, so it is
// kept to plain markup: each thumbnail is a button (the lightbox loads on the first press), and
// its box is fixed by width/height attributes and CSS, with the media's placeholder colour behind
// it, so nothing moves when the images arrive.
import type { I18n, Media } from "@plaudit/core";
import { mediaAlt, mediaUrl } from "./media-url.ts";
import { VideoBadge } from "./video-badge.tsx";

/** Edge of a thumbnail, in CSS px (docs/widgets.md promises 64×64). */
export const THUMBNAIL_SIZE = 64;

export interface ThumbnailStripProps {
  media: readonly Media[];
  author: string;
  i18n: I18n;
  /** The API base the media URLs are resolved against. */
  mediaBase?: string;
  /** Opens the lightbox at `index`; `button` gets focus back when it closes. */
  onOpen?(index: number, button: HTMLElement): void;
}

export function ThumbnailStrip({ media, author, i18n, mediaBase, onOpen }: ThumbnailStripProps) {
  return (
    <ul class="plaudit-media">
      {media.map((item, index) => (
        <li key={item.id}>
          <button
            type="button"
            class="plaudit-media__open"
            aria-haspopup="dialog"
            onClick={(event) => onOpen?.(index, event.currentTarget)}
          >
            {/* The smallest size only, no srcset: it is 320 px or more (the server makes no size
                below that but an image's own), enough for a 64 px box up to 5 device px to the
                CSS px, so a srcset would always pick it, for its URLs' bytes in every card. */}
            <img
              class="plaudit-media__thumb"
              src={mediaUrl(item.thumbnailUrl, mediaBase)}
              width={THUMBNAIL_SIZE}
              height={THUMBNAIL_SIZE}
              loading="lazy"
              decoding="async"
              alt={mediaAlt(i18n, item, index, author)}
              // Set through the CSSOM, not as a style attribute: server-rendered HTML then carries
              // no inline style for a strict CSP to refuse (docs/ssr.md); the browser paints it.
              // The attribute carries it for the first paint, which runs before this code does.
              data-placeholder={item.placeholder}
              ref={(img) => {
                if (img && item.placeholder) img.style.backgroundColor = item.placeholder;
              }}
            />
            {item.kind === "video" && <VideoBadge durationSeconds={item.durationSeconds} />}
          </button>
        </li>
      ))}
    </ul>
  );
}
