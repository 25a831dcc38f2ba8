// Entry chunk for data-plaudit="stars" (docs/widget-contract.md). Must not import the list code.
import { getStore, type WidgetConfig } from "@plaudit/core";
import { readServerState, seedSummary } from "../hydration/server-state.ts";
import { mountStarsBadge } from "../stars-badge/mount-stars-badge.ts";

export interface MountOptions {
  host: HTMLElement;
  root: ShadowRoot;
  config: WidgetConfig;
}

export function mount(options: MountOptions): () => void {
  const { host, config } = options;
  const store = getStore();
  // Server-rendered (docs/ssr.md): the summary came with the page, so the badge needs no request.
  const state = config.productId ? readServerState(host, config, config.productId) : undefined;
  if (state) seedSummary(store, state);
  return mountStarsBadge({ ...options, store });
}
