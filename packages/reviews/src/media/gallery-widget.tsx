// The gallery widget (data-plaudit="gallery"): a grid (default) or carousel of published review
// photos and videos, "Load more" over the cursor, and the lightbox (its own chunk) with the review
// and a link to the product.
import { getEvents, type I18n, type Theme } from "@plaudit/core";
import { Button, LiveRegion, useStore } from "@plaudit/ui";
import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { GalleryCarousel } from "./gallery-carousel.tsx";
import type { GalleryController } from "./gallery-controller.ts";
import { GalleryTile } from "./gallery-tile.tsx";
import type { LightboxProps } from "./lightbox.tsx";

export interface GalleryWidgetProps {
  controller: GalleryController;
  i18n: I18n;
  theme: Theme;
  layout: "grid" | "carousel";
  /** Seconds per step of a carousel that moves by itself; 0 never. */
  autoplaySeconds: number;
  mediaBase?: string;
  /** e.g. "/products/{productId}": the lightbox links the product there. */
  productUrlTemplate?: string;
  loadLightbox?: (locale: string) => Promise<ComponentType<LightboxProps>>;
  /** The widget's accessible name (data-label); two galleries on one page need different ones. */
  label?: string;
}

const loadLightboxChunk = (locale: string) =>
  import("./lightbox.tsx").then((module) => module.lightboxIn(locale));

export function productHref(template: string | undefined, productId: string): string | undefined {
  return template?.replace(/\{productId\}/g, encodeURIComponent(productId));
}

export function GalleryWidget({
  controller,
  i18n,
  loadLightbox = loadLightboxChunk,
  ...props
}: GalleryWidgetProps) {
  const { t } = i18n;
  const state = useStore(controller, (s) => s);
  const [open, setOpen] = useState<{
    Lightbox: ComponentType<LightboxProps>;
    start: number;
    opener: HTMLElement;
  }>();
  const [announcement, setAnnouncement] = useState("");
  const grid = useRef<HTMLUListElement>(null);
  const focusIndex = useRef<number | null>(null);

  useEffect(() => {
    controller.start();
    return () => controller.destroy();
  }, [controller]);

  // After "Load more", focus goes to the first new item and the new count is announced. When the
  // page failed, the button keeps the focus (it reads "Try again" now) and the failure is said.
  useEffect(() => {
    const at = focusIndex.current;
    if (state.status !== "ready" || at === null) return;
    focusIndex.current = null;
    if (state.error) {
      setAnnouncement((shown) => {
        const failed = t("gallery.loadMoreFailed");
        return shown === failed ? `${failed}\u00a0` : failed;
      });
      return;
    }
    grid.current?.querySelectorAll<HTMLElement>(".plaudit-gallery__tile")[at]?.focus();
    setAnnouncement(t("gallery.showing", { shown: i18n.formatNumber(state.items.length) }));
  }, [state.status, state.items.length, state.error]);

  const onOpen = (start: number, opener: HTMLElement) => {
    loadLightbox(i18n.locale).then(
      (Lightbox) => setOpen({ Lightbox, start, opener }),
      (error: unknown) => getEvents().emit("error", { error, kind: "gallery" }),
    );
  };
  const loadMore = () => {
    focusIndex.current = props.layout === "grid" ? state.items.length : null;
    void controller.loadMore();
  };

  const { items } = state;
  let body: preact.ComponentChildren;
  if (state.status === "loading")
    body = <div class="plaudit-skeleton plaudit-gallery__skeleton" aria-hidden="true" />;
  else if (state.status === "error")
    body = (
      <p class="plaudit-notice plaudit-notice--error">
        {t("gallery.error")}
        <Button onClick={controller.retry}>{t("gallery.retry")}</Button>
      </p>
    );
  else if (items.length === 0) body = <p class="plaudit-notice">{t("gallery.empty")}</p>;
  else
    body = (
      <>
        {props.layout === "carousel" ? (
          <GalleryCarousel
            items={items}
            i18n={i18n}
            mediaBase={props.mediaBase}
            autoplaySeconds={props.autoplaySeconds}
            onOpen={onOpen}
            onNearEnd={() => void controller.loadMore()}
          />
        ) : (
          <ul class="plaudit-gallery__grid" ref={grid} aria-busy={state.status === "loading-more"}>
            {items.map((item, index) => (
              <li key={item.id}>
                <GalleryTile
                  item={item}
                  index={index}
                  i18n={i18n}
                  mediaBase={props.mediaBase}
                  sizes="(min-width: 600px) 200px, 50vw"
                  onOpen={onOpen}
                />
              </li>
            ))}
          </ul>
        )}
        <div class="plaudit-more">
          {state.error && <p class="plaudit-notice plaudit-notice--error">{t("gallery.loadMoreFailed")}</p>}
          {/* One button (Load more, busy, Try again), never disabled: a focused button that is
              disabled drops the keyboard's place to the page's <body>. */}
          {(state.error || (state.nextCursor !== null && props.layout === "grid")) && (
            <Button onClick={loadMore} aria-disabled={state.status === "loading-more"}>
              {t(state.error ? "gallery.retry" : "gallery.loadMore")}
            </Button>
          )}
        </div>
      </>
    );

  return (
    <section
      class="plaudit-root plaudit-gallery"
      data-theme={props.theme}
      dir={i18n.dir}
      lang={i18n.locale}
      aria-label={props.label || t("gallery.label")}
      aria-roledescription={props.layout === "carousel" ? "carousel" : undefined}
    >
      {body}
      <LiveRegion message={announcement} />
      {open && (
        <open.Lightbox
          items={items.map((item) => ({
            media: item,
            reviewId: item.reviewId,
            productId: item.productId,
            rating: item.rating,
          }))}
          start={open.start}
          locale={i18n.locale}
          mediaBase={props.mediaBase}
          returnFocusTo={open.opener}
          onClose={() => setOpen(undefined)}
          loadReview={(item) =>
            item.reviewId ? controller.reviewOf({ reviewId: item.reviewId }) : Promise.resolve(undefined)
          }
          productHref={(productId) => productHref(props.productUrlTemplate, productId)}
          onNearEnd={() => void controller.loadMore()}
        />
      )}
    </section>
  );
}
