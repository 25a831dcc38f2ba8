// The gallery widget on the demo store's Customer photos page, the way shoppers without a mouse
// use it: a finger or Tab moving the carousel's row, the keyboard in the lightbox.
import { describe, expect, it } from "vitest";
import { adminApi } from "./admin-helpers.ts";
import { harnessOfFile } from "./harness.ts";

const plaudit = harnessOfFile();

describe("gallery widget", () => {
  it("loads the carousel's next page when the row is scrolled to its end without its buttons", async () => {
    const shop = await plaudit.open("/demo/gallery.html", { viewport: { width: 1280, height: 1000 } });
    const carousel = shop.page.locator('[data-plaudit="gallery"][data-layout="carousel"]');
    const tiles = carousel.locator(".plaudit-gallery__tile");
    await tiles.first().waitFor({ timeout: 10_000 });
    await carousel.getByRole("button", { name: "Pause slideshow" }).click();
    expect(await tiles.count()).toBe(10); // data-page-size="10"
    // A finger (or focus moving along the row) scrolls the track itself.
    await carousel
      .locator(".plaudit-carousel__track")
      .evaluate((track) => track.scrollTo({ left: track.scrollWidth, behavior: "instant" }));
    await expect.poll(() => tiles.count(), { timeout: 10_000 }).toBe(20);
    const names = await tiles
      .locator("img")
      .evaluateAll((imgs) => imgs.map((img) => img.getAttribute("src")));
    expect(new Set(names).size).toBe(names.length);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("says so in the lightbox when a moderator rejected the next photo while the shopper looks", async () => {
    const shop = await plaudit.open("/demo/gallery.html", { viewport: { width: 1280, height: 1000 } });
    const grid = shop.page.locator('[data-plaudit="gallery"]:not([data-layout])');
    const tiles = grid.locator(".plaudit-gallery__tile");
    await tiles.nth(1).waitFor({ timeout: 10_000 });
    const secondSrc = await tiles.nth(1).locator("img").getAttribute("src");
    const mediaId = secondSrc!.match(/\/media\/demo\/([^/]+)\//)![1]!;
    await tiles.first().press("Enter");
    const dialog = grid.getByRole("dialog");
    await dialog.locator("img.plaudit-lightbox__media").waitFor();
    const rejected = await adminApi(plaudit, "PATCH", `/v1/admin/media/${mediaId}`, { status: "rejected" });
    expect(rejected.status).toBe(200);
    await shop.page.keyboard.press("ArrowRight");
    await dialog.getByText("This photo or video could not be loaded.").waitFor({ timeout: 10_000 });
    expect(await dialog.locator(".plaudit-lightbox__media").count()).toBe(0);
    expect(await dialog.locator(".plaudit-lightbox__position").textContent()).toBe("2 of 12");
    await adminApi(plaudit, "PATCH", `/v1/admin/media/${mediaId}`, { status: "ready" });
    await shop.close();
  });

  it("keeps Previous and Next whole words in the lightbox on a 320 px phone", async () => {
    const shop = await plaudit.open("/demo/gallery.html", { viewport: { width: 320, height: 640 } });
    const grid = shop.page.locator('[data-plaudit="gallery"]:not([data-layout])');
    await grid.locator(".plaudit-gallery__tile").first().click({ timeout: 10_000 });
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
});
