// Entry chunk for data-plaudit="points" (docs/widget-contract.md): the member's balance inline.
import type { WidgetConfig } from "@plaudit/core";
import { mountPoints } from "../inline/mount-inline.ts";

export interface MountOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
}

export const mount = (options: MountOptions): (() => void) => mountPoints(options);
