// The gallery kind, defined once (loader entry, mountGallery, <plaudit-gallery>): published review
// photos and videos, site-wide or one product's.
import { defineWidget, pageSizeOf } from "@plaudit/core";
import { mountGalleryWidget } from "./mount-gallery.ts";

export const galleryWidget = defineWidget({
  kind: "gallery",
  attributes: ["page-size", "layout", "autoplay", "product-url-template", "label"],
  options: (config) => ({ pageSize: pageSizeOf(config, 12) }),
  mount: ({ host, root, config, options, store }) =>
    mountGalleryWidget({ host, root, config, store, pageSize: options.pageSize }),
});
