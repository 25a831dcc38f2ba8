// A painted reviews widget must not lay out its whole first page in one frame: on a slow phone that
// frame is a long task. Its first frame shows the heading, summary, toolbar and the cards that can
// reach into view; the other cards follow two per frame, at the list's end, below the viewport and
// CARDS_AHEAD_PX more, so nothing the shopper sees moves. When the page's cards surely make the
// widget reach that far (cards-to-reach-view.ts: the size estimates are floors), the cards come two
// per frame from the second frame on, the first holding only the heading, summary and toolbar: from
// its first frame the widget holds the height its whole page of cards surely reaches (so a jump to
// the reviews shows blank space, not the page's footer) and keeps what follows the list ("Load
// more") until the last card is in: nothing after them moves.
// A scroll (a jump to #reviews, a fling) or printing puts everything in at once, before that frame
// is laid out; so does the widget's code before it hydrates (it expects the whole page).
// docs/widgets.md, "Below the fold".
import { heightFloor, reachOf, surelyAsTall } from "../reviews/cards-to-reach-view.ts";

// Two cards a frame: one a frame made twice the frames and layouts (the whole document is laid out
// each frame, 40–60 ms at 4× CPU throttling on the bench's machine whatever the cards) and more
// long tasks, not fewer (bench/RESULTS.md, 15:49). None in the first frame when the height is held:
// the heading, summary (histogram) and toolbar with two cards were one frame of 9–10 ms of CPU
// unthrottled, ≈ 41 ms at 4× and a long task on a loaded machine (bench/RESULTS.md, 2026-12-07).
export const FIRST_FRAME = 0;
const PER_FRAME = 2;

export interface CardsLater {
  /** Puts every card still held into the list now. */
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
  if (reach && widget && list && cards.length > 0 && surelyAsTall(cards.length, reach.px)) {
    first = FIRST_FRAME;
    // The floor of the whole page's height, not only the view's reach: a jump to the reviews
    // before the rest are in shows what is below the reach, and what follows the widget must not
    // be there in the frame before (it would move: layout shift).
    widget.style.minBlockSize = `${heightFloor(cards.length)}px`;
    for (let next = list.nextElementSibling; next; next = next.nextElementSibling) after.push(next);
  }
  const held = cards.slice(first);
  for (const node of [...held, ...after]) node.remove();
  let frame: number | undefined;
  const stop = () => {
    held.length = 0;
    after = [];
    if (frame !== undefined) view?.cancelAnimationFrame(frame);
    doc.removeEventListener("scroll", onScroll, true);
    view?.removeEventListener("beforeprint", all);
  };
  const put = (count: number) => {
    list!.append(...held.splice(0, count));
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
  // After the next frame is painted: a task of its own, then one frame per few cards.
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
