// Entry chunk for data-plaudit="reviews" (docs/widget-contract.md).
import type { WidgetConfig } from "@plaudit/core";
import { mountReviewsWidget } from "../reviews/mount-reviews.ts";

export interface MountOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
}

export const mount = (options: MountOptions): (() => void) => mountReviewsWidget(options);
