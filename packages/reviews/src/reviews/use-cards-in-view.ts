// The first page of reviews without the work of cards nobody can see yet: the list renders the
// cards that can reach into the viewport or CARDS_AHEAD_PX below it, and the rest of the page the
// moment the list's end comes that close — on scroll (in the same frame, before anything is painted
// at its old place: no layout shift), on a change of layout (IntersectionObserver), when focus
// enters the widget, and before printing. What is below the viewport grows; nothing in view moves.
// docs/widgets.md, "Below the fold".
import { useEffect, useRef, useState } from "preact/hooks";
import { CARDS_AHEAD_PX } from "./cards-to-reach-view.ts";

/**
 * How many of `count` cards to render: `first` (cardsToReachView) until the rest are due, then all;
 * a ref callback for the element right after the list (watched while the list is cut, whichever
 * element it is now); and `showRest`, for the button that ends a cut list (a screen reader's virtual
 * cursor reaches the rest through it: no focus event, maybe no scroll). `first` undefined renders
 * every card (server markup to hydrate, the server itself).
 */
export function useCardsInView(
  first: number | undefined,
  count: number,
): [shown: number, endRef: (end: HTMLElement | null) => void, showRest: () => void] {
  const [all, setAll] = useState(first === undefined);
  // A ref callback: an end replaced while the list is still cut (list → error → list) is watched anew.
  const [end, endRef] = useState<HTMLElement | null>(null);
  // Focus was on the end (the button) when the rest showed: it goes to the first card shown now.
  const refocus = useRef(false);
  // Once a whole list has shown, later ones (the next page, a new filter) show whole too.
  const whole = useRef(false);
  if (count > 0 && count <= first!) whole.current = true;
  const shown = all || whole.current ? count : first!;
  const cut = shown < count;
  const showRest = () => {
    refocus.current = true;
    setAll(true);
  };

  useEffect(() => {
    if (!refocus.current || cut) return;
    refocus.current = false;
    // The list's item holds the card (focusable by script: tabindex -1).
    (end?.previousElementSibling?.children[first!]?.firstElementChild as HTMLElement | null)?.focus();
  }, [cut]);

  useEffect(() => {
    const after = end;
    if (!cut || !after) return;
    const doc = after.ownerDocument;
    const view = doc.defaultView;
    const root = after.getRootNode() as Document | ShadowRoot;
    const reveal = () => {
      if (after.contains(root.activeElement)) refocus.current = true;
      setAll(true);
    };
    const near = () => {
      if (after.getBoundingClientRect().top < (view?.innerHeight ?? 0) + CARDS_AHEAD_PX) reveal();
    };
    const observer =
      typeof IntersectionObserver === "function"
        ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && reveal(), {
            rootMargin: `0px 0px ${CARDS_AHEAD_PX}px`,
          })
        : undefined;
    observer?.observe(after);
    // Capture: scrolling inside a theme's own scroll container counts too. Scroll events run before
    // the frame's layout and paint, so the cards are there in the first frame that could show them.
    const listen = { capture: true, passive: true };
    doc.addEventListener("scroll", near, listen);
    root.addEventListener("focusin", reveal);
    view?.addEventListener("beforeprint", reveal);
    return () => {
      observer?.disconnect();
      doc.removeEventListener("scroll", near, listen);
      root.removeEventListener("focusin", reveal);
      view?.removeEventListener("beforeprint", reveal);
    };
  }, [cut, end]);

  return [shown, endRef, showRest];
}
