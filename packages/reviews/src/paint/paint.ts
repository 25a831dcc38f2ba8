// The loader's first paint for the kinds the server can render (docs/widget-contract.md,
// "Painted first"): the reviews widget and the star badge. Any other kind, or a paint that cannot
// be had (the API unreachable, an odd host), answers undefined and the loader mounts the widget's
// code as usual — which then shows its own loading, error and retry states.
import type { Painted, PaintOptions } from "@plaudit/core";
import { paintReviews } from "./paint-reviews.ts";
import { paintStars } from "./paint-stars.ts";
import { clearLeft } from "./painted-host.ts";

const painters: Record<string, (options: PaintOptions) => Promise<Painted | undefined>> = {
  reviews: paintReviews,
  stars: paintStars,
};

// Never a rejection: the API unreachable (fetch rejects), a page with Trusted Types (the markup is
// parsed from a string), a browser without constructable sheets — the widget's code renders instead.
export const paint = async (options: PaintOptions): Promise<Painted | undefined> => {
  let painted: Painted | undefined;
  try {
    painted = await painters[options.kind]?.(options);
  } catch {
    painted = undefined;
  }
  // No new markup: what a released paint left goes now, before the widget's code renders there.
  if (!painted) clearLeft(options.host.shadowRoot);
  return painted;
};
