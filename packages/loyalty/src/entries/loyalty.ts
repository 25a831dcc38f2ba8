// Entry chunk for data-plaudit="loyalty" (docs/widget-contract.md): the launcher only. The panel
// is a separate chunk the launcher imports on first open.
import type { WidgetConfig } from "@plaudit/core";
import { mountLauncher } from "../launcher/mount-launcher.ts";

export interface MountOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
}

export const mount = (options: MountOptions): (() => void) => mountLauncher(options);
