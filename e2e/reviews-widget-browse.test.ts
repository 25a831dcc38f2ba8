// The reviews widget on the demo product page in Chromium, browsing: the histogram and the filters,
// every sort of shared/API.md, text search and its empty state, and "Load more". Each check compares
// the cards on screen with what the API answers for the same query, and checks the cards themselves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WAIT_FOR_MS } from "../scripts/test-waits.mjs";
import { type Harness, startHarness } from "./harness.ts";
import {
  addReviewsWithPhotos,
  announcement,
  apiGet,
  focusedInWidget,
  idsOf,
  listReviews,
  openWithReviews,
  PRODUCT,
  reviewsWidget,
  type ShownReview,
  shownReviews,
} from "./reviews-widget-helpers.ts";

interface Summary {
  count: number;
  histogram: number[];
}

let plaudit: Harness;
/** Reviews with a photo added by this file, newest last. */
let withPhotos: string[];
let summary: Summary;

beforeAll(async () => {
  plaudit = await startHarness();
  withPhotos = await addReviewsWithPhotos(plaudit, 2);
  summary = await apiGet<Summary>(plaudit, `/v1/stores/demo/products/${PRODUCT}/summary`);
});
afterAll(async () => {
  await plaudit?.close();
});

const showing = (shown: number, total: number) => `Showing ${shown} of ${total}`;

describe("the reviews widget: filters, sorts, search and paging", () => {
  it("filters by the histogram's bars: the cards and the count are those of the stars chosen", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const widget = reviewsWidget(page);
    const bar = (stars: number) => widget.locator(".plaudit-histogram__bar", { hasText: `${stars} stars` });
    const [fourStars, fiveStars] = [summary.histogram[3] ?? 0, summary.histogram[4] ?? 0];
    expect(fourStars).toBeGreaterThan(0);

    await bar(4).click();
    const onlyFour = await listReviews(plaudit, { sort: "newest", rating: "4", limit: "10" });
    await expect.poll(async () => idsOf(await shownReviews(page))).toEqual(idsOf(onlyFour.items));
    expect((await shownReviews(page)).map((r) => r.rating)).toEqual(onlyFour.items.map(() => 4));
    expect(onlyFour.total).toBe(fourStars);
    await expect.poll(() => announcement(page)).toBe(showing(onlyFour.items.length, fourStars));
    await expect.poll(() => bar(4).getAttribute("aria-pressed")).toBe("true");

    // A second bar adds its stars to the filter.
    await bar(5).click();
    const fourOrFive = await listReviews(plaudit, { sort: "newest", rating: "4,5", limit: "10" });
    await expect.poll(async () => idsOf(await shownReviews(page))).toEqual(idsOf(fourOrFive.items));
    for (const review of await shownReviews(page)) expect([4, 5]).toContain(review.rating);
    await expect.poll(() => announcement(page)).toBe(showing(10, fourStars + fiveStars));

    // Pressing both again lifts the filter: every review is back.
    await bar(4).click();
    await bar(5).click();
    const all = await listReviews(plaudit, { sort: "newest", limit: "10" });
    await expect.poll(async () => idsOf(await shownReviews(page))).toEqual(idsOf(all.items));
    await expect.poll(() => announcement(page)).toBe(showing(10, summary.count));
    await expect.poll(() => bar(4).getAttribute("aria-pressed")).toBe("false");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("filters to reviews with photos or videos, and to verified buyers", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const widget = reviewsWidget(page);

    // The shopper's first click on the painted widget: held until the widget's code has come,
    // then done again (docs/widget-contract.md, "Painted first"), so the box ticks a moment later
    // rather than at once (Playwright's check() would call that a failed click).
    const withMedia = widget.getByLabel("With photos or videos");
    await withMedia.click();
    await expect.poll(() => withMedia.isChecked()).toBe(true);
    const photos = await listReviews(plaudit, { sort: "newest", media: "1", limit: "10" });
    // The two added here are the newest; the seed may hold more.
    expect(idsOf(photos.items).slice(0, 2)).toEqual([...withPhotos].reverse());
    expect(photos.total).toBeLessThan(summary.count);
    await expect.poll(async () => idsOf(await shownReviews(page))).toEqual(idsOf(photos.items));
    for (const review of await shownReviews(page)) expect(review.media).toBeGreaterThan(0);
    await expect.poll(() => announcement(page)).toBe(showing(photos.items.length, photos.total));

    await widget.getByLabel("With photos or videos").uncheck();
    await widget.getByLabel("Verified buyers").check();
    const verified = await listReviews(plaudit, { sort: "newest", verified: "1", limit: "10" });
    expect(verified.total).toBeGreaterThan(10);
    expect(verified.total).toBeLessThan(summary.count);
    await expect.poll(async () => idsOf(await shownReviews(page))).toEqual(idsOf(verified.items));
    expect((await shownReviews(page)).every((review) => review.verified)).toBe(true);
    await expect.poll(() => announcement(page)).toBe(showing(10, verified.total));
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("sorts by each order of the API, and the cards on screen are in that order", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const sortMenu = reviewsWidget(page).getByLabel("Sort by");
    const inOrder = (values: (number | string)[], direction: 1 | -1) =>
      values.every(
        (value, i) =>
          i === 0 || (value > values[i - 1]! ? 1 : value < values[i - 1]! ? -1 : 0) !== -direction,
      );
    const orders: Record<string, (cards: ShownReview[]) => boolean> = {
      newest: (cards) =>
        inOrder(
          cards.map((c) => c.createdAt),
          -1,
        ),
      oldest: (cards) =>
        inOrder(
          cards.map((c) => c.createdAt),
          1,
        ),
      highest: (cards) =>
        inOrder(
          cards.map((c) => c.rating),
          -1,
        ),
      lowest: (cards) =>
        inOrder(
          cards.map((c) => c.rating),
          1,
        ),
      helpful: (cards) =>
        inOrder(
          cards.map((c) => c.up - c.down),
          -1,
        ),
      // Reviews with media first: after the first card without media, none has any.
      media: (cards) =>
        inOrder(
          cards.map((c) => (c.media > 0 ? 1 : 0)),
          -1,
        ) && (cards[0]?.media ?? 0) > 0,
    };
    expect(
      await sortMenu
        .locator("option")
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(Object.keys(orders));
    // "newest" is the default: start away from it so every sort is a change.
    for (const sort of ["oldest", "highest", "lowest", "helpful", "media", "newest"]) {
      await sortMenu.selectOption(sort);
      const expected = await listReviews(plaudit, { sort, limit: "10" });
      await expect
        .poll(async () => idsOf(await shownReviews(page)), { message: sort })
        .toEqual(idsOf(expected.items));
      const cards = await shownReviews(page);
      expect(
        orders[sort]?.(cards),
        `${sort}: ${JSON.stringify(cards.map(({ id, body, title, ...rest }) => rest))}`,
      ).toBe(true);
    }
    // The orders are not all the same list (a sort that did nothing would pass the checks above alone).
    const firsts = await Promise.all(
      ["newest", "oldest", "highest", "lowest"].map(
        async (sort) => (await listReviews(plaudit, { sort, limit: "1" })).items[0]?.id,
      ),
    );
    expect(new Set(firsts).size).toBe(4);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("searches the review text, and a word no review has shows the empty state with Clear filters", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const widget = reviewsWidget(page);
    const search = widget.getByRole("searchbox", { name: "Search reviews" });
    const word = "packaging";
    const matching = await listReviews(plaudit, { sort: "newest", q: word, limit: "10" });
    expect(matching.total).toBeGreaterThan(0);
    expect(matching.total).toBeLessThan(summary.count);

    await search.fill(word);
    await search.press("Enter");
    await expect.poll(async () => idsOf(await shownReviews(page))).toEqual(idsOf(matching.items));
    for (const review of await shownReviews(page)) {
      expect(`${review.title} ${review.body}`.toLowerCase()).toContain(word);
    }
    await expect.poll(() => announcement(page)).toBe(showing(matching.items.length, matching.total));

    await search.fill("zqxwvjk");
    await search.press("Enter");
    await widget.getByText("No reviews match these filters.", { exact: true }).waitFor();
    expect(await shownReviews(page)).toEqual([]);
    await expect.poll(() => announcement(page)).toBe("No reviews match these filters.");

    await widget.getByRole("button", { name: "Clear filters" }).click();
    const all = await listReviews(plaudit, { sort: "newest", limit: "10" });
    await expect.poll(async () => idsOf(await shownReviews(page))).toEqual(idsOf(all.items));
    // Focus went to the first review, not to the top of the page with the button that went away.
    await expect
      .poll(async () => (await focusedInWidget(page)).id)
      .toBe(`plaudit-review-${all.items[0]?.id}`);
    // The box shows the search in force: none.
    expect(await search.inputValue()).toBe("");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("loads more: appends the next page without duplicates, focuses the first new review, announces the count", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const first = await listReviews(plaudit, { sort: "newest", limit: "10" });
    const second = await listReviews(plaudit, {
      sort: "newest",
      limit: "10",
      cursor: first.nextCursor ?? "",
    });
    expect(idsOf(await shownReviews(page))).toEqual(idsOf(first.items));

    await reviewsWidget(page).getByRole("button", { name: "Load more reviews" }).click();
    await expect.poll(async () => (await shownReviews(page)).length).toBe(20);
    const ids = idsOf(await shownReviews(page));
    expect(ids).toEqual([...idsOf(first.items), ...idsOf(second.items)]);
    expect(new Set(ids).size).toBe(20);
    // Reading goes on where the new reviews start.
    await expect
      .poll(async () => (await focusedInWidget(page)).id)
      .toBe(`plaudit-review-${second.items[0]?.id}`);
    await expect.poll(() => announcement(page)).toBe(showing(20, first.total));
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("keeps the search button one word on a 320 px phone, in English and German", async () => {
    for (const [path, name] of [
      ["/demo/tee-classic.html", "Search"],
      ["/demo/tee-classic.de.html", "Suchen"],
    ] as const) {
      const shop = await plaudit.open(path, { viewport: { width: 320, height: 800 } });
      const widget = reviewsWidget(shop.page);
      await widget.scrollIntoViewIfNeeded();
      const button = widget.getByRole("button", { name, exact: true });
      await button.waitFor({ timeout: WAIT_FOR_MS });
      // One line: 32 px (min-block-size); the root's overflow-wrap:anywhere broke it ("Sear|ch", 50 px).
      expect(Math.round((await button.boundingBox())?.height ?? 0), path).toBe(32);
      expect(await shop.page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
      await shop.close();
    }
  });

  it("keeps the keyboard's place when Load more fails: says so, focuses Try again, and Enter loads the page", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const widget = reviewsWidget(page);
    const first = await listReviews(plaudit, { sort: "newest", limit: "10" });
    const second = await listReviews(plaudit, {
      sort: "newest",
      limit: "10",
      cursor: first.nextCursor ?? "",
    });
    // The next page cannot be read (the connection dropped; the client's own retries fail too).
    const NEXT_PAGE = /\/reviews\?.*cursor=/;
    await page.route(NEXT_PAGE, (route) => route.abort("internetdisconnected"));

    // The keyboard shopper, as they would: focus on Load more, Enter.
    await widget.getByRole("button", { name: "Load more reviews" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => announcement(page)).toBe("More reviews could not be loaded.");
    // The focus is where they can try again, not dropped on the page's <body>.
    await expect.poll(async () => (await focusedInWidget(page)).text).toBe("Try again");
    expect(idsOf(await shownReviews(page))).toEqual(idsOf(first.items));

    // Back online, Enter on Try again loads that page, and reading goes on where it starts.
    await page.unroute(NEXT_PAGE);
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await shownReviews(page)).length).toBe(20);
    expect(idsOf(await shownReviews(page))).toEqual([...idsOf(first.items), ...idsOf(second.items)]);
    await expect
      .poll(async () => (await focusedInWidget(page)).id)
      .toBe(`plaudit-review-${second.items[0]?.id}`);
    await expect.poll(() => announcement(page)).toBe(showing(20, first.total));
    await shop.close();
  });
});
