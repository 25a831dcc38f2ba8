// A painted reviews widget shows its heading, summary, toolbar and the cards that can reach into
// view in its first frame; the other cards of the page follow a few per frame, so no frame lays out
// the whole list (one long task on a slow phone). They go in at the list's end, below the viewport
// and CARDS_AHEAD_PX more, so nothing the shopper sees moves. A scroll (a jump to #reviews, a fling)
// or printing puts them all in at once, before that frame is laid out; so does the widget's code
// before it hydrates (it expects the whole page). docs/widgets.md, "Below the fold".
import { cardsToReachView } from "../reviews/cards-to-reach-view.ts";

const PER_FRAME = 3;

export interface CardsLater {
  /** Puts every card still held into the list now. */
  all(): void;
  /** Forgets them (the host is released). */
  stop(): void;
}

/** Takes the cards beyond what can reach into view out of `content`, before it is inserted. */
export function cardsLater(host: HTMLElement, content: DocumentFragment): CardsLater {
  const doc = host.ownerDocument;
  const view = doc.defaultView;
  const list = content.querySelector(".plaudit-list");
  const held = list ? [...list.children].slice(cardsToReachView(host)) : [];
  for (const card of held) card.remove();
  let frame: number | undefined;
  const stop = () => {
    held.length = 0;
    if (frame !== undefined) view?.cancelAnimationFrame(frame);
    doc.removeEventListener("scroll", all, true);
    view?.removeEventListener("beforeprint", all);
  };
  const put = (count: number) => list!.append(...held.splice(0, count));
  function all() {
    put(held.length);
    stop();
  }
  // After the next frame is painted: its own task, then one frame per few cards.
  const next = () => {
    frame = view?.requestAnimationFrame(() => {
      frame = undefined;
      setTimeout(() => {
        if (held.length === 0) return;
        put(PER_FRAME);
        if (held.length > 0) next();
        else stop();
      });
    });
  };
  if (held.length > 0) {
    if (!view?.requestAnimationFrame) all();
    else {
      doc.addEventListener("scroll", all, { capture: true, passive: true });
      view.addEventListener("beforeprint", all);
      next();
    }
  }
  return { all, stop };
}
