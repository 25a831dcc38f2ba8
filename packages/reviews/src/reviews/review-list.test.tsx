import { createI18n, type ReviewListState } from "@plaudit/core";
import { act, cleanup, fireEvent, render } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
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
const props = (list: ReviewListState, firstCards?: number): ReviewListProps => ({
  list,
  i18n,
  myVotes: {},
  filtered: false,
  onVote: none,
  onLoadMore: none,
  onRetry: none,
  onClearFilters: none,
  firstCards,
});
const cards = (container: Element) => container.querySelectorAll("article").length;
const loadMore = (container: Element) => container.querySelectorAll(".plaudit-more button").length;

afterEach(cleanup);

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
});
