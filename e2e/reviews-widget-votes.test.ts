// Helpful votes in the reviews widget on the demo product page, in Chromium: the count moves at
// once and the button is pressed before the server answers, the vote is on the server (and shown
// after a reload), and a refused vote is rolled back and said so.
import type { Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { harnessOfFile } from "./harness.ts";
import {
  announcement,
  listReviews,
  openWithReviews,
  reachForReviews,
  reviewsWidget,
  type ShownReview,
  shownReviews,
} from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

const VOTES = /\/v1\/stores\/demo\/reviews\/[^/]+\/votes$/;

/** Holds each matching request until `release()`, so the optimistic state can be looked at. */
function holdRequests() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { release, released };
}

describe("helpful votes in the reviews widget", () => {
  it("counts a vote at once, shows it pressed, keeps it on the server and after a reload", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const [before] = await shownReviews(page);
    if (!before) throw new Error("no review on the page");
    const card = (reviews: ShownReview[]) => reviews.find((review) => review.id === before.id);
    const hold = holdRequests();
    await page.route(VOTES, async (route: Route) => {
      await hold.released;
      await route.continue();
    });

    await reviewsWidget(page)
      .locator(`#plaudit-review-${before.id}`)
      .getByRole("button", { name: "Yes, helpful" })
      .click();
    // The server has not answered yet: this is the optimistic state.
    await expect
      .poll(async () => card(await shownReviews(page)))
      .toMatchObject({ up: before.up + 1, upPressed: true, down: before.down, downPressed: false });
    expect(shop.requestsTo("/v1/stores/demo/reviews/")).toHaveLength(1);
    hold.release();
    await expect.poll(() => announcement(page)).toBe("Thanks for your feedback.");
    expect(card(await shownReviews(page))).toMatchObject({ up: before.up + 1, upPressed: true });

    const onServer = (await listReviews(plaudit, { sort: "newest", limit: "10" })).items.find(
      (review) => review.id === before.id,
    );
    expect(onServer?.helpful).toEqual({ up: before.up + 1, down: before.down });

    // A reload lists the reviews again: the vote is part of the count, and still shown as mine.
    await page.unroute(VOTES);
    await page.reload();
    await page.locator('[data-plaudit="reviews"] article').first().waitFor();
    // The painted count already has it (after this shopper's own write the snippet is read past
    // the browser's cache, which still holds the page's first answer for a minute).
    await expect.poll(async () => card(await shownReviews(page))).toMatchObject({ up: before.up + 1 });
    // Which vote is the shopper's own is in their browser, not in the server's markup: the
    // widget's code marks it once the shopper reaches for the widget (docs/embed.md).
    await reachForReviews(page);
    await expect
      .poll(async () => card(await shownReviews(page)))
      .toMatchObject({ up: before.up + 1, upPressed: true, downPressed: false });
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("rolls a refused vote back, says so, and the next try counts", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const before = (await shownReviews(page))[1];
    if (!before) throw new Error("fewer than two reviews on the page");
    const card = async () => (await shownReviews(page)).find((review) => review.id === before.id);
    const hold = holdRequests();
    // The API fails this vote once (a 503 from a struggling server), after a moment.
    await page.route(
      VOTES,
      async (route: Route) => {
        await hold.released;
        await route.fulfill({
          status: 503,
          contentType: "application/json",
          body: JSON.stringify({ error: { code: "unavailable", message: "try again later" } }),
        });
      },
      { times: 1 },
    );
    const notHelpful = reviewsWidget(page)
      .locator(`#plaudit-review-${before.id}`)
      .getByRole("button", { name: "No, not helpful" });

    await notHelpful.click();
    await expect.poll(card).toMatchObject({ down: before.down + 1, downPressed: true });
    hold.release();
    await expect
      .poll(card)
      .toMatchObject({ up: before.up, down: before.down, upPressed: false, downPressed: false });
    await expect.poll(() => announcement(page)).toBe("Your vote could not be saved. Please try again.");
    const onServer = (await listReviews(plaudit, { sort: "newest", limit: "10" })).items.find(
      (review) => review.id === before.id,
    );
    expect(onServer?.helpful).toEqual({ up: before.up, down: before.down });

    await notHelpful.click();
    await expect.poll(() => announcement(page)).toBe("Thanks for your feedback.");
    expect(await card()).toMatchObject({ down: before.down + 1, downPressed: true });
    // The only thing logged is Chromium's line about the refused request, nothing uncaught.
    expect(shop.pageErrors).toEqual([]);
    expect(shop.consoleErrors).toEqual([expect.stringMatching(/status of 503/)]);
    await shop.close();
  });
});
