// axe-core over the whole demo product page (open shadow roots included) in every state of the
// reviews widgets: the list with a photo review and the star badge, a filter applied, no results,
// the API failing, the write dialog open / with errors / thanking, and the German and Hebrew pages.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WAIT_FOR_MS } from "../scripts/test-waits.mjs";
import { type Harness, startHarness } from "./harness.ts";
import {
  addReviewsWithPhotos,
  axeViolations,
  openWithReviews,
  reviewsWidget,
  shownReviews,
  TALL,
} from "./reviews-widget-helpers.ts";

let plaudit: Harness;
beforeAll(async () => {
  plaudit = await startHarness();
  // A card with a thumbnail is first on the first page, whatever the seed holds.
  await addReviewsWithPhotos(plaudit, 1);
});
afterAll(async () => {
  await plaudit?.close();
});

/** The star badge has drawn its rating (it is plain DOM in its own shadow root). */
const badgeShown = (page: Page) =>
  expect
    .poll(() =>
      page.evaluate(() => document.querySelector('[data-plaudit="stars"]')?.shadowRoot?.textContent ?? ""),
    )
    .toMatch(/\d/);

/** Axe once a state has settled: named, so a failure says which state broke. */
async function expectNoViolations(page: Page, state: string) {
  expect(await axeViolations(page), state).toEqual([]);
}

describe("accessibility of the reviews widgets in each state (axe-core)", () => {
  it("has none in the list with the star badge, with a filter applied, and with no results", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const widget = reviewsWidget(page);
    await badgeShown(page);
    expect((await shownReviews(page))[0]?.media).toBe(1);
    await expectNoViolations(page, "initial list");

    // The first clicks on the painted widget are held until its code has come, then done again
    // (docs/widget-contract.md, "Painted first"): the box ticks a moment later, not at once.
    await widget.locator(".plaudit-histogram__bar", { hasText: "5 stars" }).click();
    const verified = widget.getByLabel("Verified buyers");
    await verified.click();
    await expect.poll(() => verified.isChecked()).toBe(true);
    await expect
      .poll(async () => (await shownReviews(page)).every((r) => r.rating === 5 && r.verified))
      .toBe(true);
    await expectNoViolations(page, "filtered list");

    const search = widget.getByRole("searchbox", { name: "Search reviews" });
    await search.fill("zqxwvjk");
    await search.press("Enter");
    await widget.getByRole("button", { name: "Clear filters" }).waitFor();
    await expectNoViolations(page, "no results");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("has none when the API fails and the widget offers Try again", async () => {
    const shop = await plaudit.open("/demo/tee-classic.html", {
      viewport: TALL,
      block: ["/v1/stores/demo/"],
    });
    const { page } = shop;
    await reviewsWidget(page)
      .getByRole("button", { name: "Try again" })
      .first()
      .waitFor({ timeout: WAIT_FOR_MS });
    await reviewsWidget(page).getByText("Reviews could not be loaded.").first().waitFor();
    await expectNoViolations(page, "error state");
    await shop.close();
  });

  it("has none with the write dialog open, showing its errors, and thanking", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const widget = reviewsWidget(page);
    await widget.getByRole("button", { name: "Write a review" }).click();
    const dialog = widget.getByRole("dialog", { name: "Review Classic Cotton Tee" });
    await dialog.waitFor();
    await expectNoViolations(page, "dialog open");

    await dialog.getByRole("button", { name: "Submit review" }).click();
    await dialog.getByText("Enter your email address.").waitFor();
    await expectNoViolations(page, "dialog with validation errors");

    await dialog.getByRole("radio", { name: "5 stars" }).click();
    await dialog.getByLabel("Your review").fill("Checked for accessibility, and it fits.");
    await dialog.getByLabel("Your name").fill("Axe Ada");
    await dialog.getByLabel("Email").fill("ada@example.com");
    await dialog.getByRole("button", { name: "Submit review" }).click();
    await dialog.getByText("Thank you! Your review has been published.").waitFor();
    await expectNoViolations(page, "thanks");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("has none on the German page, in German", async () => {
    const shop = await openWithReviews(plaudit, "/demo/tee-classic.de.html");
    const { page } = shop;
    const widget = reviewsWidget(page);
    await widget.getByRole("heading", { name: "Kundenbewertungen" }).waitFor();
    await badgeShown(page);
    await expectNoViolations(page, "German list");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("has none on the Hebrew page, right to left, list and write dialog with its errors", async () => {
    const shop = await openWithReviews(plaudit, "/demo/tee-classic.he.html");
    const { page } = shop;
    const widget = reviewsWidget(page);
    await widget.getByRole("heading", { name: "ביקורות לקוחות" }).waitFor();
    expect(await widget.locator(".plaudit-reviews").getAttribute("dir")).toBe("rtl");
    await badgeShown(page);
    await expectNoViolations(page, "Hebrew list");

    await widget.getByRole("button", { name: "כתיבת ביקורת" }).click();
    const dialog = widget.getByRole("dialog", { name: "ביקורת על חולצת כותנה קלאסית" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "שליחת הביקורת" }).click();
    await expect.poll(() => dialog.locator("[aria-invalid='true']").count()).toBe(4);
    await expectNoViolations(page, "Hebrew dialog with validation errors");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
