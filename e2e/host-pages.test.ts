// Storefront pages unlike our demo's, each the way some real store's page is: a <base href>
// elsewhere, a language we have no catalog for, a page that already has something called Plaudit.
// The page is the test's own HTML, served from the real server's origin (Playwright answers its
// URL); plaudit.js, the API and the widgets are the real ones.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { harnessOfFile, type ShopPage } from "./harness.ts";
import { reachForReviews } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

const PATH = "/shop/products/classic-tee";

/** A product page (its head, its <html> attributes as the test says; no favicon to 404): the badge, then the reviews. */
function productPage({ head = "", html = 'lang="en"', body = "" } = {}): string {
  return `<!doctype html><html ${html}><head><meta charset="utf-8">${head}<title>Tee</title><link rel="icon" href="data:,"></head><body>
<h1>Classic Tee</h1>
<div data-plaudit="stars" data-product-id="tee-classic"></div>
<p>Soft cotton.</p>
<div id="reviews" data-plaudit="reviews" data-product-id="tee-classic"></div>
${body}
<script src="/plaudit.js" data-store="demo" async></script>
</body></html>`;
}

/** Opens `html` at PATH on the server's origin (from a blank page: no favicon request to 404 first). */
async function openPage(html: string): Promise<ShopPage> {
  const shop = await plaudit.open("about:blank");
  await shop.page.route(
    (url) => url.pathname === PATH,
    (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await shop.page.goto(`${plaudit.baseUrl}${PATH}`);
  return shop;
}

/** The widget's root element (the first element in the host's shadow root that says its lang). */
const rootOf = (page: Page, kind: string) =>
  page.evaluate((k) => {
    const root = document.querySelector(`[data-plaudit="${k}"]`)?.shadowRoot?.querySelector("[lang]");
    return root && { lang: root.getAttribute("lang"), dir: root.getAttribute("dir"), text: root.textContent };
  }, kind);

const badgeShows = (page: Page) =>
  expect
    .poll(() =>
      page.evaluate(() => document.querySelector('[data-plaudit="stars"]')?.shadowRoot?.textContent),
    )
    .toMatch(/\d/);

describe("a page with <base href>", () => {
  it('keeps the badge\'s link on the product page (<base href="/">: an Angular storefront)', async () => {
    const shop = await openPage(productPage({ head: '<base href="/">' }));
    await badgeShows(shop.page);
    // A mark on this document: gone if the click loads another page.
    await shop.page.evaluate(() => Object.assign(window, { samePage: true }));
    await shop.page.locator('[data-plaudit="stars"] a').click();
    await expect.poll(() => shop.page.url()).toBe(`${plaudit.baseUrl}${PATH}#reviews`);
    expect(await shop.page.evaluate(() => (window as { samePage?: boolean }).samePage)).toBe(true);
    // Once the widgets' code has come, the badge's code renders the link: the same one.
    await reachForReviews(shop.page);
    await expect
      .poll(() =>
        shop.page.evaluate(
          () => document.querySelector('[data-plaudit="stars"]')?.shadowRoot?.querySelector("a")?.href,
        ),
      )
      .toBe(`${plaudit.baseUrl}${PATH}#reviews`);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("a page in a language the widgets have no messages for", () => {
  it('marks the English widgets lang="en", left to right, on an Arabic right-to-left page', async () => {
    const shop = await openPage(productPage({ html: 'lang="ar" dir="rtl"' }));
    await badgeShows(shop.page);
    await expect.poll(() => rootOf(shop.page, "reviews")).toMatchObject({ lang: "en", dir: "ltr" });
    expect(await rootOf(shop.page, "reviews")).toMatchObject({
      text: expect.stringContaining("Customer reviews"),
    });
    expect(await rootOf(shop.page, "stars")).toMatchObject({ lang: "en", dir: "ltr" });
    // And so they stay once their code has hydrated them.
    await reachForReviews(shop.page);
    expect(await rootOf(shop.page, "reviews")).toMatchObject({ lang: "en", dir: "ltr" });
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("a page where something is already called Plaudit", () => {
  it('shows the widgets on a page with an element id="Plaudit" (the browser names it window.Plaudit)', async () => {
    const shop = await openPage(productPage({ body: '<div id="Plaudit">Our reviews</div>' }));
    await badgeShows(shop.page);
    expect(
      await shop.page.evaluate(() => typeof (window as { Plaudit?: { mount?: unknown } }).Plaudit?.mount),
    ).toBe("function");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
