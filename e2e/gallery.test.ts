// The gallery widget on the demo store's Customer photos page, the way shoppers without a mouse
// use it: a finger or Tab moving the carousel's row, the keyboard in the lightbox.
import { describe, expect, it } from "vitest";
import { WAIT_FOR_MS } from "../scripts/test-waits.mjs";
import { adminApi } from "./admin-helpers.ts";
import { harnessOfFile } from "./harness.ts";
import { addReviewWithPhotos, axeViolations, PRODUCT_PAGE, TALL } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

describe("gallery widget", () => {
  it("loads the carousel's next page, and Next goes on from where a finger left the row", async () => {
    const shop = await plaudit.open("/demo/gallery.html", { viewport: { width: 1280, height: 1000 } });
    const carousel = shop.page.locator('[data-plaudit="gallery"][data-layout="carousel"]');
    const tiles = carousel.locator(".plaudit-gallery__tile");
    await tiles.first().waitFor({ timeout: WAIT_FOR_MS });
    await carousel.getByRole("button", { name: "Pause slideshow" }).click();
    expect(await tiles.count()).toBe(10); // data-page-size="10"
    // A finger (or focus moving along the row) scrolls the track itself.
    await carousel
      .locator(".plaudit-carousel__track")
      .evaluate((list) => list.scrollTo({ left: list.scrollWidth, behavior: "instant" }));
    await expect.poll(() => tiles.count()).toBe(20);
    // Back to the 6th item by finger; Next then goes on to the 7th, not back to the 2nd.
    const track = carousel.locator(".plaudit-carousel__track");
    await track.evaluate((list) => {
      const sixth = list.children[5]!.getBoundingClientRect().left - list.getBoundingClientRect().left;
      list.scrollBy({ left: sixth, behavior: "instant" });
    });
    // Once the row rests (150 ms after the last scroll) the 6th item is the current one.
    await expect
      .poll(() => track.locator(".plaudit-carousel__slide").nth(5).getAttribute("class"))
      .toContain("is-current");
    await carousel.getByRole("button", { name: "Next photos" }).click();
    const leading = () =>
      track.evaluate((list) => {
        const edge = list.getBoundingClientRect().left;
        return [...list.children].findIndex((item) => item.getBoundingClientRect().left >= edge - 1);
      });
    await expect.poll(leading).toBe(6);
    const names = await tiles
      .locator("img")
      .evaluateAll((imgs) => imgs.map((img) => img.getAttribute("src")));
    expect(new Set(names).size).toBe(names.length);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("moves Next and Previous one item and keeps it there on a slow phone (renderer slowed 20×)", async () => {
    const shop = await plaudit.open("/demo/gallery.html", { viewport: { width: 1280, height: 1000 } });
    const carousel = shop.page.locator('[data-plaudit="gallery"][data-layout="carousel"]');
    const track = carousel.locator(".plaudit-carousel__track");
    await carousel.locator(".plaudit-gallery__tile").first().waitFor({ timeout: WAIT_FOR_MS });
    await carousel.getByRole("button", { name: "Pause slideshow" }).click();
    // The item leading the row, and the one the carousel calls current: one answer when all is well.
    const shown = () =>
      track.evaluate((list) => {
        const edge = list.getBoundingClientRect().left;
        const items = [...list.children];
        return {
          leading: items.findIndex((item) => item.getBoundingClientRect().left >= edge - 1),
          current: items.findIndex((item) => item.classList.contains("is-current")),
        };
      });
    // A finger leaves the 4th item leading (slide widths follow the photos: sub-pixel offsets).
    await track.evaluate((list) => {
      const fourth = list.children[3]!.getBoundingClientRect().left - list.getBoundingClientRect().left;
      list.scrollBy({ left: fourth, behavior: "instant" });
    });
    await expect.poll(shown).toEqual({ leading: 3, current: 3 });
    // A slow phone: the smooth scroll's frames come further apart than the row's rest (CDP, Chromium's
    // own throttle, as DevTools' "CPU: 20× slowdown").
    const cdp = await shop.page.context().newCDPSession(shop.page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 20 });
    await carousel.getByRole("button", { name: "Next photos" }).click();
    await expect.poll(shown).toEqual({ leading: 4, current: 4 });
    await carousel.getByRole("button", { name: "Previous photos" }).click();
    await expect.poll(shown).toEqual({ leading: 3, current: 3 });
    await carousel.getByRole("button", { name: "Previous photos" }).click();
    await expect.poll(shown).toEqual({ leading: 2, current: 2 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("says so in the lightbox when a moderator rejected the next photo while the shopper looks", async () => {
    const shop = await plaudit.open("/demo/gallery.html", { viewport: { width: 1280, height: 1000 } });
    const grid = shop.page.locator('[data-plaudit="gallery"]:not([data-layout])');
    const tiles = grid.locator(".plaudit-gallery__tile");
    await tiles.nth(1).waitFor({ timeout: WAIT_FOR_MS });
    const secondSrc = await tiles.nth(1).locator("img").getAttribute("src");
    const mediaId = secondSrc!.match(/\/media\/demo\/([^/]+)\//)![1]!;
    await tiles.first().press("Enter");
    const dialog = grid.getByRole("dialog");
    await dialog.locator("img.plaudit-lightbox__media").waitFor();
    const rejected = await adminApi(plaudit, "PATCH", `/v1/admin/media/${mediaId}`, { status: "rejected" });
    expect(rejected.status).toBe(200);
    await shop.page.keyboard.press("ArrowRight");
    await dialog.getByText("This photo could not be loaded.").waitFor({ timeout: WAIT_FOR_MS });
    expect(await dialog.locator(".plaudit-lightbox__media").count()).toBe(0);
    expect(await dialog.locator(".plaudit-lightbox__position").textContent()).toBe("2 of 12");
    await adminApi(plaudit, "PATCH", `/v1/admin/media/${mediaId}`, { status: "ready" });
    await shop.close();
  });

  it("keeps Previous and Next whole words in the lightbox on a 320 px phone", async () => {
    const shop = await plaudit.open("/demo/gallery.html", { viewport: { width: 320, height: 640 } });
    const grid = shop.page.locator('[data-plaudit="gallery"]:not([data-layout])');
    await grid.locator(".plaudit-gallery__tile").first().click({ timeout: WAIT_FOR_MS });
    const nav = grid.getByRole("dialog").locator(".plaudit-lightbox__nav");
    await nav.waitFor();
    const boxes = await nav.evaluate((row) => ({
      overflows: row.scrollWidth > row.clientWidth,
      // One line of text: 40 px (min-block-size); a word broken over two lines makes it 50.
      heights: [...row.querySelectorAll("button")].map((button) => button.getBoundingClientRect().height),
    }));
    expect(boxes).toEqual({ overflows: false, heights: [40, 40] });
    await shop.close();
  });

  it("loads the grid's next page when the lightbox reaches its last photos, so Next goes on past 12", async () => {
    const shop = await plaudit.open("/demo/gallery.html", { viewport: { width: 1280, height: 1000 } });
    const grid = shop.page.locator('[data-plaudit="gallery"]:not([data-layout])');
    const tiles = grid.locator(".plaudit-gallery__tile");
    await tiles.nth(11).waitFor({ timeout: WAIT_FOR_MS });
    expect(await tiles.count()).toBe(12);
    await tiles.nth(10).press("Enter");
    const position = grid.getByRole("dialog").locator(".plaudit-lightbox__position");
    await expect.poll(() => position.textContent()).toBe("11 of 24");
    await shop.page.keyboard.press("ArrowRight");
    await shop.page.keyboard.press("ArrowRight");
    expect(await position.textContent()).toBe("13 of 24");
    await shop.page.keyboard.press("Escape");
    await expect.poll(() => tiles.count()).toBe(24);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  // One test a screen (each a page load and four photos, within one test's limit on a busy
  // machine), the review with a wide, a tall and a square photo written once for all three.
  let wideTallSquare: Promise<string> | undefined;
  for (const viewport of [TALL, { width: 1280, height: 800 }, { width: 320, height: 640 }]) {
    it(`keeps the lightbox's buttons where they are from a wide photo to a tall one (${viewport.width} × ${viewport.height})`, async () => {
      wideTallSquare ??= addReviewWithPhotos(
        plaudit,
        [
          { width: 960, height: 300 },
          { width: 300, height: 900 },
          { width: 500, height: 500 },
        ],
        7,
      );
      const id = await wideTallSquare;
      const shop = await plaudit.open(PRODUCT_PAGE, { viewport });
      // The widget loads as it nears the viewport.
      await shop.page.locator('[data-plaudit="reviews"]').scrollIntoViewIfNeeded();
      const card = shop.page.locator(`[data-plaudit="reviews"] #plaudit-review-${id}`);
      await card.locator(".plaudit-media__open").first().click({ timeout: WAIT_FOR_MS });
      const dialog = shop.page.locator('[data-plaudit="reviews"]').getByRole("dialog");
      const next = dialog.getByRole("button", { name: "Next" });
      const media = dialog.locator("img.plaudit-lightbox__media");
      // Where the buttons are once the photo has loaded (its box may be reserved before).
      const boxes = async () => {
        await expect.poll(() => media.evaluate((img: HTMLImageElement) => img.complete)).toBe(true);
        // The dialog's opening slide (8 px) is over.
        await dialog.evaluate((d) => Promise.all(d.getAnimations().map((a) => a.finished)));
        const at = (box: { x: number; y: number } | null) => box && [Math.round(box.x), Math.round(box.y)];
        return {
          next: at(await next.boundingBox()),
          close: at(await dialog.getByRole("button", { name: "Close" }).boundingBox()),
        };
      };
      const first = await boxes();
      const seen = [];
      for (const n of [2, 3, 1]) {
        await next.click();
        await expect
          .poll(() => dialog.locator(".plaudit-lightbox__position").textContent())
          .toBe(`${n} of 3`);
        seen.push(await boxes());
      }
      expect(seen, JSON.stringify(viewport)).toEqual([first, first, first]);
      await shop.close();
    });
  }

  it("keeps the lightbox's buttons where they are from a short review to a long one", async () => {
    const long = Array.from(
      { length: 40 },
      (_, i) => `Week ${i + 1}: still soft, no pilling, the seams hold and the colour has not faded.`,
    ).join(" ");
    await addReviewWithPhotos(plaudit, [{ width: 640, height: 480 }], 11, "Short and sweet: it fits.");
    await addReviewWithPhotos(plaudit, [{ width: 640, height: 480 }], 12, long);
    const shop = await plaudit.open("/demo/gallery.html", { viewport: { width: 1280, height: 800 } });
    const grid = shop.page.locator('[data-plaudit="gallery"]:not([data-layout])');
    await grid.locator(".plaudit-gallery__tile").first().click({ timeout: WAIT_FOR_MS });
    const dialog = grid.getByRole("dialog");
    const at = async (text: string) => {
      await dialog.getByText(text).first().waitFor();
      await dialog.evaluate((d) => Promise.all(d.getAnimations().map((a) => a.finished)));
      const box = await dialog.getByRole("button", { name: "Next" }).boundingBox();
      return box && [Math.round(box.x), Math.round(box.y)];
    };
    const withLong = await at("Week 40");
    // Beside the photo, the long review scrolls in its column: Next is on screen, not below the fold.
    expect(withLong?.[1]).toBeLessThan(800 - 40);
    expect(await axeViolations(shop.page)).toEqual([]);
    await shop.page.keyboard.press("ArrowRight");
    expect(await at("Short and sweet: it fits.")).toEqual(withLong);
    await shop.close();
  });
});
