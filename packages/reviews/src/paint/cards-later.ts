// A painted reviews widget must not lay out its whole first page in one frame: on a slow phone that
// frame is a long task. Its first frame shows the heading, summary, toolbar and the cards that can
// reach into view; the other cards follow two per frame, at the list's end, below the viewport and
// CARDS_AHEAD_PX more, so nothing the shopper sees moves. When the page's cards surely make the
// widget reach that far (cards-to-reach-view.ts: the size estimates are floors), the first frame
// holds only the heading and the summary's average; the histogram, then the toolbar, come a frame
// each after it, then the cards two per frame: from its first frame the widget holds the height its
// whole page of cards surely reaches (so a jump to the reviews shows blank space, not the page's
// footer) and keeps what follows the list ("Load more") until the last card is in: nothing after
// them moves, and what comes in later has nothing of the widget's below it yet.
// A scroll (a jump to #reviews, a fling) or printing puts everything in at once, before that frame
// is laid out; so does the widget's code before it hydrates (it expects the whole page).
// docs/widgets.md, "Below the fold".
import { heightFloor, reachOf, surelyAsTall } from "../reviews/cards-to-reach-view.ts";

// Measured on the demo product page (bench/RESULTS.md, perf3, 2026-12-07: each frame's CPU
// unthrottled, 6–8 loads): the first frame with the histogram and the toolbar was 5.5–6.5 ms, the
// widget's longest; without them ~3 ms (each of them ~2.5 ms in a frame of its own). Two cards a
// frame are 3–4 ms (5–7 with the Hebrew card, whose fallback font is looked up then); one card a
// frame lowered that pair's frame only to 4–5.5 ms, for ~13 ms more CPU in all (seven frames more,
// ~1.5–2 ms each whatever they hold).
export const FIRST_FRAME = 0;
export const PER_FRAME = 2;

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
  // What waits, in order: parts of the head (the first `parts` steps, a frame each), then the cards.
  const held: Array<() => void> = [];
  let parts = 0;
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
      parts++;
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
    for (const step of held.splice(0, parts-- > 0 ? 1 : count)) step();
    if (held.length > 0) return;
    list!.after(...after);
    // As tall as it was held, or taller: letting go moves nothing.
    widget?.style.removeProperty("min-block-size");
    if (widget?.getAttribute("style") === "") widget.removeAttribute("style");
    stop();
  };
  function all() {
    parts = 0;
    if (held.length > 0) put(held.length);
  }
  // The page's scroll, or a scroller the widget is in (a theme that scrolls a container): not any
  // element's (a product-image carousel's autoplay would put every card in at once, a long frame).
  const onScroll = (event: Event) => {
    const scrolled = event.target as Node;
    if (scrolled === doc || scrolled.contains?.(host)) all();
  };
  // After the next frame is painted: a task of its own, then a frame per part, or per few cards.
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
