// The gallery widget on the demo store's Customer photos page, the way shoppers without a mouse
// use it: a finger or Tab moving the carousel's row, the keyboard in the lightbox.
import { describe, expect, it } from "vitest";
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
});
