// How many review cards can reach into view: the widget's code renders those first (use-cards-in-view.ts),
// and the loader's first paint shows those with the rest of the widget and the others a few frames
// later (paint/paint-reviews.ts). Its own file, with nothing of Preact: the paint chunk imports it.

/** How far below the viewport cards render ahead; the rest render when the list's end is this close. */
export const CARDS_AHEAD_PX = 300;
// Estimated without laying anything out (a measurement in script would force the page's layout):
// the widget's heading, summary and toolbar are at least HEAD_PX tall, a card at least CARD_PX
// (stars, author line, one line of text, the votes). Underestimates mean more cards, never fewer.
const HEAD_PX = 240;
const CARD_PX = 140;

/**
 * How many cards can reach into the viewport or CARDS_AHEAD_PX below it, for a widget in `host`,
 * measured when it mounts (nothing of the widget's own to lay out yet).
 */
export function cardsToReachView(host: Element): number {
  const reach = reachOf(host);
  // No box (a hidden host, a DOM without layout): nothing to go by, so every card.
  return reach === undefined ? Number.POSITIVE_INFINITY : reach.cards;
}

export interface Reach {
  /** Cards that can reach into the viewport or CARDS_AHEAD_PX below it. */
  cards: number;
  /** How tall the widget must be to reach CARDS_AHEAD_PX below the viewport, px. */
  px: number;
}

/** Where `host` stands against the viewport; undefined when it has no box. */
export function reachOf(host: Element): Reach | undefined {
  const view = host.ownerDocument.defaultView;
  const box = host.getBoundingClientRect();
  if (!view || !box.width) return undefined;
  const px = view.innerHeight + CARDS_AHEAD_PX - box.top;
  return { cards: Math.max(1, Math.ceil((px - HEAD_PX) / CARD_PX)), px };
}

/** How tall a widget with `cards` cards is at least, whatever their text (the estimates are floors). */
export const heightFloor = (cards: number): number => HEAD_PX + cards * CARD_PX;

/** A widget with `cards` cards is at least `px` tall. */
export const surelyAsTall = (cards: number, px: number): boolean => heightFloor(cards) >= px;
