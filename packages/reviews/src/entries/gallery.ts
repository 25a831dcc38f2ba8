// Entry chunk for data-plaudit="gallery" (docs/widget-contract.md): a grid or carousel of
// published review photos and videos, site-wide or one product's (data-product-id).
import type { WidgetConfig } from "@plaudit/core";
import { mountGalleryWidget } from "../media/mount-gallery.ts";

export interface MountOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
}

export function mount(options: MountOptions): () => void {
  return mountGalleryWidget(options);
}
