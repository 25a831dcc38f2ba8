import { createI18n, type ReviewListState } from "@plaudit/core";
import { act, cleanup, fireEvent, render } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeReview } from "../../testing/fake-api.ts";
import { reviewsCatalogs } from "../messages/index.ts";
import { ReviewList, type ReviewListProps } from "./review-list.tsx";

const i18n = createI18n("en", reviewsCatalogs);
const page = (count: number): ReviewListState => ({
  productId: "tee",
  query: {},
  status: "ready",
  items: Array.from({ length: count }, (_, i) => makeReview(i + 1)),
  nextCursor: "next",
  total: 50,
});
const none = () => undefined;
const props = (list: ReviewListState, firstCards?: number, lang = i18n): ReviewListProps => ({
  list,
  i18n: lang,
  myVotes: {},
  filtered: false,
  onVote: none,
  onLoadMore: none,
  onRetry: none,
  onClearFilters: none,
  firstCards,
});
const cards = (container: Element) => container.querySelectorAll("article").length;
const loadMore = (container: Element) =>
  [...container.querySelectorAll(".plaudit-more button")].filter((b) => b.textContent === "Load more reviews")
    .length;

/** The browser's IntersectionObserver, driven by the test: `enterView` reports every watched element
 * still in the document as intersecting (a detached one cannot come into view). */
class TestViewport {
  static all: TestViewport[] = [];
  targets: Element[] = [];
  constructor(private readonly callback: IntersectionObserverCallback) {
    TestViewport.all.push(this);
  }
  observe(target: Element) {
    this.targets.push(target);
  }
  disconnect() {
    this.targets = [];
  }
  static enterView() {
    for (const viewport of TestViewport.all) {
      const entries = viewport.targets
        .filter((target) => target.isConnected)
        .map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry);
      if (entries.length) viewport.callback(entries, viewport as unknown as IntersectionObserver);
    }
  }
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  TestViewport.all = [];
});

describe("ReviewList: the cards that reach into view first (use-cards-in-view.ts)", () => {
  it("renders every card, and Load more, without firstCards (the server, hydration)", () => {
    const { container } = render(<ReviewList {...props(page(10))} />);
    expect(cards(container)).toBe(10);
    expect(loadMore(container)).toBe(1);
  });

  it("renders firstCards cards and no Load more until the rest are due, then all of them", async () => {
    const { container } = render(<ReviewList {...props(page(10), 3)} />);
    expect(cards(container)).toBe(3);
    expect(loadMore(container)).toBe(0);
    // Printing wants the whole page.
    await act(() => void window.dispatchEvent(new Event("beforeprint")));
    expect(cards(container)).toBe(10);
    expect(loadMore(container)).toBe(1);
  });

  it("renders all when focus enters the widget (a keyboard shopper tabs through every card)", async () => {
    const { container } = render(<ReviewList {...props(page(10), 2)} />);
    expect(cards(container)).toBe(2);
    await act(() => void fireEvent.focusIn(container.querySelector("button")!));
    expect(cards(container)).toBe(10);
  });

  it("shows a list no longer than firstCards whole, and every later page whole too", () => {
    const { container, rerender } = render(<ReviewList {...props(page(3), 4)} />);
    expect(cards(container)).toBe(3);
    expect(loadMore(container)).toBe(1);
    rerender(<ReviewList {...props(page(13), 4)} />);
    expect(cards(container)).toBe(13);
  });

  it("ends a cut list with a button that shows the rest, and moves focus to the first card shown", async () => {
    const { container } = render(<ReviewList {...props(page(10), 3)} />);
    const show = container.querySelector<HTMLButtonElement>("ul + div button")!;
    expect(show.type).toBe("button");
    expect(show.textContent).toBe("Show 7 more reviews");
    await act(() => void show.click());
    expect(cards(container)).toBe(10);
    expect(container.querySelector(".plaudit-more button")?.textContent).toBe("Load more reviews");
    expect(document.activeElement).toBe(container.querySelectorAll("article")[3]);
  });

  it("names the rest in the shopper's language, with the count formatted", () => {
    const label = (lang: string, shown: number) => {
      const { container } = render(
        <ReviewList {...props(page(10), shown, createI18n(lang, reviewsCatalogs))} />,
      );
      const text = container.querySelector("ul + div button")?.textContent;
      cleanup();
      return text;
    };
    expect(label("de", 9)).toBe("1 weitere Bewertung anzeigen");
    expect(label("de", 3)).toBe("7 weitere Bewertungen anzeigen");
    expect(label("he", 8)).toBe("הצגת שתי ביקורות נוספות");
    expect(label("he", 3)).toBe("הצגת 7 ביקורות נוספות");
    expect(label("en", 9)).toBe("Show 1 more review");
  });

  it("moves focus from the button to the first card shown when the rest show as it is focused", async () => {
    const { container } = render(<ReviewList {...props(page(10), 2)} />);
    const show = container.querySelector<HTMLButtonElement>("ul + div button")!;
    // Focusing it (Tab back into the widget) scrolls it near: the rest show, the button goes.
    await act(() => show.focus());
    expect(cards(container)).toBe(10);
    expect(document.activeElement).toBe(container.querySelectorAll("article")[2]);
  });

  it("watches the list's end anew when it is replaced while the list is still cut", async () => {
    vi.stubGlobal("IntersectionObserver", TestViewport);
    const { container, rerender } = render(<ReviewList {...props(page(10), 3)} />);
    // A failed refresh shows the error in place of the list, then the same list comes back.
    rerender(<ReviewList {...props({ ...page(10), status: "error" }, 3)} />);
    expect(container.querySelector("ul")).toBeNull();
    rerender(<ReviewList {...props(page(10), 3)} />);
    expect(cards(container)).toBe(3);
    await act(() => TestViewport.enterView());
    expect(cards(container)).toBe(10);
  });
});
