// WCAG 1.4.10 Reflow: at 320 CSS px wide (a phone, or 1280 px at 400% zoom) the demo shop's pages
// and the widgets on them scroll only up and down — in English and right to left, with the write
// dialog open too.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { harnessOfFile } from "./harness.ts";

const plaudit = harnessOfFile();
const NARROW = { width: 320, height: 256 };

/** How far the page scrolls sideways (0 when it reflows), and what sticks out. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll("*")) {
        if (el.shadowRoot) walk(el.shadowRoot);
        const box = el.getBoundingClientRect();
        if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5) && out.length < 5)
          out.push(`${el.tagName.toLowerCase()}.${el.classList[0] ?? ""}`);
      }
    };
    walk(document);
    return { overflow: document.documentElement.scrollWidth - width, out };
  });

describe("reflow at 320 CSS px", () => {
  for (const path of [
    "/demo/",
    "/demo/tee-classic.html",
    "/demo/tee-classic.he.html",
    "/demo/collection.html",
    "/demo/gallery.html",
    "/demo/loyalty.html",
  ]) {
    it(`${path} scrolls only vertically`, async () => {
      const shop = await plaudit.open(path, { viewport: NARROW });
      const scroll = await sideways(shop.page);
      expect(scroll.overflow, scroll.out.join(", ")).toBeLessThanOrEqual(0);
      await shop.close();
    });
  }

  it("keeps the write dialog within the screen, in Hebrew too", async () => {
    for (const [path, write] of [
      ["/demo/tee-classic.html", "Write a review"],
      ["/demo/tee-classic.he.html", "כתיבת ביקורת"],
    ] as const) {
      const shop = await plaudit.open(path, { viewport: NARROW });
      const widget = shop.page.locator('[data-plaudit="reviews"]');
      await widget.scrollIntoViewIfNeeded();
      await widget.getByRole("button", { name: write }).click();
      const dialog = widget.getByRole("dialog");
      await dialog.waitFor();
      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(NARROW.width);
      expect(await dialog.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      expect((await sideways(shop.page)).overflow).toBeLessThanOrEqual(0);
      await shop.close();
    }
  });
});
