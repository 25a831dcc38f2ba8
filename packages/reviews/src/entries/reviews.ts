// Entry chunk for data-plaudit="reviews" (docs/widget-contract.md), from the kind's one definition.
import { entryOf } from "@plaudit/core";
import { reviewsWidget } from "../reviews/reviews-definition.ts";

export type { MountOptions } from "@plaudit/core";
export const mount = entryOf(reviewsWidget);
