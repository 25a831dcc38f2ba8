// A review the merchant removes while a shopper has the product page open: voting it helpful gets
// the API's 404 (review_not_found, API.md), and the widget says the review is no longer available,
// takes its card out, and keeps the keyboard on the card now in its place. Real server, Chromium.
import { describe, expect, it } from "vitest";
import { adminApi } from "./admin-helpers.ts";
import { harnessOfFile } from "./harness.ts";
import {
  announcement,
  focusedInWidget,
  openWithReviews,
  reachForReviews,
  reviewsWidget,
  shownReviews,
} from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

describe("a review removed after the page loaded", () => {
  it("says so when voted on, takes its card out, and keeps the keyboard's place", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    await reachForReviews(page);
    const [, removed, next] = await shownReviews(page);
    if (!removed || !next) throw new Error("fewer than three reviews on the page");
    const shown = (await shownReviews(page)).length;

    // The merchant rejects it in the admin, while the page stays open.
    const rejected = await adminApi(plaudit, "PATCH", `/v1/admin/reviews/${removed.id}`, {
      status: "rejected",
    });
    expect(rejected.status).toBe(200);

    // From the keyboard: focus on its "Yes, helpful", Enter.
    const helpful = reviewsWidget(page)
      .locator(`#plaudit-review-${removed.id}`)
      .getByRole("button", { name: /^Yes, helpful/ });
    await helpful.focus();
    await page.keyboard.press("Enter");

    await expect.poll(() => announcement(page)).toBe("This review is no longer available.");
    const after = await shownReviews(page);
    expect(after.map((review) => review.id)).not.toContain(removed.id);
    expect(after).toHaveLength(shown - 1);
    expect(await focusedInWidget(page)).toMatchObject({ tag: "article", id: `plaudit-review-${next.id}` });
    // The next Tab goes on from there, into the card now in its place.
    await page.keyboard.press("Tab");
    const onward = await page.evaluate(() => {
      const root = document.querySelector('[data-plaudit="reviews"]')!.shadowRoot!;
      return root.activeElement?.closest("article")?.id;
    });
    expect(onward).toBe(`plaudit-review-${next.id}`);
    // The 404 is Chromium's console line about the refused request; nothing uncaught.
    expect(shop.pageErrors).toEqual([]);
    expect(shop.consoleErrors).toEqual([expect.stringMatching(/status of 404/)]);
    await shop.close();
  });
});
