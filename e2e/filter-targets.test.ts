// The reviews widget's filter checkboxes ("With photos or videos", "Verified buyers") are pointer
// targets of at least 24 × 24 CSS px themselves (WCAG 2.5.8), painted and once the code has come,
// in a row that keeps its height. Measured in Chromium.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { harnessOfFile } from "./harness.ts";
import { openWithReviews, reachForReviews, reviewsWidget } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

/** Each filter checkbox's box, its label's height, and whether its own centre is the checkbox. */
const checkboxes = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('[data-plaudit="reviews"]')!.shadowRoot!;
    return [...root.querySelectorAll<HTMLInputElement>('.plaudit-toolbar input[type="checkbox"]')].map(
      (input) => {
        const box = input.getBoundingClientRect();
        const hit = root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return {
          width: box.width,
          height: box.height,
          row: input.closest("label")!.getBoundingClientRect().height,
          hit: hit === input,
        };
      },
    );
  });

describe("the filter checkboxes", () => {
  it("are targets of at least 24 × 24 px, painted and live, and the row keeps its height", async () => {
    const shop = await openWithReviews(plaudit);
    const { page } = shop;
    const painted = await checkboxes(page);
    expect(painted).toHaveLength(2);
    for (const box of painted) {
      expect(box.width).toBeGreaterThanOrEqual(24);
      expect(box.height).toBeGreaterThanOrEqual(24);
      expect(box.row).toBe(24);
      expect(box.hit).toBe(true);
    }
    await reachForReviews(page);
    expect(await checkboxes(page)).toEqual(painted);
    // Pressed near its edge (inside the 24 px, outside the old 18 px box), it ticks.
    const media = reviewsWidget(page).getByRole("checkbox", { name: "With photos or videos" });
    const box = (await media.boundingBox())!;
    await page.mouse.click(box.x + 1, box.y + 1);
    await expect.poll(() => media.isChecked()).toBe(true);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
