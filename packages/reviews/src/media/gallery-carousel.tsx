// The gallery as a carousel (data-layout="carousel"). When it moves by itself (data-autoplay) it
// follows WCAG 2.2.2 and the APG carousel: a visible Pause/Play button first in the tab order,
// rotation paused while the pointer is over it or focus is inside, no rotation at all when the
// shopper prefers reduced motion (they can still press Play), and no live announcements while it
// rotates. The widget's section carries the carousel's name and role description.
import type { GalleryItem, I18n } from "@plaudit/core";
import { useEffect, useRef, useState } from "preact/hooks";
import { GalleryTile } from "./gallery-tile.tsx";

export interface GalleryCarouselProps {
  items: readonly GalleryItem[];
  i18n: I18n;
  mediaBase?: string;
  /** Seconds per step when it moves by itself; 0 never moves by itself. */
  autoplaySeconds: number;
  onOpen(index: number, button: HTMLElement): void;
  /** Called when the carousel reaches its last item and more could be loaded. */
  onNearEnd?(): void;
}

const prefersReducedMotion = () =>
  typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;

export function GalleryCarousel(props: GalleryCarouselProps) {
  const { items, i18n, mediaBase, autoplaySeconds, onOpen } = props;
  const { t } = i18n;
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(() => autoplaySeconds > 0 && !prefersReducedMotion());
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const track = useRef<HTMLUListElement>(null);
  const moved = useRef(false);
  // `| undefined` spelled out: Preact 10's useRef has no overload taking `undefined` for a `T`
  // without it (11 has), and the packages support both (docs/packages.md).
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The row is moving because the carousel moved it (Next, Previous, the slideshow): until that
  // scroll comes to rest, the item it passes is not the shopper's choice.
  const steering = useRef(false);
  const count = items.length;
  const rotating = playing && !hovered && !focused && count > 1;

  const go = (next: number) => setIndex(((next % count) + count) % count);

  useEffect(() => {
    if (!rotating) return;
    const timer = setInterval(() => setIndex((current) => (current + 1) % count), autoplaySeconds * 1000);
    return () => clearInterval(timer);
  }, [rotating, count, autoplaySeconds]);

  // Scrolls the track itself (never the page, which scrollIntoView would) so the item leads.
  useEffect(() => {
    if (!moved.current) {
      moved.current = true;
      return;
    }
    if (index >= count - 2) props.onNearEnd?.();
    const list = track.current;
    const item = list?.children[index] as HTMLElement | undefined;
    if (!list || !item || typeof list.scrollBy !== "function") return;
    const box = list.getBoundingClientRect();
    const at = item.getBoundingClientRect();
    const rtl = getComputedStyle(list).direction === "rtl";
    const by = rtl ? at.right - box.right : at.left - box.left;
    // Not when the row would move less than a pixel: the item already leads (the row at rest just
    // said so), or the row's end holds it back. With mandatory snapping such a nudge still jumps a
    // whole item that way, to an item the row at rest then took as current: a row swinging back and
    // forth between two items, and Next springing back on a slow phone.
    // (How far along the row, either way: scrollLeft is negative in RTL. Never before its start.)
    const to = Math.min(Math.abs(list.scrollLeft + by), list.scrollWidth - list.clientWidth);
    if (Math.abs(to - Math.abs(list.scrollLeft)) < 1) return;
    steering.current = true;
    list.scrollBy({ left: by, behavior: prefersReducedMotion() ? "auto" : "smooth" });
  }, [index]);

  // Once the row rests, the first item starting inside it is the current one: Next and the
  // slideshow go on from there, not from where the buttons last left it. After the carousel's own
  // scroll the current item is already the one it scrolled to.
  const rested = (list: HTMLUListElement) => {
    if (steering.current) {
      steering.current = false;
      return;
    }
    const edge = list.getBoundingClientRect();
    const rtl = getComputedStyle(list).direction === "rtl";
    const at = [...list.children].findIndex((item) => {
      const box = item.getBoundingClientRect();
      return rtl ? box.right <= edge.right + 1 : box.left >= edge.left - 1;
    });
    if (at >= 0) setIndex(at);
  };

  return (
    <div
      class="plaudit-carousel"
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocusIn={() => setFocused(true)}
      onFocusOut={(event) => {
        if (!(event.currentTarget as Node).contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <div class="plaudit-carousel__controls">
        {autoplaySeconds > 0 && (
          <button
            type="button"
            class="plaudit-button plaudit-carousel__play"
            onClick={() => setPlaying(!playing)}
          >
            <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d={playing ? "M7 5h4v14H7zM13 5h4v14h-4z" : "M8 5v14l11-7z"} fill="currentColor" />
            </svg>
            {t(playing ? "gallery.pause" : "gallery.play")}
          </button>
        )}
        <button
          type="button"
          class="plaudit-button"
          aria-label={t("gallery.previous")}
          onClick={() => go(index - 1)}
        >
          <svg
            class="plaudit-carousel__arrow"
            width="16"
            height="16"
            viewBox="0 0 24 24"
            aria-hidden="true"
            focusable="false"
          >
            <path
              d="M15 5l-7 7 7 7"
              fill="none"
              stroke="currentColor"
              stroke-width="2.5"
              stroke-linecap="round"
            />
          </svg>
        </button>
        <button
          type="button"
          class="plaudit-button"
          aria-label={t("gallery.next")}
          onClick={() => go(index + 1)}
        >
          <svg
            class="plaudit-carousel__arrow"
            width="16"
            height="16"
            viewBox="0 0 24 24"
            aria-hidden="true"
            focusable="false"
          >
            <path
              d="M9 5l7 7-7 7"
              fill="none"
              stroke="currentColor"
              stroke-width="2.5"
              stroke-linecap="round"
            />
          </svg>
        </button>
      </div>
      {/* Silent while it rotates by itself; polite once the shopper moves it (APG carousel). */}
      <ul
        ref={track}
        class="plaudit-carousel__track"
        aria-live={rotating ? "off" : "polite"}
        // A finger, Tab or a screen reader scrolls the track without the buttons: near its end
        // (scrollLeft is negative in RTL), the next page loads all the same.
        onScroll={(event) => {
          const list = event.currentTarget;
          if (Math.abs(list.scrollLeft) + 2 * list.clientWidth >= list.scrollWidth) props.onNearEnd?.();
          // The row rests at `scrollend` where the browser has it; elsewhere 150 ms after its last
          // scroll event, which a smooth scroll on a slow phone or a busy page can outlast.
          if ("onscrollend" in list) return;
          clearTimeout(settle.current);
          settle.current = setTimeout(() => rested(list), 150);
        }}
        onScrollEnd={(event) => rested(event.currentTarget)}
      >
        {items.map((item, i) => (
          <li
            key={item.id}
            class={`plaudit-carousel__slide${i === index ? " is-current" : ""}`}
            aria-roledescription="slide"
            aria-label={i18n.t("lightbox.position", {
              n: i18n.formatNumber(i + 1),
              total: i18n.formatNumber(count),
            })}
          >
            <GalleryTile
              item={item}
              index={i}
              i18n={i18n}
              mediaBase={mediaBase}
              sizes="320px"
              onOpen={onOpen}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
