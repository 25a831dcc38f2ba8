// The contract between the loader and a widget family's entry chunk (docs/widget-contract.md).
// Types only: nothing here ends up in plaudit.js.

import type { Mounted, Painted, PaintOptions } from "@plaudit/core";
import type { readConfig, WidgetConfig } from "@plaudit/core/config";

export interface MountOptions {
  /** The `[data-plaudit]` element. */
  host: HTMLElement;
  /** Its open shadow root (a declarative one is reused). */
  root: ShadowRoot;
  config: WidgetConfig;
}

export interface EntryModule {
  /**
   * Renders into `root`; returns the unmount, with `keep` (core's entryOf): the widget as drawn,
   * for a host the page puts in place of this one.
   */
  mount(options: MountOptions): Mounted;
  /**
   * What to wait for before `mount` (the catalog of the host's language, loaded on a page that
   * speaks it): a promise, or nothing to wait for. Never rejects.
   */
  ready?(options: Pick<MountOptions, "host" | "config">): unknown;
}

/**
 * What the loader imports for a kind: the entry module plus core's `readConfig`, which
 * scripts/build.mjs re-exports from every entry chunk. The validation and its messages live in
 * the shared core chunk the widget loads anyway, not in plaudit.js (budget 2.72 KB gzipped).
 */
export interface EntryChunk extends EntryModule {
  readConfig: typeof readConfig;
}

/** Widget kind (`data-plaudit="…"`) → URL of its entry chunk, relative to plaudit.js. */
export type ChunkMap = Record<string, string>;

/**
 * The paint chunk (docs/widget-contract.md, "Painted first"): shows a kind's server-rendered
 * markup before the kind's own chunk loads; undefined when it cannot (the loader then mounts).
 */
export interface PaintChunk {
  paint(options: PaintOptions): Promise<Painted | undefined>;
  readConfig: typeof readConfig;
}
