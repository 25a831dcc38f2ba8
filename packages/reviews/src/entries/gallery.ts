// Entry chunk for data-plaudit="gallery" (docs/widget-contract.md): a grid or carousel of
// published review photos and videos, site-wide or one product's (data-product-id).
import { entryOf } from "@plaudit/core";
import { galleryWidget } from "../media/gallery-definition.ts";

export type { MountOptions } from "@plaudit/core";
export const mount = entryOf(galleryWidget);
