// Entry chunk for data-plaudit="points-for" data-amount="49.99" (docs/widget-contract.md).
import type { WidgetConfig } from "@plaudit/core";
import { mountPointsFor } from "../inline/mount-inline.ts";

export interface MountOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
}

export const mount = (options: MountOptions): (() => void) => mountPointsFor(options);
