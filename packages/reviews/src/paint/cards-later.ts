// A painted reviews widget must not lay out its whole first page in one frame: on a slow phone that
// frame is a long task. Its first frame shows the heading, summary, toolbar and the cards that can
// reach into view; the other cards follow one per frame, at the list's end, below the viewport and
// CARDS_AHEAD_PX more, so nothing the shopper sees moves. When the page's cards surely make the
// widget reach that far (cards-to-reach-view.ts: the size estimates are floors), the first frame
// holds only the heading and the summary's average; the histogram, then the toolbar, then each card
// come a frame apiece after it: from its first frame the widget holds the height its whole page of
// cards surely reaches (so a jump to the reviews shows blank space, not the page's footer) and keeps
// what follows the list ("Load more") until the last card is in: nothing after them moves, and
// what comes in later has nothing of the widget's below it yet.
// A scroll (a jump to #reviews, a fling) or printing puts everything in at once, before that frame
// is laid out; so does the widget's code before it hydrates (it expects the whole page).
// docs/widgets.md, "Below the fold".
import { heightFloor, reachOf, surelyAsTall } from "../reviews/cards-to-reach-view.ts";

// One card a frame, and the histogram and the toolbar each a frame of their own. Measured on the
// demo product page (bench/RESULTS.md, 2026-12-07 perf3: each frame's CPU unthrottled, median of 6
// loads): the first frame with the histogram and toolbar was 5–7 ms, without them ~3 ms; two cards
// a frame were 3–4 ms (5–7 ms with the Hebrew card, whose fallback font is looked up then), one card
// 2–3 ms (4–5.5). At 4× throttling a frame is a long task from about 4 ms of it. More frames cost
// ~1.5 ms each in all, spread where no one frame is long.
export const FIRST_FRAME = 0;
export const PER_FRAME = 1;

export interface CardsLater {
  /** Puts everything still held in now. */
  all(): void;
  /** Forgets them (the host is released). */
  stop(): void;
}

/** Takes the cards that can wait out of `content`, before it is inserted into `host`'s root. */
export function cardsLater(host: HTMLElement, content: DocumentFragment): CardsLater {
  const doc = host.ownerDocument;
  const view = doc.defaultView;
  const list = content.querySelector(".plaudit-list");
  const widget = content.querySelector<HTMLElement>(".plaudit-root");
  const cards = list ? [...list.children] : [];
  const reach = reachOf(host);
  let first = reach ? reach.cards : cards.length;
  let after: Element[] = [];
  // What waits, in order, each step a frame of its own: parts of the head, then the cards.
  const held: Array<() => void> = [];
  if (reach && widget && list && cards.length > 0 && surelyAsTall(cards.length, reach.px)) {
    first = FIRST_FRAME;
    // The floor of the whole page's height, not only the view's reach: a jump to the reviews
    // before the rest are in shows what is below the reach, and what follows the widget must not
    // be there in the frame before (it would move: layout shift).
    widget.style.minBlockSize = `${heightFloor(cards.length)}px`;
    for (let next = list.nextElementSibling; next; next = next.nextElementSibling) after.push(next);
    // The histogram and the toolbar wait too, a frame each, in that order: what is held below
    // them (the cards, "Load more") is not in yet, and the widget's height is held, so they move
    // nothing when they come.
    for (const part of content.querySelectorAll(".plaudit-histogram,.plaudit-toolbar")) {
      const [parent, next] = [part.parentNode!, part.nextSibling];
      part.remove();
      held.push(() => parent.insertBefore(part, next));
    }
  }
  for (const card of cards.slice(first)) {
    card.remove();
    held.push(() => list!.append(card));
  }
  for (const node of after) node.remove();
  let frame: number | undefined;
  const stop = () => {
    held.length = 0;
    after = [];
    if (frame !== undefined) view?.cancelAnimationFrame(frame);
    doc.removeEventListener("scroll", onScroll, true);
    view?.removeEventListener("beforeprint", all);
  };
  const put = (count: number) => {
    for (const step of held.splice(0, count)) step();
    if (held.length > 0) return;
    list!.after(...after);
    // As tall as it was held, or taller: letting go moves nothing.
    widget?.style.removeProperty("min-block-size");
    if (widget?.getAttribute("style") === "") widget.removeAttribute("style");
    stop();
  };
  function all() {
    if (held.length > 0) put(held.length);
  }
  // The page's scroll, or a scroller the widget is in (a theme that scrolls a container): not any
  // element's (a product-image carousel's autoplay would put every card in at once, a long frame).
  const onScroll = (event: Event) => {
    const scrolled = event.target as Node;
    if (scrolled === doc || scrolled.contains?.(host)) all();
  };
  // After the next frame is painted: a task of its own, then one frame per part or card.
  const next = () => {
    frame = view?.requestAnimationFrame(() => {
      frame = undefined;
      setTimeout(() => {
        if (held.length === 0) return;
        put(PER_FRAME);
        if (held.length > 0) next();
      });
    });
  };
  if (held.length > 0) {
    if (!view?.requestAnimationFrame) all();
    else {
      doc.addEventListener("scroll", onScroll, { capture: true, passive: true });
      view.addEventListener("beforeprint", all);
      next();
    }
  }
  return { all, stop };
}
