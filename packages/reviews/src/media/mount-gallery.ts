// Mounting the gallery widget into a prepared shadow root: reads its data-* options, wires the
// store, controller, i18n and styles.
import {
  getStore,
  mountSpeaking,
  type PlauditStore,
  pageSizeOf,
  resolveLocale,
  type WidgetConfig,
} from "@plaudit/core";
import { adoptStyles, baseCss, renderIntoRoot, themeCss } from "@plaudit/ui";
import { h } from "preact";
import { createGalleryController } from "./gallery-controller.ts";
import { galleryCss } from "./gallery-styles.ts";
import { GalleryWidget } from "./gallery-widget.tsx";
import { mediaLoadable } from "./media-messages.ts";

export interface MountGalleryOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
  /** Default: the page's shared store. */
  store?: PlauditStore;
  /** Items per page; default data-page-size, else 12. */
  pageSize?: number;
}

/** data-autoplay: absent or "false" → never; present ("", "true") → every 5 s; a number → that many seconds (≥ 3). */
export function autoplaySeconds(value: string | undefined): number {
  if (value === undefined || value === "false" || value === "off") return 0;
  const seconds = Number(value);
  return value === "" || value === "true" || !Number.isFinite(seconds) ? 5 : Math.max(3, seconds);
}

export function mountGalleryWidget({
  host,
  root,
  config,
  store = getStore(),
  pageSize = pageSizeOf(config, 12),
}: MountGalleryOptions): () => void {
  const { options } = config;
  const storeConfig = { apiBase: config.apiBase, store: config.store };
  const controller = createGalleryController({
    store,
    config: storeConfig,
    pageSize,
    ...(config.productId ? { productId: config.productId } : {}),
  });
  // In the page's language from the first render: a German page's gallery waits for its catalog.
  return mountSpeaking(config.locale ?? resolveLocale(host), mediaLoadable, "gallery", (i18n) => {
    adoptStyles(root, [themeCss, baseCss, galleryCss]);
    return renderIntoRoot(
      root,
      h(GalleryWidget, {
        controller,
        i18n,
        theme: config.theme,
        layout: options.layout === "carousel" ? "carousel" : "grid",
        autoplaySeconds: options.layout === "carousel" ? autoplaySeconds(options.autoplay) : 0,
        mediaBase: config.apiBase,
        productUrlTemplate: options.productUrlTemplate,
        label: options.label,
      }),
      { kind: "gallery", host },
    );
  });
}
