// Checks axe-core cannot make: walking the shopper widgets with Tab, every stop inside a widget
// shows where focus is (WCAG 2.4.7), in the light and dark themes and in forced colors — the
// painted markup (no widget code yet) and the live widgets alike.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { WAIT_FOR_MS } from "../scripts/test-waits.mjs";
import { harnessOfFile } from "./harness.ts";
import { reachForReviews, TALL } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

interface Stop {
  where: string;
  outline: string;
}

/**
 * Tabs through the page `presses` times; for each stop inside a widget's shadow root, what it is
 * and its focus outline ("solid 2px …"), or "none" when nothing marks it.
 */
async function tabStops(page: Page, presses: number): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el || !(el.getRootNode() instanceof ShadowRoot)) return null;
      const style = getComputedStyle(el);
      const width = Number.parseFloat(style.outlineWidth);
      const marked = style.outlineStyle !== "none" && width >= 2;
      const host = (el.getRootNode() as ShadowRoot).host.getAttribute("data-plaudit");
      const name = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 30);
      return {
        where: `${host}: ${el.tagName.toLowerCase()}.${el.classList[0] ?? ""} "${name}"`,
        outline: marked ? `${style.outlineStyle} ${style.outlineWidth}` : "none",
      };
    });
    if (stop) stops.push(stop);
  }
  return stops;
}

const unmarked = (stops: Stop[]) => stops.filter((stop) => stop.outline === "none").map((stop) => stop.where);

describe("a visible focus on every stop in the widgets", () => {
  for (const [label, options] of [
    ["light", {}],
    ["dark", { colorScheme: "dark" as const }],
    ["forced colors", { forcedColors: "active" as const }],
  ] as const) {
    it(`on the product page, badge and reviews, painted and live (${label})`, async () => {
      const shop = await plaudit.open("/demo/tee-classic.html", { viewport: TALL });
      const { page } = shop;
      await page.emulateMedia(options);
      await page.locator('[data-plaudit="reviews"] article').first().waitFor({ timeout: WAIT_FOR_MS });
      await page.locator('[data-plaudit="stars"] a').waitFor();
      // Painted (the server's markup, the loader's sheet): the badge is the first stop in a widget.
      const painted = await tabStops(page, 12);
      expect(painted.map((stop) => stop.where)).toContainEqual(expect.stringMatching(/^stars: a\./));
      expect(unmarked(painted)).toEqual([]);

      await reachForReviews(page);
      await page.locator("a.logo").focus(); // the walk starts again at the top
      const live = await tabStops(page, 30);
      expect(live.length).toBeGreaterThan(10);
      expect(live.map((stop) => stop.where)).toContainEqual(expect.stringMatching(/^stars: a\./));
      expect(unmarked(live)).toEqual([]);
      expect(shop.problems()).toEqual([]);
      await shop.close();
    });
  }

  it("on the collection page's badges", async () => {
    const shop = await plaudit.open("/demo/collection.html", { viewport: TALL });
    const { page } = shop;
    await page.locator('[data-plaudit="stars"] a').first().waitFor({ timeout: WAIT_FOR_MS });
    const stops = await tabStops(page, 40);
    expect(stops.filter((stop) => stop.where.startsWith("stars: a.")).length).toBeGreaterThan(3);
    expect(unmarked(stops)).toEqual([]);
    await shop.close();
  });
});
