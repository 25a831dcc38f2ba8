// Text contrast (WCAG 1.4.3) of the shopper widgets with the default theme, `auto`, in a browser
// set to dark mode: the widgets with no background of their own (the star badge, the inline
// points) are drawn for the page they sit on — a light shop keeps them dark on light, a shop that
// has a dark mode (`color-scheme: light dark`) gets them light on its dark background.
import { signCustomerToken } from "@plaudit/server";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { WAIT_FOR_MS } from "../scripts/test-waits.mjs";
import { DEMO_SECRET, harnessOfFile } from "./harness.ts";
import { axeViolations, reachForReviews, TALL } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

const contrast = async (page: Page) =>
  (await axeViolations(page)).filter((violation) => violation.startsWith("color-contrast"));

/** The colour a widget host's text is drawn in, and the ratio to `background` (WCAG's formula). */
const ratioOn = (page: Page, selector: string, background: [number, number, number]) =>
  page.evaluate(
    ({ selector, background }) => {
      const host = document.querySelector(selector)!;
      const text = host.shadowRoot!.querySelector(".plaudit-root")!;
      const [r, g, b] = getComputedStyle(text).color.match(/\d+/g)!.map(Number) as [number, number, number];
      const luminance = (rgb: number[]) => {
        const [x, y, z] = rgb.map((c) => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        }) as [number, number, number];
        return 0.2126 * x + 0.7152 * y + 0.0722 * z;
      };
      const [hi, lo] = [luminance([r, g, b]), luminance(background)].sort((p, q) => q - p) as [
        number,
        number,
      ];
      return (hi + 0.05) / (lo + 0.05);
    },
    { selector, background },
  );

describe("contrast of the widgets in a dark-mode browser (theme auto)", () => {
  it("on the light demo product page: badge, reviews, write dialog", async () => {
    const shop = await plaudit.open("/demo/tee-classic.html", { viewport: TALL });
    const { page } = shop;
    await page.emulateMedia({ colorScheme: "dark" });
    await page.locator('[data-plaudit="stars"] a').waitFor({ timeout: WAIT_FOR_MS });
    await page.locator('[data-plaudit="reviews"] article').first().waitFor();
    expect(await contrast(page), "painted").toEqual([]);
    await reachForReviews(page);
    expect(await contrast(page), "live").toEqual([]);
    await page.locator('[data-plaudit="reviews"]').getByRole("button", { name: "Write a review" }).click();
    await page.getByRole("dialog").waitFor();
    expect(await contrast(page), "write dialog").toEqual([]);
    await shop.close();
  });

  it("on the light rewards page, signed in: the points in the header and by the price, the panel", async () => {
    const token = encodeURIComponent(signCustomerToken(DEMO_SECRET, "demo-shopper"));
    const shop = await plaudit.open(`/demo/loyalty.html?customer-token=${token}`, { viewport: TALL });
    const { page } = shop;
    await page.emulateMedia({ colorScheme: "dark" });
    await expect
      .poll(() => page.locator('[data-plaudit="points"] .plaudit-points').textContent())
      .toMatch(/\d/);
    await expect
      .poll(() => page.locator('[data-plaudit="points-for"] .plaudit-points').textContent())
      .toMatch(/\d/);
    expect(await contrast(page)).toEqual([]);
    await page.locator('[data-plaudit="loyalty"] .plaudit-launcher').click();
    await expect
      .poll(() => page.getByRole("dialog", { name: "Rewards" }).getByRole("progressbar").count())
      .toBe(1);
    expect(await contrast(page), "rewards panel").toEqual([]);
    await shop.close();
  });

  it("on a page with a dark mode of its own: the badge is drawn light on its dark background", async () => {
    const shop = await plaudit.open("/demo/tee-classic.html", { viewport: TALL });
    const { page } = shop;
    await page.emulateMedia({ colorScheme: "dark" });
    // The shop's own dark mode: it declares it, and paints its page dark.
    await page.addStyleTag({
      content: ":root{color-scheme:light dark} body,.site-header{background:#111;color:#eee}",
    });
    await page.locator('[data-plaudit="stars"] a').waitFor({ timeout: WAIT_FOR_MS });
    expect(await ratioOn(page, '[data-plaudit="stars"]', [17, 17, 17])).toBeGreaterThanOrEqual(4.5);
    await shop.close();
  });
});
