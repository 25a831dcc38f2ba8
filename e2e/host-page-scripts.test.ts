// Storefront pages whose own scripts change what every script on the page shares, the way real
// themes do: an Angular storefront's zone.js replaces window.Promise, a Magento 1 or old Joomla
// theme brings Prototype.js- or MooTools-era extensions of the built-in prototypes. Each page is
// the test's own HTML on the server's origin (its globals changed before plaudit.js runs); what
// is checked is what a shopper sees and does, and that nothing of ours is uncaught.
import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { harnessOfFile, type ShopPage, SIDE_BY_SIDE } from "./harness.ts";
import { reviewsWidget, widgetCodeMounted } from "./reviews-widget-helpers.ts";

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
      // The shopper reaches for the reviews: their code comes (the context's expect: side by side).
      await reviewsWidget(page).hover();
      await expect.poll(() => widgetCodeMounted(page)).toBe(true);
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

/**
 * What Prototype.js 1.7 (Magento 1) leaves in the page's globals, in our own words: Array.from that
 * copies by length and ignores its map function, enumerable Array and String extensions, an
 * Array#toJSON that returns a string, its own Function#bind, and Element methods on HTMLElement's
 * prototype (scrollTo scrolls the window to the element, remove returns it). Plus a plugin's
 * enumerable Object.prototype property.
 */
const PROTOTYPE_ERA = `<script>
Array.from = function (it) { if (!it) return []; if ("toArray" in Object(it)) return it.toArray();
  var n = it.length || 0, r = new Array(n); while (n--) r[n] = it[n]; return r; };
String.prototype.toArray = function () { return this.split(""); };
["each", "collect", "detect", "include", "inject", "first", "last", "compact", "flatten", "without", "uniq", "clone", "size", "inspect", "clear", "pluck", "invoke"]
  .forEach(function (k) { Array.prototype[k] = function () { return this; }; });
Array.prototype.toJSON = function () { var r = []; for (var i = 0; i < this.length; i++) r.push(JSON.stringify(this[i])); return "[" + r.join(", ") + "]"; };
Function.prototype.bind = function (ctx) { var f = this, a = [].slice.call(arguments, 1);
  return function () { return f.apply(ctx, a.concat([].slice.call(arguments))); }; };
["show", "hide", "update", "insert", "wrap", "up", "down", "next", "previous", "fire", "observe", "toggle", "empty", "identify", "readAttribute", "writeAttribute", "addClassName", "removeClassName", "setStyle", "getStyle"]
  .forEach(function (k) { HTMLElement.prototype[k] = function () { return this; }; });
HTMLElement.prototype.remove = function () { if (this.parentNode) this.parentNode.removeChild(this); return this; };
HTMLElement.prototype.scrollTo = function () { window.scrollTo(0, this.offsetTop); return this; };
String.prototype.startsWith = function (p) { return this.lastIndexOf(p, 0) === 0; };
Object.prototype.extend = function () { return this; };
document.addEventListener("click", function () { window.shopClicks = (window.shopClicks || 0) + 1; });
</script>`;

/** MooTools 1.2–1.4 (old Joomla themes), likewise: its Array.from, a bind(that, args) and Element methods. */
const MOOTOOLS_ERA = `<script>
Array.from = function (item) { if (item == null) return [];
  return typeof item.length == "number" && typeof item != "string" && typeof item != "function" ? (Array.isArray(item) ? item : [].slice.call(item)) : [item]; };
Function.prototype.bind = function (that, args) { var f = this;
  return function () { return f.apply(that, args != null ? (Array.isArray(args) ? args : [args]) : arguments); }; };
["contains", "include", "getLast", "erase", "combine", "append", "clean", "associate", "link", "extend", "each", "invoke", "pick"]
  .forEach(function (k) { Array.prototype[k] = function () { return this; }; });
String.prototype.contains = function (s) { return this.indexOf(s) > -1; };
["set", "get", "erase", "inject", "grab", "adopt", "dispose", "destroy", "empty", "getElement", "getElements", "getParent", "addEvent", "removeEvent", "fireEvent", "addClass", "removeClass", "hasClass", "setStyle", "getStyle", "store", "retrieve", "fade", "tween"]
  .forEach(function (k) { HTMLElement.prototype[k] = function () { return this; }; });
document.addEventListener("click", function () { window.shopClicks = (window.shopClicks || 0) + 1; });
</script>`;

describe.concurrent("a page whose old library extended the built-in prototypes", SIDE_BY_SIDE, () => {
  for (const [name, product, head] of [
    ["Prototype.js 1.7 (Magento 1)", "socks-merino", PROTOTYPE_ERA],
    ["MooTools (an old Joomla theme)", "scarf-wool", MOOTOOLS_ERA],
  ] as const) {
    it(`${name}: the shopper reads, writes a review and votes; the JSON-LD and the shop's own script stay right`, async ({
      expect,
    }) => {
      const shop = await openPage(`/old/${product}`, productPage({ product, head }));
      const { page } = shop;
      await expect.poll(() => shadowText(page, "stars")).toMatch(/\(\d+\)/);
      // The shopper reaches for the reviews: their code comes (the context's expect: side by side).
      await reviewsWidget(page).hover();
      await expect.poll(() => widgetCodeMounted(page)).toBe(true);
      const reviews = page.locator('[data-plaudit="reviews"]');
      await reviews.getByRole("button", { name: "Write a review" }).click();
      const dialog = reviews.getByRole("dialog");
      await dialog.getByRole("radio", { name: "4 stars" }).click();
      await dialog
        .getByLabel("Your review")
        .fill("Warm, soft, and it kept its shape after a winter of wear.");
      await dialog.getByLabel("Your name").fill("Old Theme Olga");
      await dialog.getByLabel("Email").fill("olga@example.com");
      await dialog.getByRole("button", { name: "Submit review" }).click();
      await expect
        .poll(() => dialog.getByRole("status").textContent())
        .toMatch(/^Thank you! Your review (has been published|is awaiting moderation)/);
      await page.keyboard.press("Escape");

      // A card named by its id (the second: still listed however the new review comes in above it).
      const cardId = await reviews.locator("article").nth(1).getAttribute("id");
      const helpful = reviews.locator(`[id="${cardId}"]`).getByRole("button", { name: /^Yes, helpful/ });
      await helpful.click();
      await expect.poll(() => helpful.getAttribute("aria-pressed")).toBe("true");
      await expect.poll(() => shop.requests.filter((r) => r.url().endsWith("/votes")).length).toBe(1);
      // Structured data with its lists as lists, whatever Array#toJSON says.
      await expect
        .poll(() =>
          page.evaluate(() => {
            const data = JSON.parse(
              document.querySelector('script[type="application/ld+json"]')?.textContent ?? "{}",
            );
            return Array.isArray(data.review) && data.review.length > 0;
          }),
        )
        .toBe(true);
      expect(await page.evaluate(() => (window as { shopClicks?: number }).shopClicks)).toBeGreaterThan(0);
      expect(shop.problems()).toEqual([]);
      await shop.close();
    });
  }
});
