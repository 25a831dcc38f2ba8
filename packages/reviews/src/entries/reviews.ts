// Entry chunk for data-plaudit="reviews" (docs/widget-contract.md), from the kind's one definition.
import { entryOf, readyOf } from "@plaudit/core";
import { reviewsWidget } from "../reviews/reviews-definition.ts";

export type { MountOptions } from "@plaudit/core";
export const mount = entryOf(reviewsWidget);
/** The loader awaits it before `mount`: the catalog of the host's language. */
export const ready = readyOf(reviewsWidget);
