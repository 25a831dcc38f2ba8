// No layout shift on the demo pages beyond the product page (product-page.test.ts): the
// collection's 24 star badges, the gallery (grid and carousel), and the rewards page with a
// signed-in shopper's launcher. Each host reserves its space, so content arriving moves nothing.

import { signCustomerToken } from "@plaudit/server";
import { describe, expect, it } from "vitest";
import { DEMO_SECRET, harnessOfFile } from "./harness.ts";
import { expectNoLayoutShift } from "./layout-shift.ts";

const plaudit = harnessOfFile();

const TALL = { width: 1280, height: 2400 };

describe("layout shift on the demo pages (CLS = 0)", () => {
  it("the collection page, once all 24 badges show their numbers", async () => {
    const shop = await plaudit.open("/demo/collection.html", { viewport: TALL });
    const badges = shop.page.locator('[data-plaudit="stars"]');
    expect(await badges.count()).toBe(24);
    await expect
      .poll(() =>
        badges.evaluateAll((hosts) => hosts.filter((h) => /\d/.test(h.shadowRoot?.textContent ?? "")).length),
      )
      .toBe(24);
    await expectNoLayoutShift(shop.page);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  // A shopper's first screen (1280 × 720): CLS counts what moves in view. On a tall one
  // (1280 × 2400) both galleries and the footer below them are in view: the space reserved for
  // each gallery must hold its loaded height, or the footer moves.
  for (const [name, viewport] of [
    ["1280 × 720", undefined],
    ["1280 × 2400, footer in view", TALL],
  ] as const) {
    it(`the gallery page, once the carousel shows photos (${name})`, async () => {
      const shop = await plaudit.open("/demo/gallery.html", viewport ? { viewport } : {});
      for (const selector of [
        '[data-plaudit="gallery"]:not([data-layout])',
        '[data-plaudit="gallery"][data-layout="carousel"]',
      ]) {
        await expect.poll(() => shop.page.locator(selector).locator("img").count()).toBeGreaterThan(0);
      }
      if (viewport) {
        const footer = await shop.page.locator(".site-footer").boundingBox();
        expect(footer && footer.y + footer.height, "the footer's bottom").toBeLessThanOrEqual(
          viewport.height,
        );
      }
      await expectNoLayoutShift(shop.page);
      expect(shop.problems()).toEqual([]);
      await shop.close();
    });
  }

  it("the rewards page, once a signed-in shopper's launcher shows the balance", async () => {
    const token = signCustomerToken(DEMO_SECRET, "demo-cls-shopper");
    const shop = await plaudit.open(`/demo/loyalty.html?customer-token=${encodeURIComponent(token)}`);
    const launcher = shop.page.locator('[data-plaudit="loyalty"] .plaudit-launcher');
    await expect.poll(() => launcher.count()).toBeGreaterThan(0);
    await expect.poll(async () => (await launcher.first().textContent()) ?? "").toMatch(/\d/);
    await expectNoLayoutShift(shop.page);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
