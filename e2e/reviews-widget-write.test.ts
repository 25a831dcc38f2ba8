// "Write a review" in the reviews widget on the demo product page, in Chromium: validation messages
// tied to their fields, focus on the first invalid one, the thanks state announced, the new review
// in the list and the summary (the demo store publishes at once: moderation "publish"), and the
// whole flow with the keyboard alone.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { harnessOfFile } from "./harness.ts";
import {
  apiGet,
  focusedInWidget,
  openWithReviews,
  PRODUCT,
  reviewsWidget,
  shownReviews,
} from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

const summaryCount = async () =>
  (await apiGet<{ count: number }>(plaudit, `/v1/stores/demo/products/${PRODUCT}/summary`)).count;

/** How a field tells assistive technology it is wrong: aria-invalid and the text it points to. */
function fieldState(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const root = document.querySelector('[data-plaudit="reviews"]')?.shadowRoot;
    const field = root?.querySelector(selector);
    const described = (field?.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => root?.getElementById(id)?.textContent?.trim() ?? `#${id} missing`);
    return { invalid: field?.getAttribute("aria-invalid") ?? null, described };
  }, selector);
}

const dialogOpen = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector('[data-plaudit="reviews"]')?.shadowRoot?.querySelector("dialog")?.open ?? false,
  );

const statusText = (page: Page) =>
  page.evaluate(
    () =>
      document
        .querySelector('[data-plaudit="reviews"]')
        ?.shadowRoot?.querySelector("dialog [role='status']")
        ?.textContent?.trim() ?? "",
  );

describe("writing a review", () => {
  it("shows each problem at its field and focuses the first; once fixed, publishes it into the list and the count", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const widget = reviewsWidget(page);
    const countBefore = await summaryCount();
    await widget.getByText(`Based on ${countBefore} reviews`).waitFor();

    await widget.getByRole("button", { name: "Write a review" }).click();
    const dialog = widget.getByRole("dialog", { name: "Review Classic Cotton Tee" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Submit review" }).click();

    await expect
      .poll(() => fieldState(page, "[role='radiogroup']"))
      .toEqual({
        invalid: "true",
        described: ["Choose a star rating."],
      });
    expect(await fieldState(page, "[name='title']")).toEqual({ invalid: null, described: [] });
    expect(await fieldState(page, "[name='body']")).toEqual({
      invalid: "true",
      described: ["Up to 5,000 characters.", "Write your review."],
    });
    expect(await fieldState(page, "[name='name']")).toEqual({
      invalid: "true",
      described: ["Shown with your review.", "Enter your name."],
    });
    expect(await fieldState(page, "[name='email']")).toEqual({
      invalid: "true",
      described: ["Never shown publicly.", "Enter your email address."],
    });
    // Focus is on the rating, the first field with a problem (its one tab stop, nothing chosen). It
    // moves in an effect after the render that shows the messages: waited for, not raced.
    await expect.poll(() => focusedInWidget(page)).toMatchObject({ role: "radio", name: "1 star" });
    expect(await dialogOpen(page)).toBe(true);

    // Fix them one by one; a wrong email is caught when the shopper leaves the field.
    await dialog.getByRole("radio", { name: "4 stars" }).click();
    await expect
      .poll(() => fieldState(page, "[role='radiogroup']"))
      .toEqual({ invalid: null, described: [] });
    const title = `Washes well ${Date.now()}`;
    await dialog.getByLabel("Title (optional)").fill(title);
    await dialog.getByLabel("Your review").fill("Soft from day one and it kept its shape after ten washes.");
    await dialog.getByLabel("Your name").fill("Keyboard Kim");
    await dialog.getByLabel("Email").fill("kim-at-example.com");
    await dialog.getByLabel("Your name").focus();
    await expect
      .poll(() => fieldState(page, "[name='email']"))
      .toEqual({
        invalid: "true",
        described: ["Never shown publicly.", "Enter an email address like name@example.com."],
      });
    expect(await fieldState(page, "[name='body']")).toMatchObject({ invalid: null });
    await dialog.getByLabel("Email").fill("kim@example.com");

    await dialog.getByRole("button", { name: "Submit review" }).click();
    await expect.poll(() => statusText(page)).toBe("Thank you! Your review has been published.");
    await expect.poll(async () => (await focusedInWidget(page)).text).toBe("Close");

    // The summary and the list show it — read again past the browser's 60 s cache of both.
    expect(await summaryCount()).toBe(countBefore + 1);
    await widget.getByText(`Based on ${countBefore + 1} reviews`).waitFor();
    await expect.poll(async () => (await shownReviews(page))[0]?.title).toBe(title);

    await dialog.getByRole("button", { name: "Close" }).first().click();
    await expect.poll(() => dialogOpen(page)).toBe(false);
    await expect.poll(async () => (await focusedInWidget(page)).text).toBe("Write a review");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("can be written and sent with the keyboard alone; Escape closes and focus returns to the opener", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const focused = () => focusedInWidget(page);
    // Tab from the top of the page to the widget's button.
    for (let presses = 0; (await focused()).text !== "Write a review"; presses++) {
      if (presses > 40) throw new Error("Tab never reached Write a review");
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    await expect.poll(() => dialogOpen(page)).toBe(true);
    await expect.poll(focused).toMatchObject({ role: "radio", name: "1 star" });
    const checkedStar = () =>
      page.evaluate(
        () =>
          document
            .querySelector('[data-plaudit="reviews"]')
            ?.shadowRoot?.querySelector("[role='radio'][aria-checked='true']")
            ?.getAttribute("data-rating") ?? null,
      );
    expect(await checkedStar()).toBe(null);
    for (const key of ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowRight", "ArrowLeft"])
      await page.keyboard.press(key);
    expect(await checkedStar()).toBe("4");

    await page.keyboard.press("Tab");
    expect((await focused()).name).toBe("title");
    const title = `Typed without a mouse ${Date.now()}`;
    await page.keyboard.type(title);
    await page.keyboard.press("Tab");
    expect((await focused()).name).toBe("body");
    await page.keyboard.type("Ordered two, both fit true to size. The collar stays flat.");
    // Past the photo field's controls to the name.
    for (let presses = 0; (await focused()).name !== "name"; presses++) {
      if (presses > 5) throw new Error(`Tab went to ${JSON.stringify(await focused())}, not the name`);
      await page.keyboard.press("Tab");
    }
    await page.keyboard.type("Tab Taylor");
    await page.keyboard.press("Tab");
    expect((await focused()).name).toBe("email");
    await page.keyboard.type("taylor@example.com");
    await page.keyboard.press("Tab");
    expect(await focused()).toMatchObject({ tag: "button", text: "Submit review" });
    await page.keyboard.press("Enter");

    await expect.poll(() => statusText(page)).toBe("Thank you! Your review has been published.");
    await expect.poll(async () => (await focused()).text).toBe("Close");
    await expect.poll(async () => (await shownReviews(page))[0]?.title).toBe(title);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialogOpen(page)).toBe(false);
    await expect.poll(async () => (await focused()).text).toBe("Write a review");

    // Escape also leaves a half-written review, and focus comes back the same way.
    await page.keyboard.press("Enter");
    await expect.poll(() => dialogOpen(page)).toBe(true);
    await page.keyboard.press("Tab");
    await page.keyboard.type("Half a thought");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialogOpen(page)).toBe(false);
    await expect.poll(async () => (await focused()).text).toBe("Write a review");
    // Opened again, the half-written review is still there (a sent one started afresh above).
    await page.keyboard.press("Enter");
    await expect.poll(() => dialogOpen(page)).toBe(true);
    const titleNow = () =>
      page.evaluate(
        () =>
          document
            .querySelector('[data-plaudit="reviews"]')
            ?.shadowRoot?.querySelector<HTMLInputElement>("input[name='title']")?.value,
      );
    await expect.poll(titleNow).toBe("Half a thought");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialogOpen(page)).toBe(false);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
