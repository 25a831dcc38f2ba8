// The lightbox: review photos and videos one at a time in a modal dialog (ui's Dialog: APG modal,
// focus trap, Escape, focus back to the thumbnail). Its own chunk, imported on the first press of
// a thumbnail. Left/Right arrows (mirrored in RTL) and horizontal swipes move between items; a
// polite "2 of 5" tells screen-reader users where they are; the review sits beside the media.
import { catalogsFor, createI18n, isPending, type Media, type Rating, type Review } from "@plaudit/core";
import { adoptStyles, baseCss, Dialog, dialogCss, iconsCss, starsCss, themeCss } from "@plaudit/ui";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { LightboxReview } from "./lightbox-review.tsx";
import { lightboxCss } from "./lightbox-styles.ts";
import { mediaLoadable } from "./media-messages.ts";
import { mediaSrcset, mediaUrl } from "./media-url.ts";
import { swipeDirection } from "./swipe.ts";

export interface LightboxItem {
  media: Media;
  /** The review the media belongs to, when the caller has it (the reviews widget does). */
  review?: Review;
  /** Gallery items know only their review's id, product and rating. */
  reviewId?: string;
  productId?: string;
  rating?: Rating;
}

export interface LightboxProps {
  items: readonly LightboxItem[];
  /** Index of the item shown first. */
  start: number;
  /** The widget's locale (en, de, he catalogs; others fall back to en). */
  locale: string;
  /** The API base media URLs are resolved against. */
  mediaBase?: string;
  returnFocusTo: HTMLElement | null;
  onClose(): void;
  /** Fetches the review of an item that came without one (gallery). */
  loadReview?(item: LightboxItem): Promise<Review | undefined>;
  /** Where "View the product" links; no link when absent or undefined. */
  productHref?(productId: string): string | undefined;
  /** Called on the last two items: the gallery loads its next page, so Next goes on past it. */
  onNearEnd?(): void;
}

type ReviewLoad = Review | "loading" | "missing";

/** The largest size in a srcset ("a 320w, b 640w" → b): a video's poster in the big view. */
const largest = (srcset: string | undefined) => srcset?.split(",").at(-1)?.trim().split(/\s+/)[0];

/**
 * The Lightbox once its words in `locale` are at hand (a German page's come in their own chunk,
 * loaded by the gallery already or now, with this chunk): it opens speaking them.
 */
export const lightboxIn = async (locale: string) => {
  await catalogsFor(locale, mediaLoadable);
  return Lightbox;
};

export function Lightbox(props: LightboxProps) {
  const { items, mediaBase, loadReview, productHref } = props;
  const i18n = useMemo(() => {
    const found = catalogsFor(props.locale, mediaLoadable);
    // At hand when opened through lightboxIn; else English until a reopen (never blank).
    return createI18n(props.locale, isPending(found) ? { en: mediaLoadable.en } : found);
  }, [props.locale]);
  const [index, setIndex] = useState(() => Math.min(Math.max(0, props.start), items.length - 1));
  const [reviews, setReviews] = useState<Record<string, ReviewLoad>>({});
  // Files that did not load: "missing" (rejected by a moderator since the page was read: 404, or
  // gone), or a video "unplayable" here (a format this browser lacks). Chromium gives a video the same
  // error (code 4) for both: its poster tells them apart (a rejected video's is gone with it).
  const [failed, setFailed] = useState<Record<string, "missing" | "unplayable">>({});
  const contentRef = useRef<HTMLDivElement>(null);
  const swipeStart = useRef<{ x: number; y: number; id: number } | null>(null);
  const total = items.length;
  const item = items[index];

  // Steps forward (+1) or back (-1), wrapping: the ends need no disabled buttons that would drop focus.
  const step = (delta: number) => setIndex((current) => (current + delta + total) % total);
  const latestStep = useRef(step);
  latestStep.current = step;

  useLayoutEffect(() => {
    const content = contentRef.current;
    const root = content?.getRootNode();
    if (root instanceof ShadowRoot)
      adoptStyles(root, [themeCss, baseCss, dialogCss, starsCss, iconsCss, lightboxCss]);
    // On the <dialog> itself, so the arrows work wherever focus is inside (the × button too).
    const dialog = content?.closest("dialog");
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || total < 2) return;
      const { key } = event;
      if (key !== "ArrowLeft" && key !== "ArrowRight" && key !== "Home" && key !== "End") return;
      // Native video controls seek with these keys; a link or button keeps its own keys otherwise.
      const target = event.composedPath()[0];
      if (target instanceof HTMLVideoElement) return;
      event.preventDefault();
      if (key === "Home" || key === "End") setIndex(key === "Home" ? 0 : total - 1);
      else {
        const forward = key === "ArrowRight" ? 1 : -1;
        latestStep.current(i18n.dir === "rtl" ? -forward : forward);
      }
    };
    dialog?.addEventListener("keydown", onKeyDown);
    return () => dialog?.removeEventListener("keydown", onKeyDown);
  }, [i18n.dir, total]);

  useEffect(() => {
    if (index >= total - 2) props.onNearEnd?.();
  }, [index, total]);

  // A gallery item brings only its review's id: fetch the review once, keep it for later visits.
  const reviewId = item?.review ? undefined : item?.reviewId;
  useEffect(() => {
    if (!reviewId || !loadReview || !item || reviews[reviewId]) return;
    setReviews((known) => ({ ...known, [reviewId]: "loading" }));
    loadReview(item).then(
      (review) => setReviews((known) => ({ ...known, [reviewId]: review ?? "missing" })),
      () => setReviews((known) => ({ ...known, [reviewId]: "missing" })),
    );
  }, [reviewId]);

  if (!item) return null;
  const { media } = item;
  const review: ReviewLoad | undefined = item.review ?? (reviewId ? reviews[reviewId] : undefined);
  const known = typeof review === "object" ? review : undefined;
  const author = known?.author.name;
  const sameReview = items.every((other) => other.review && other.review.id === items[0]?.review?.id);
  const title =
    sameReview && items[0]?.review
      ? i18n.t("lightbox.reviewTitle", { author: items[0].review.author.name })
      : i18n.t("lightbox.galleryTitle");
  const position = media.kind === "video" ? "review.video" : "review.photo";
  const alt = author
    ? i18n.t(position, { n: positionInReview(known, media) + 1, author })
    : i18n.t(media.kind === "video" ? "gallery.video" : "gallery.photo", {
        n: index + 1,
        stars: i18n.t("stars.label", { rating: item.rating ?? "" }),
      });
  const href = item.productId ? productHref?.(item.productId) : undefined;
  const mark = (id: string, how: "missing" | "unplayable") => setFailed((known) => ({ ...known, [id]: how }));
  const poster = mediaUrl(largest(media.srcset) ?? media.thumbnailUrl, mediaBase);
  const onVideoError = () => {
    const { id } = media;
    const probe = new Image();
    probe.onload = () => mark(id, "unplayable");
    probe.onerror = () => mark(id, "missing");
    probe.src = poster;
  };

  const onPointerDown = (event: PointerEvent) => {
    // On a video the drag is its own, as the arrow keys are: scrubbing the timeline or the volume.
    if (!event.isPrimary || event.target instanceof HTMLVideoElement) return;
    swipeStart.current = { x: event.clientX, y: event.clientY, id: event.pointerId };
  };
  const onPointerUp = (event: PointerEvent) => {
    const start = swipeStart.current;
    swipeStart.current = null;
    if (!start || start.id !== event.pointerId || total < 2) return;
    const direction = swipeDirection(event.clientX - start.x, event.clientY - start.y, i18n.dir);
    if (direction) step(direction);
  };

  return (
    <Dialog
      open
      class="plaudit-lightbox"
      title={title}
      closeLabel={i18n.t("lightbox.close")}
      onClose={props.onClose}
      dir={i18n.dir}
      lang={i18n.locale}
      // On Previous when there is one, so the arrow keys move at once (a focused video seeks with them).
      initialFocus={() => contentRef.current?.querySelector<HTMLElement>(".plaudit-lightbox__nav button")}
      returnFocusTo={props.returnFocusTo}
    >
      <div ref={contentRef} class="plaudit-lightbox__content">
        <figure
          class="plaudit-lightbox__stage"
          onPointerDown={onPointerDown}
          onPointerUp={onPointerUp}
          onPointerCancel={() => {
            swipeStart.current = null;
          }}
        >
          {failed[media.id] === "missing" ? (
            // Words, not a broken-image icon or a black box; the stage keeps its size.
            <p class="plaudit-lightbox__note">
              {i18n.t(media.kind === "video" ? "lightbox.videoMissing" : "lightbox.mediaMissing")}
            </p>
          ) : media.kind === "video" ? (
            <>
              {/* biome-ignore lint/a11y/useMediaCaption: shoppers' videos come with no caption files (the API takes none); the review beside it is the text */}
              <video
                key={media.id}
                class="plaudit-lightbox__media"
                src={mediaUrl(media.url, mediaBase)}
                poster={poster}
                width={media.width}
                height={media.height}
                controls
                playsInline
                preload="metadata"
                aria-label={alt}
                onError={onVideoError}
              />
              {/* Its poster stays, with why the play button does nothing. */}
              {failed[media.id] && <p class="plaudit-lightbox__note">{i18n.t("lightbox.videoUnplayable")}</p>}
            </>
          ) : (
            <img
              key={media.id}
              class="plaudit-lightbox__media"
              src={mediaUrl(media.url, mediaBase)}
              srcset={mediaSrcset(media.srcset, mediaBase)}
              sizes={media.srcset ? "(min-width: 900px) 640px, 100vw" : undefined}
              width={media.width}
              height={media.height}
              alt={alt}
              decoding="async"
              style={media.placeholder ? { backgroundColor: media.placeholder } : undefined}
              onError={() => mark(media.id, "missing")}
            />
          )}
        </figure>
        {total > 1 && (
          <div class="plaudit-lightbox__nav">
            <button type="button" class="plaudit-button" onClick={() => step(-1)}>
              <Arrow back />
              {i18n.t("lightbox.previous")}
            </button>
            <p class="plaudit-lightbox__position" aria-live="polite" aria-atomic="true">
              {i18n.t("lightbox.position", {
                n: i18n.formatNumber(index + 1),
                total: i18n.formatNumber(total),
              })}
            </p>
            <button type="button" class="plaudit-button" onClick={() => step(1)}>
              {i18n.t("lightbox.next")}
              <Arrow />
            </button>
          </div>
        )}
        <LightboxReview i18n={i18n} review={review} href={href} />
      </div>
    </Dialog>
  );
}

/** Where `media` sits in its review's own list (alt text numbers a review's photos from 1). */
function positionInReview(review: Review | undefined, media: Media): number {
  const at = review?.media.findIndex((m) => m.id === media.id) ?? -1;
  return Math.max(at, 0);
}

/** A chevron pointing back or forward; CSS mirrors it in RTL, where "back" points right. */
const Arrow = ({ back = false }: { back?: boolean }) => (
  <svg
    class="plaudit-lightbox__arrow"
    width="16"
    height="16"
    viewBox="0 0 24 24"
    aria-hidden="true"
    focusable="false"
  >
    <path
      d={back ? "M15 5l-7 7 7 7" : "M9 5l7 7-7 7"}
      fill="none"
      stroke="currentColor"
      stroke-width="2.5"
      stroke-linecap="round"
    />
  </svg>
);
