// Each language's words in a chunk of its own (core's load-catalog.ts, docs/embed.md "Languages"):
// an English product page in use never asks for German or Hebrew; the German and Hebrew pages ask
// for theirs once and come alive in their language, with no English shown in between.

import { describe, expect, it } from "vitest";
import { WAIT_FOR_MS } from "../scripts/test-waits.mjs";
import type { ShopPage } from "./harness.ts";
import { harnessOfFile } from "./harness.ts";
import { openWithReviews, PRODUCT_PAGE, reachForReviews, reviewsWidget } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

/**
 * The language chunks the page asked for: the reviews' `de-…`/`he-…`, the media's, the write
 * dialog's (`messages-de-…`) and its uploads' (`upload-messages-de-…`).
 */
const languageChunks = (shop: ShopPage) =>
  shop.requests
    .map((request) => new URL(request.url()).pathname)
    .filter((path) => /\/chunks\/(?:[a-z-]*messages-)?(?:de|he)-[^/]+\.js$/.test(path));

// Every text the reviews widget's shadow root showed, from the first paint on (watched from a
// script that runs before the page's own).
const WATCH_TEXTS = `
  window.__shown = [];
  const watch = () => {
    const root = document.querySelector('[data-plaudit="reviews"]')?.shadowRoot;
    if (!root) return requestAnimationFrame(watch);
    const note = () => window.__shown.push(root.textContent);
    note();
    new MutationObserver(note).observe(root, { childList: true, subtree: true, characterData: true });
  };
  requestAnimationFrame(watch);
`;

describe("the widgets' words, one language at a time", () => {
  it("asks for no German or Hebrew on an English product page, with the reviews in use and the write dialog's uploads", async () => {
    const shop = await openWithReviews(plaudit, PRODUCT_PAGE);
    await reachForReviews(shop.page);
    // The write dialog, and its upload code (warmed by the focus on the media field).
    await reviewsWidget(shop.page).getByRole("button", { name: "Write a review" }).click();
    await reviewsWidget(shop.page).getByRole("button", { name: "Add photos or videos" }).focus();
    await shop.page.waitForLoadState("networkidle");
    expect(
      shop.requests.filter((request) => /\/chunks\/review-uploads-[^/]+\.js$/.test(request.url())),
    ).toHaveLength(1);
    expect(languageChunks(shop)).toEqual([]);
    // Not inside the chunks it did load either: no Hebrew letter in any of its scripts.
    const scripts = shop.requests.filter((request) => request.resourceType() === "script");
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) {
      expect(await (await script.response())?.text(), script.url()).not.toMatch(/[\u0590-\u05FF]/);
    }
    expect(await reviewsWidget(shop.page).locator("h2").first().textContent()).toBe("Customer reviews");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it.each([
    ["/demo/tee-classic.de.html", "de", "Kundenbewertungen", "Bewertung schreiben"],
    ["/demo/tee-classic.he.html", "he", "ביקורות לקוחות", "כתיבת ביקורת"],
  ])(
    "comes alive in its language on %s, its words asked for once, no English in between",
    async (path, lang, title, write) => {
      const shop = await plaudit.open(path, {
        viewport: { width: 1280, height: 2400 },
        initScript: WATCH_TEXTS,
      });
      const { page } = shop;
      await page.locator('[data-plaudit="reviews"] article').first().waitFor({ timeout: WAIT_FOR_MS });
      await reachForReviews(page);
      await page.waitForLoadState("networkidle");
      expect(languageChunks(shop)).toEqual([
        expect.stringMatching(new RegExp(`/chunks/${lang}-[^/]+\\.js$`)),
      ]);
      // Alive: the write dialog opens, in the page's language (its words a chunk of their own).
      await reviewsWidget(page).getByRole("button", { name: write }).click();
      await expect.poll(() => page.locator("dialog[open]").count()).toBeGreaterThan(0);
      expect(languageChunks(shop)).toEqual([
        expect.stringMatching(new RegExp(`/chunks/${lang}-[^/]+\\.js$`)),
        expect.stringMatching(new RegExp(`/chunks/messages-${lang}-[^/]+\\.js$`)),
      ]);
      expect(await reviewsWidget(page).locator("h2").first().textContent()).toBe(title);
      const shown = await page.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
      expect(shown.length).toBeGreaterThan(0);
      for (const text of shown) expect(text).not.toMatch(/Customer reviews|Write a review|Was this helpful/);
      expect(shop.problems()).toEqual([]);
      await shop.close();
    },
  );
});
