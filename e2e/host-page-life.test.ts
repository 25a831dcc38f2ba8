// What storefront pages do to widgets after they are on the page: a theme's dark-mode switch or
// language picker that rewrites a host's data-theme or data-locale, a Shopify section re-rendered
// (its HTML replaced by the same markup), a Turbo/Hotwire visit that replaces <body> while a
// dialog is open, a card cloned from a <template>, reviews in a closed <details> opened later, the
// same product's widget twice. Each page is the test's own HTML on the server's origin; what is
// checked is what the shopper sees and can do, and that nothing of ours is uncaught.
import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { harnessOfFile, type ShopPage, SIDE_BY_SIDE } from "./harness.ts";

const plaudit = harnessOfFile();

const RESERVE = `<style>[data-plaudit="stars"]{display:block;min-height:20px}[data-plaudit="reviews"]{display:block;min-height:640px}</style>`;

/** Opens a page of `body` at `path` on the server's origin, tall enough that every widget is in view. */
async function openPage(path: string, body: string): Promise<ShopPage> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${RESERVE}<title>Shop</title><link rel="icon" href="data:,"></head>
<body>${body}<script src="/plaudit.js" data-store="demo" async></script></body></html>`;
  const shop = await plaudit.open("about:blank", { viewport: { width: 1280, height: 2400 } });
  await shop.page.route(
    (url) => url.pathname === path,
    (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await shop.page.goto(`${plaudit.baseUrl}${path}`);
  return shop;
}

/** Per host in page order: its kind and what its shadow root shows (empty: nothing yet). */
const shown = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("[data-plaudit]")].map(
      (host) => `${host.dataset.plaudit}: ${(host.shadowRoot?.textContent ?? "").slice(0, 24)}`,
    ),
  );

/** The background and text colour of each widget's root, in page order. */
const colours = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("[data-plaudit]")].map((host) => {
      const root = host.shadowRoot?.querySelector(".plaudit-root");
      const style = root && getComputedStyle(root);
      return style ? `${style.backgroundColor} ${style.color}` : "";
    }),
  );

describe.concurrent("a storefront page changing after the widgets came", SIDE_BY_SIDE, () => {
  it("follows a dark-mode switch and a language picker that rewrite the hosts' data-theme and data-locale", async ({
    expect,
  }) => {
    const theme = (value: string) => `data-theme="${value}"`;
    const hosts = (value: string) =>
      `<div data-plaudit="stars" data-product-id="jeans-slim" ${theme(value)}></div>
<div data-plaudit="reviews" data-product-id="jeans-slim" data-product-name="Slim Jeans" ${theme(value)}></div>`;
    // The same hosts in each theme from the start: what the switched ones must look like.
    const light = await openPage("/light/jeans", hosts("light"));
    await expect.poll(() => shown(light.page)).toEqual(["stars: (36)", "reviews: Customer reviewsWrite a "]);
    const lightColours = await colours(light.page);
    await light.close();

    const shop = await openPage("/dark/jeans", hosts("dark"));
    const { page } = shop;
    await expect.poll(() => shown(page)).toEqual(["stars: (36)", "reviews: Customer reviewsWrite a "]);
    const darkColours = await colours(page);
    expect(darkColours).not.toEqual(lightColours);
    // The widgets' code came (the shopper reached for them), then the shop's switch.
    await page.locator('[data-plaudit="reviews"]').hover();
    await page.evaluate(() => {
      for (const host of document.querySelectorAll("[data-plaudit]"))
        host.setAttribute("data-theme", "light");
    });
    await expect.poll(() => colours(page)).toEqual(lightColours);
    await page.evaluate(() => {
      for (const host of document.querySelectorAll("[data-plaudit]")) host.setAttribute("data-locale", "de");
    });
    await expect.poll(() => shown(page)).toEqual(["stars: (36)", "reviews: KundenbewertungenBewertu"]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
