// The loader's first paint (docs/widget-contract.md, "Painted first"): a widget's markup, rendered
// by the server, shown before any of the widget's code loads; the code mounts over it (Preact
// hydrate) when the shopper first reaches for the widget. Types only: the paint entry chunk
// (@plaudit/reviews) implements them, the loader (@plaudit/embed) calls them.
import type { WidgetConfig } from "./config.ts";

export interface PaintOptions {
  /** `data-plaudit="…"`. */
  kind: string;
  host: HTMLElement;
  /**
   * The host's shadow root when it has one (a declarative one from server rendering is reused).
   * Else the painter attaches one only when it has markup to put in: what the page put inside the
   * host shows until then, and stays when nothing can be painted (docs/embed.md).
   */
  root: ShadowRoot | null;
  config: WidgetConfig;
}

export interface Painted {
  /**
   * Resolves when the shopper first reaches for the widget (a pointer over it, a touch, focus, a
   * key, a click). Never, for a widget that needs no code to be used (the star badge is a link).
   */
  used: Promise<void>;
  /**
   * Called right before the widget's code mounts over the painted markup: stops holding clicks.
   * Answers what to call once it has mounted: drops the painted stylesheet (the widget adopted its
   * own) and does again what the shopper did meanwhile (clicks, typing).
   */
  handOver(): () => void;
  /**
   * The host is unmounted: stop listening, take back what painting added. `leave` (a remount: a
   * product swap, refresh()): leave the markup showing until the next paint puts its own in.
   */
  release(leave?: boolean): void;
  /**
   * The same markup painted into `host` at once, from memory (no request, no wait): a host put in
   * place of this one, in the same task or a little later (a theme's section re-render, an SPA's
   * DOM swap, a framework's re-key or v-if). `inherited` is the script tag's config, under `host`'s
   * own: its markup must be the one this host's config asks for (other data-*, a variant's id, do
   * not matter). Absent or undefined: not at hand (the server rendered it, another product, page
   * size or language), and `host` is painted the usual way.
   */
  again?(host: HTMLElement, inherited: Partial<WidgetConfig>): Painted | undefined;
  /**
   * A copy of a live widget (kept-widget.ts), not a first paint: its code mounts over it at once,
   * not when the shopper reaches for it (the widget was live before its host was swapped).
   */
  live?: boolean;
}
