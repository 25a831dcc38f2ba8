import { act, fireEvent, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, json, makeReview, settle, summarize } from "../../testing/fake-api.ts";
import { mountWidget } from "../../testing/mount-for-test.ts";

const REVIEWS = Array.from({ length: 23 }, (_, i) => makeReview(i + 1));
const products = { tee: REVIEWS };
const cleanups: (() => void)[] = [];

async function mounted(...args: Partial<Parameters<typeof mountWidget>>) {
  const widget = mountWidget("reviews", args[1] ?? { products }, args[2]);
  cleanups.push(() => {
    widget.unmount();
    widget.host.remove();
  });
  await act(() => settle());
  return widget;
}

const listCalls = (calls: { url: URL }[]) => calls.filter((call) => call.url.pathname.endsWith("/reviews"));
const cards = (root: ShadowRoot) => [...root.querySelectorAll<HTMLElement>(".plaudit-review")];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("reviews widget", () => {
  it("shows the average, the count and the first page", async () => {
    const { view, root } = await mounted();
    const summary = summarize("tee", REVIEWS);
    expect(view.getByText(`Based on ${summary.count} reviews`)).toBeTruthy();
    expect(view.getAllByRole("img", { name: /out of 5 stars/ })[0]?.getAttribute("aria-label")).toBe(
      `${Math.round(summary.average * 10) / 10} out of 5 stars`,
    );
    expect(cards(root)).toHaveLength(10);
  });

  it("filters to a star rating from its histogram bar and back", async () => {
    const { view, api, root } = await mounted();
    const five = REVIEWS.filter((review) => review.rating === 5).length;
    const bar = view.getByRole("button", { name: new RegExp(`^5 stars ?\\(${five} reviews\\)$`) });
    expect(bar.getAttribute("aria-pressed")).toBe("false");
    await act(async () => {
      fireEvent.click(bar);
      await settle();
    });
    expect(bar.getAttribute("aria-pressed")).toBe("true");
    expect(listCalls(api.calls).at(-1)?.url.searchParams.get("rating")).toBe("5");
    expect(cards(root)).toHaveLength(Math.min(10, five));
    expect(root.textContent).toContain(`Showing ${Math.min(10, five)} of ${five}`);
    await act(async () => {
      fireEvent.click(bar);
      await settle();
    });
    expect(bar.getAttribute("aria-pressed")).toBe("false");
    expect(listCalls(api.calls).at(-1)?.url.searchParams.has("rating")).toBe(false);
  });

  it("loads more below, moves focus to the first new review and announces the count", async () => {
    const { view, root } = await mounted();
    await act(async () => {
      fireEvent.click(view.getByRole("button", { name: "Load more reviews" }));
      await settle();
    });
    const list = cards(root);
    expect(list).toHaveLength(20);
    expect(root.activeElement).toBe(list[10]);
    expect(view.getByRole("status").textContent).toBe("Showing 20 of 23");
    await act(async () => {
      fireEvent.click(view.getByRole("button", { name: "Load more reviews" }));
      await settle();
    });
    expect(cards(root)).toHaveLength(23);
    expect(view.queryByRole("button", { name: "Load more reviews" })).toBeNull();
  });

  it("keeps the focus on the page's next try when Load more fails, and leaves it be for a new order", async () => {
    const down = true;
    const { view, root } = await mounted("reviews", {
      products,
      read: (url) => (down && url.searchParams.has("cursor") ? apiError(404, "not_found") : undefined),
    });
    const loadMore = view.getByRole("button", { name: "Load more reviews" });
    loadMore.focus();
    await act(async () => {
      fireEvent.click(loadMore);
      await settle();
    });
    expect(cards(root)).toHaveLength(10);
    expect(view.getByRole("status").textContent).toBe("More reviews could not be loaded.");
    expect(root.activeElement?.textContent).toBe("Try again");

    // A new order settles later: the focus stays on the sort menu the shopper is using.
    const sort = root.querySelector("select")!;
    sort.focus();
    await act(async () => {
      sort.value = "oldest";
      fireEvent.change(sort);
      await settle();
    });
    expect(view.getByRole("status").textContent).toBe("Showing 10 of 23");
    expect(root.activeElement).toBe(sort);
  });

  it("keeps the focus on the button through a failed Load more and its next try, which loads the page", async () => {
    let down = true;
    const { view, root } = await mounted("reviews", {
      products,
      read: (url) => (down && url.searchParams.has("cursor") ? apiError(404, "not_found") : undefined),
    });
    const button = view.getByRole("button", { name: "Load more reviews" });
    button.focus();
    await act(async () => {
      fireEvent.click(button);
      await settle();
    });
    expect(root.activeElement).toBe(button);
    expect(button.textContent).toBe("Try again");
    // Failing again is said again: the live region's text changes (a no-break space), or a screen
    // reader would say nothing.
    const status = view.getByRole("status");
    const said = status.textContent;
    await act(async () => {
      fireEvent.click(button);
      await settle();
    });
    expect(status.textContent).not.toBe(said);
    expect(status.textContent?.trim()).toBe("More reviews could not be loaded.");
    expect(root.activeElement).toBe(button);
    down = false;
    await act(async () => {
      fireEvent.click(button);
      await settle();
    });
    expect(cards(root)).toHaveLength(20);
    expect(view.getByRole("status").textContent).toBe("Showing 20 of 23");
    expect(root.activeElement).toBe(cards(root)[10]);
  });

  it("reloads the list in the chosen order and with the chosen filters", async () => {
    const { view, api, root } = await mounted();
    await act(async () => {
      fireEvent.change(view.getByRole("combobox", { name: "Sort by" }), { target: { value: "lowest" } });
      await settle();
    });
    expect(listCalls(api.calls).at(-1)?.url.searchParams.get("sort")).toBe("lowest");
    expect(cards(root)[0]?.querySelector('[role="img"]')?.getAttribute("aria-label")).toBe(
      "1 out of 5 stars",
    );
    await act(async () => {
      fireEvent.click(view.getByRole("checkbox", { name: "Verified buyers" }));
      await settle();
    });
    expect(listCalls(api.calls).at(-1)?.url.searchParams.get("verified")).toBe("1");
    expect(root.querySelectorAll(".plaudit-badge")).toHaveLength(cards(root).length);
  });

  it("searches when the shopper presses Enter", async () => {
    const { view, api } = await mounted();
    const input = view.getByRole("searchbox", { name: "Search reviews" }) as HTMLInputElement;
    input.value = "Review 7.";
    await act(async () => {
      fireEvent.submit(input.form!);
      await settle();
    });
    expect(listCalls(api.calls).at(-1)?.url.searchParams.get("q")).toBe("Review 7.");
    expect(view.getByText("Review number 7")).toBeTruthy();
  });

  it("empties the search box and focuses the first review when Clear filters lifts the search", async () => {
    const { view, root } = await mounted();
    const input = view.getByRole("searchbox", { name: "Search reviews" }) as HTMLInputElement;
    input.value = "no review says this";
    await act(async () => {
      fireEvent.submit(input.form!);
      await settle();
    });
    expect(cards(root)).toHaveLength(0);
    await act(async () => {
      fireEvent.click(view.getByRole("button", { name: "Clear filters" }));
      await settle();
    });
    expect(cards(root)).toHaveLength(10);
    expect(input.value).toBe("");
    // The button went with the empty state; focus must not fall back to the top of the page.
    expect(root.activeElement).toBe(cards(root)[0]);
  });

  it("offers to clear filters when nothing matches", async () => {
    const { view, root } = await mounted();
    await act(async () => {
      fireEvent.click(view.getByRole("checkbox", { name: "With photos or videos" }));
      await settle();
    });
    expect(root.querySelector(".plaudit-notice")?.textContent).toContain("No reviews match these filters.");
    expect(view.getByRole("status").textContent).toBe("No reviews match these filters.");
    await act(async () => {
      fireEvent.click(view.getByRole("button", { name: "Clear filters" }));
      await settle();
    });
    expect(cards(root)).toHaveLength(10);
  });

  it("says so when a product has no reviews yet", async () => {
    const { view, root } = await mounted("reviews", { products: {} });
    expect(view.getByText("No reviews yet. Be the first to write one.")).toBeTruthy();
    expect(cards(root)).toHaveLength(0);
    expect(view.getByRole("button", { name: "Write a review" })).toBeTruthy();
  });

  it("shows an error with Try again when the API is down, and recovers", async () => {
    let down = true;
    const { view, root } = await mounted("reviews", {
      products,
      read: () => (down ? apiError(503, "unavailable") : undefined),
    });
    expect(view.getByText("Reviews could not be loaded.")).toBeTruthy();
    down = false;
    await act(async () => {
      fireEvent.click(view.getByRole("button", { name: "Try again" }));
      await settle();
    });
    expect(cards(root)).toHaveLength(10);
  });

  it("holds the summary's height with a skeleton while loading", async () => {
    const { root, unmount, host } = mountWidget("reviews", {
      products,
      read: () => new Promise<Response>(() => {}),
    });
    cleanups.push(() => {
      unmount();
      host.remove();
    });
    expect(root.querySelector(".plaudit-skeleton--summary")).not.toBeNull();
    expect(root.querySelector(".plaudit-review")).toBeNull();
  });

  it("counts a helpful vote at once and takes it back when the server refuses", async () => {
    let refuse: (response: Response) => void = () => {};
    const { view, root } = await mounted("reviews", {
      products,
      vote: () => new Promise<Response>((resolve) => (refuse = resolve)),
    });
    const first = cards(root)[0]!;
    const before = REVIEWS.find((review) => first.id === `plaudit-review-${review.id}`)!.helpful.up;
    const up = () => first.querySelector<HTMLButtonElement>(".plaudit-votes button")!;
    const shown = () => up().querySelector(".plaudit-votes__count")?.textContent;
    await act(async () => {
      fireEvent.click(up());
      await settle();
    });
    expect(up().getAttribute("aria-pressed")).toBe("true");
    expect(up().textContent).toContain("Yes, helpful");
    expect(shown()).toBe(String(before + 1));
    await act(async () => {
      refuse(apiError(503, "unavailable"));
      await settle();
    });
    expect(up().getAttribute("aria-pressed")).toBe("false");
    expect(shown()).toBe(String(before));
    expect(view.getByRole("status").textContent).toBe("Your vote could not be saved. Please try again.");
  });

  it("takes a review the merchant removed since the page loaded out of the list when voted on, says so, and keeps the keyboard's place", async () => {
    // 404 review_not_found (API.md) for the second review shown, removed after the page loaded.
    const { view, root } = await mounted("reviews", {
      products,
      vote: (id) =>
        id === cards(root)[1]!.id.replace("plaudit-review-", "")
          ? apiError(404, "review_not_found")
          : json({ up: 1, down: 0 }),
    });
    const [, removed, next] = cards(root);
    const up = removed!.querySelector<HTMLButtonElement>(".plaudit-votes button")!;
    up.focus();
    await act(async () => {
      fireEvent.click(up);
      await settle();
    });
    expect(removed!.isConnected).toBe(false);
    expect(cards(root)[1]).toBe(next);
    expect(cards(root)).toHaveLength(9);
    // Politely, in the live region; focus on the card now in its place (named by its heading).
    const status = view.getByRole("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.textContent).toBe("This review is no longer available.");
    expect(root.activeElement).toBe(next);
    expect(next!.getAttribute("aria-labelledby")).toBe(`${next!.id}-title`);
  });

  it("puts the keyboard on the card before a removed last card, and on the heading when none is left", async () => {
    const one = [makeReview(1), makeReview(2)];
    const { view, root } = await mounted("reviews", {
      products: { tee: one },
      vote: () => apiError(404, "review_not_found"),
    });
    const vote = async (card: HTMLElement) => {
      const up = card.querySelector<HTMLButtonElement>(".plaudit-votes button")!;
      up.focus();
      await act(async () => {
        fireEvent.click(up);
        await settle();
      });
    };
    const [first, last] = cards(root);
    await vote(last!);
    expect(root.activeElement).toBe(first);
    await vote(first!);
    expect(cards(root)).toHaveLength(0);
    expect(root.activeElement).toBe(view.getByRole("heading", { level: 2 }));
  });

  it("leaves the keyboard where the shopper took it meanwhile", async () => {
    let answer: (response: Response) => void = () => {};
    const { view, root } = await mounted("reviews", {
      products,
      vote: () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const removed = cards(root)[0]!;
    const up = removed.querySelector<HTMLButtonElement>(".plaudit-votes button")!;
    up.focus();
    await act(async () => {
      fireEvent.click(up);
      await settle();
    });
    const sort = view.getByRole("combobox");
    sort.focus();
    await act(async () => {
      answer(apiError(404, "review_not_found"));
      await settle();
    });
    expect(removed.isConnected).toBe(false);
    expect(root.activeElement).toBe(sort);
  });

  it("keeps the server's counts after a successful vote", async () => {
    const { root } = await mounted("reviews", { products, vote: () => json({ up: 42, down: 3 }) });
    const up = () => cards(root)[0]!.querySelector<HTMLButtonElement>(".plaudit-votes button")!;
    await act(async () => {
      fireEvent.click(up());
      await settle();
    });
    expect(up().querySelector(".plaudit-votes__count")?.textContent).toBe("42");
    expect(up().getAttribute("aria-pressed")).toBe("true");
  });

  it("writes one Product JSON-LD node for three widgets of the product and removes it with the last", async () => {
    const first = await mounted("reviews", { products }, { productName: "Classic tee" });
    await mounted("reviews", { products }, { plauditStore: first.store });
    await mounted("reviews", { products }, { plauditStore: first.store });
    const scripts = () => document.head.querySelectorAll('script[type="application/ld+json"]');
    // Written once the page is idle, from a chunk of its own (mount-reviews.ts).
    await waitFor(() => expect(scripts()[0]?.textContent).toContain('"reviewCount":23'));
    await settle();
    expect(scripts()).toHaveLength(1);
    const node = JSON.parse(scripts()[0]!.textContent!);
    expect(node).toMatchObject({
      "@type": "Product",
      name: "Classic tee",
      aggregateRating: { reviewCount: 23 },
    });
    expect(node.review).toHaveLength(10);
    for (const cleanup of cleanups.splice(0)) cleanup();
    await waitFor(() => expect(scripts()).toHaveLength(0));
  });

  it("opens the write-review dialog (loaded when asked for) about this product", async () => {
    const { view, root } = await mounted("reviews", { products }, { productName: "Classic tee" });
    expect(root.querySelector("dialog")).toBeNull();
    await act(async () => {
      fireEvent.click(view.getByRole("button", { name: "Write a review" }));
    });
    await waitFor(() => expect(root.querySelector("dialog")).not.toBeNull());
    // The dialog names the product it reviews (the browser suite checks its chunk is separate).
    await waitFor(() => expect(root.querySelector("dialog")?.textContent).toContain("Classic tee"));
  });
});
