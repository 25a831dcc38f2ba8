// The API down, slow, failing or talking nonsense: the shop's own script keeps working, nothing
// uncaught reaches the page, the widgets stay quiet (an error notice with "Try again", an empty
// badge), and they recover when the API answers again. The API is faked with Playwright's
// request routing in the browser (a boundary we do not own); everything else is real.
import type { Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { harnessOfFile, type ShopPage } from "./harness.ts";
import { reachForReviews } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

type Mode = "up" | "down" | "500" | "invalid-json" | "held";

const TALL = { width: 1280, height: 2400 };
// Unhandled rejections never reach Playwright's pageerror: log them where the test reads them.
const WATCH_REJECTIONS = `addEventListener("unhandledrejection", (e) => console.error("[e2e] unhandled rejection: " + (e.reason && e.reason.message || e.reason)));`;

/** The demo product page with every /v1 request answered the way `mode()` says at that moment. */
async function openWithApi(mode: () => Mode, held?: Promise<void>): Promise<ShopPage> {
  // A page without scripts first, so the routing is in place before the shop's page loads.
  const shop = await plaudit.open("/healthz", { viewport: TALL, initScript: WATCH_REJECTIONS });
  await shop.page.route(
    (url) => url.pathname.startsWith("/v1/"),
    async (route: Route) => {
      switch (mode()) {
        case "down":
          return route.abort("connectionrefused");
        case "500":
          return route.fulfill({
            status: 500,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "internal_error", message: "down for maintenance" } }),
          });
        case "invalid-json":
          return route.fulfill({
            status: 200,
            contentType: "application/json",
            body: '{"items": [ {"productId": ',
          });
        case "held":
          // Pending until the test lets the answers go: no clock decides what "slow" is.
          await held;
          return route.continue().catch(() => {});
        default:
          return route.continue();
      }
    },
  );
  await shop.page.goto(`${plaudit.baseUrl}/demo/tee-classic.html`);
  return shop;
}

const reviewsText = (shop: ShopPage) =>
  shop.page.evaluate(() => document.querySelector('[data-plaudit="reviews"]')?.shadowRoot?.textContent ?? "");
const badgeText = (shop: ShopPage) =>
  shop.page.evaluate(() => document.querySelector('[data-plaudit="stars"]')?.shadowRoot?.textContent ?? "");

async function addToCart(shop: ShopPage, expected: string) {
  await shop.page.click("form[data-add-to-cart] button");
  await expect.poll(() => shop.page.locator("[data-cart-count]").first().textContent()).toBe(expected);
}

/** Nothing uncaught, no unhandled rejection, no CSP report. Console errors Chromium logs for failed loads are fine. */
function expectNothingUncaught(shop: ShopPage) {
  expect(shop.pageErrors).toEqual([]);
  expect(shop.consoleErrors.filter((line) => line.includes("[e2e] unhandled rejection"))).toEqual([]);
  expect(shop.cspViolations).toEqual([]);
}

describe.each(["down", "500", "invalid-json"] as const)("the API %s", (failure) => {
  it("leaves the shop working, shows the quiet fallback, and recovers when the API is back", async () => {
    let mode: Mode = failure;
    const shop = await openWithApi(() => mode);
    await addToCart(shop, "1");
    // The list's quiet fallback: one line and a retry button, no stack, no spinner forever.
    await expect.poll(() => reviewsText(shop)).toContain("Reviews could not be loaded.");
    await expect
      .poll(() => shop.page.locator('[data-plaudit="reviews"] button', { hasText: "Try again" }).count())
      .toBe(1);
    // The badge shows no number it does not have.
    expect(await badgeText(shop)).not.toMatch(/\d/);
    await addToCart(shop, "2");
    expectNothingUncaught(shop);

    // The API returns: "Try again" brings the list, Plaudit.refresh() the badge.
    mode = "up";
    await shop.page.locator('[data-plaudit="reviews"] button', { hasText: "Try again" }).click();
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    await shop.page.evaluate(() => (window as unknown as { Plaudit: { refresh(): void } }).Plaudit.refresh());
    await expect.poll(() => badgeText(shop)).toMatch(/\d/);
    expectNothingUncaught(shop);
    await shop.close();
  });
});

describe("an API that has not answered yet", () => {
  it("leaves the shop's own script working while every answer is pending, then shows the widgets", async () => {
    let release = () => {};
    const held = new Promise<void>((done) => {
      release = done;
    });
    const shop = await openWithApi(() => "held", held);
    const asked = () => shop.requests.filter((r) => new URL(r.url()).pathname.startsWith("/v1/")).length;
    // The widgets have asked and are waiting (the paint chunk loaded, its requests held) …
    await expect.poll(asked).toBeGreaterThan(0);
    // … while the shop's script answers clicks at once, and no widget shows content it lacks.
    await addToCart(shop, "1");
    await addToCart(shop, "2");
    expect(await shop.page.locator('[data-plaudit="reviews"] article').count()).toBe(0);
    expect(await badgeText(shop)).not.toMatch(/\d/);
    release();
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    await expect.poll(() => badgeText(shop)).toMatch(/\d/);
    expect(await reviewsText(shop)).not.toContain("could not be loaded");
    expectNothingUncaught(shop);
    await shop.close();
  });
});

describe("timing marks for the merchant's monitoring", () => {
  it("marks loader start, each kind's first content, and its chunk once reached for, in that order", async () => {
    const shop = await plaudit.open("/demo/tee-classic.html", { viewport: TALL });
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    /** Each plaudit: mark's first time (getEntriesByName(name)[0], as a merchant's monitoring reads it). */
    const marks = () =>
      shop.page.evaluate(() => {
        const first: Record<string, number> = {};
        for (const m of performance.getEntriesByType("mark")) {
          if (m.name.startsWith("plaudit:")) first[m.name] ??= m.startTime;
        }
        return first;
      });
    const kinds = ["reviews", "stars"];
    // Painted from the server's markup: content shows with no widget code loaded (docs/operations.md).
    const painted = await marks();
    const at = (name: string) => painted[name] ?? Number.NaN;
    for (const kind of kinds) {
      expect(at(`plaudit:${kind}:content`)).toBeGreaterThan(at("plaudit:loader-start"));
      expect(painted[`plaudit:${kind}:chunk-loaded`]).toBeUndefined();
    }
    // The kinds' chunks arrive when the shopper reaches for a widget, after their content showed.
    await reachForReviews(shop.page);
    await expect
      .poll(async () => {
        const now = await marks();
        return kinds.filter((kind) => `plaudit:${kind}:chunk-loaded` in now);
      })
      .toEqual(kinds);
    const used = await marks();
    for (const kind of kinds) {
      expect(used[`plaudit:${kind}:chunk-loaded`]).toBeGreaterThan(used[`plaudit:${kind}:content`]!);
    }
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
