// One gallery item: a button showing the photo (or a video's poster) in a box reserved from the
// media's own width and height, so nothing moves when it loads.
import type { GalleryItem, I18n } from "@plaudit/core";
import { mediaSrcset, mediaUrl } from "./media-url.ts";
import { VideoBadge } from "./video-badge.tsx";

export interface GalleryTileProps {
  item: GalleryItem;
  index: number;
  i18n: I18n;
  mediaBase?: string;
  /** CSS width the tile is drawn at, for `sizes`. */
  sizes: string;
  onOpen(index: number, button: HTMLElement): void;
}

export function GalleryTile({ item, index, i18n, mediaBase, sizes, onOpen }: GalleryTileProps) {
  const stars = i18n.t("stars.label", { rating: i18n.formatNumber(item.rating) });
  return (
    <button
      type="button"
      class="plaudit-gallery__tile"
      aria-haspopup="dialog"
      onClick={(event) => onOpen(index, event.currentTarget)}
    >
      <img
        class="plaudit-gallery__image"
        src={mediaUrl(item.thumbnailUrl, mediaBase)}
        srcset={mediaSrcset(item.srcset, mediaBase)}
        sizes={item.srcset ? sizes : undefined}
        width={item.width}
        height={item.height}
        loading="lazy"
        decoding="async"
        alt={i18n.t(item.kind === "video" ? "gallery.video" : "gallery.photo", { n: index + 1, stars })}
        style={{
          aspectRatio: `${item.width} / ${item.height}`,
          ...(item.placeholder ? { backgroundColor: item.placeholder } : {}),
        }}
      />
      {item.kind === "video" && <VideoBadge durationSeconds={item.durationSeconds} />}
    </button>
  );
}
