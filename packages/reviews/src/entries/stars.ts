// Entry chunk for data-plaudit="stars" (docs/widget-contract.md). Must not import the list code.
import type { WidgetConfig } from "@plaudit/core";
import { mountStarsBadge } from "../stars-badge/mount-stars-badge.ts";

export interface MountOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
}

export const mount = (options: MountOptions): (() => void) => mountStarsBadge(options);
