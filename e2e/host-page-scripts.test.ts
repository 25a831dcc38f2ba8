// Storefront pages whose own scripts change what every script on the page shares, the way real
// themes do: an Angular storefront's zone.js replaces window.Promise, a Magento 1 or old Joomla
// theme brings Prototype.js- or MooTools-era extensions of the built-in prototypes. Each page is
// the test's own HTML on the server's origin (its globals changed before plaudit.js runs); what
// is checked is what a shopper sees and does, and that nothing of ours is uncaught.
import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { harnessOfFile, type ShopPage, SIDE_BY_SIDE } from "./harness.ts";
import { reachForReviews } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

/** A product page of `product` with the page's own script in its head, before plaudit.js. */
function productPage({ product, head = "", lang = "en" }: { product: string; head?: string; lang?: string }) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${head}<title>Product</title><link rel="icon" href="data:,"></head><body>
<h1>${product}</h1>
<div data-plaudit="stars" data-product-id="${product}"></div>
<div id="reviews" data-plaudit="reviews" data-product-id="${product}" data-product-name="${product}"></div>
<div data-plaudit="loyalty" data-launcher="inline"></div>
<script src="/plaudit.js" data-store="demo" async></script>
</body></html>`;
}

/** Opens `html` at `path` on the server's origin, tall enough that every widget is in view. */
async function openPage(path: string, html: string): Promise<ShopPage> {
  const shop = await plaudit.open("about:blank", { viewport: { width: 1280, height: 2400 } });
  await shop.page.route(
    (url) => url.pathname === path,
    (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await shop.page.goto(`${plaudit.baseUrl}${path}`);
  return shop;
}

const shadowText = (page: Page, kind: string) =>
  page.evaluate((k) => document.querySelector(`[data-plaudit="${k}"]`)?.shadowRoot?.textContent ?? "", kind);

/**
 * What zone.js does on an Angular page: window.Promise becomes a class of its own (not derived from
 * the browser's), so a promise made by import() or an async function is no `instanceof Promise`.
 */
const ZONE_PROMISE = `<script>(function () {
  var Native = window.Promise;
  function ZoneAwarePromise(executor) { this.p = executor instanceof Native ? executor : new Native(executor); }
  ZoneAwarePromise.prototype.then = function (a, b) { return new ZoneAwarePromise(this.p.then(a, b)); };
  ZoneAwarePromise.prototype.catch = function (b) { return new ZoneAwarePromise(this.p.catch(b)); };
  ZoneAwarePromise.prototype.finally = function (f) { return new ZoneAwarePromise(this.p.finally(f)); };
  ["resolve", "reject", "all", "race", "allSettled", "any"].forEach(function (name) {
    ZoneAwarePromise[name] = function (x) { return new ZoneAwarePromise(Native[name](x)); };
  });
  window.Promise = ZoneAwarePromise;
})();</script>`;

describe.concurrent(
  "a page whose script replaced window.Promise (zone.js on an Angular storefront)",
  SIDE_BY_SIDE,
  () => {
    it("keeps a German page's widgets in German once their code runs", async ({ expect }) => {
      const shop = await openPage(
        "/de/produkte/hoodie",
        productPage({ product: "hoodie-zip", head: ZONE_PROMISE, lang: "de" }),
      );
      const { page } = shop;
      // Painted by the server in German …
      await expect.poll(() => shadowText(page, "reviews")).toContain("Kundenbewertungen");
      // … and so it stays once the shopper reaches for it and the widget's own code renders it.
      await reachForReviews(page);
      await expect
        .poll(() =>
          page.locator('[data-plaudit="reviews"] button.plaudit-button--primary').first().textContent(),
        )
        .toBe("Bewertung schreiben");
      expect(await shadowText(page, "reviews")).not.toContain("Customer reviews");
      await expect
        .poll(() => page.locator('[data-plaudit="loyalty"] button').first().textContent())
        .toContain("Prämien");
      expect(shop.problems()).toEqual([]);
      await shop.close();
    });
  },
);
