// The demo shop's special pages: a collection, an app view, a hostile theme and a strict CSP — each
// proves one promise of the loader (docs/embed.md). The unreachable API's page: painted.test.ts.
import { describe, expect, it } from "vitest";
import { harnessOfFile, type ShopPage } from "./harness.ts";
import { expectNoLayoutShift } from "./layout-shift.ts";
import { nextFrames, reachForReviews } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

/** Text inside each host's shadow root, in page order. */
const widgetTexts = (shop: ShopPage, kind: string) =>
  shop.page.evaluate(
    (k) =>
      [...document.querySelectorAll(`[data-plaudit="${k}"]`)].map((h) => h.shadowRoot?.textContent ?? ""),
    kind,
  );

describe("the collection page", () => {
  it("fills 24 star badges with one /badges request, and no badge code", async () => {
    // Tall enough that every card is near the viewport at once.
    const shop = await plaudit.open("/demo/collection.html", { viewport: { width: 1280, height: 4000 } });
    await expect
      .poll(async () => (await widgetTexts(shop, "stars")).filter((t) => /\d/.test(t)).length)
      .toBe(24);
    // Painted from the server's markup, all 24 from one batched request (it was one /summaries
    // request when each badge rendered itself; docs/widget-contract.md, "Painted first").
    expect(shop.requestsTo("/v1/stores/demo/badges")).toHaveLength(1);
    expect(shop.requestsTo("/v1/stores/demo/summaries")).toHaveLength(0);
    expect(shop.requestsTo("/v1/stores/demo/products/")).toHaveLength(0);
    // A badge is a link: its code never loads on a collection page, even when the shopper points
    // at one; and with no reviews host on the page, the reviews chunk is never fetched either.
    await shop.page.locator('[data-plaudit="stars"]').first().hover();
    // A frame and a task later: an import() the hover started would have been requested by then.
    await shop.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
    expect(shop.requestsTo("/chunks/stars-")).toHaveLength(0);
    expect(shop.requestsTo("/chunks/reviews-")).toHaveLength(0);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("loads badges far below the fold only when they near the viewport", async () => {
    const shop = await plaudit.open("/demo/collection.html", { viewport: { width: 1280, height: 600 } });
    await expect
      .poll(async () => (await widgetTexts(shop, "stars")).filter((t) => /\d/.test(t)).length)
      .toBeGreaterThan(0);
    const early = (await widgetTexts(shop, "stars")).filter((t) => t !== "").length;
    expect(early).toBeLessThan(24);
    // Scrolled like a shopper, a screen at a time: each row loads as it comes near (two frames at
    // each stop: the visibility observer has seen the page there before it moves on).
    for (let y = 0; y < 6_000; y += 500) {
      await shop.page.evaluate((top) => window.scrollTo(0, top), y);
      await nextFrames(shop.page);
    }
    await expect
      .poll(async () => (await widgetTexts(shop, "stars")).filter((t) => /\d/.test(t)).length)
      .toBe(24);
    await shop.close();
  });
});

describe("the collection page its server renders (docs/ssr.md, star badges with no script)", () => {
  it("shows 24 badges from the first HTML, and plaudit.js loads no chunk and asks for nothing, even when used", async () => {
    const shop = await plaudit.open("/demo/collection-rendered.html", {
      viewport: { width: 1280, height: 4000 },
    });
    const { page } = shop;
    await page.waitForLoadState("networkidle");
    // In the first HTML: every badge shows its numbers without a request.
    expect((await widgetTexts(shop, "stars")).filter((t) => /\(\d+\)/.test(t))).toHaveLength(24);
    // A badge is a link: pointed at, focused from the keyboard, nothing loads for it.
    const first = page.locator('[data-plaudit="stars"]').first();
    await first.hover();
    await first.locator("a").focus();
    await page.keyboard.press("Tab");
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
    expect(shop.requestsTo("/chunks/")).toEqual([]);
    expect(shop.requestsTo("/v1/")).toEqual([]);
    expect(
      await page.evaluate(() => typeof (window as { Plaudit?: { version?: string } }).Plaudit?.version),
    ).toBe("string");
    await expectNoLayoutShift(page);
    // Its label is what a screen reader reads; Enter takes the shopper to the product's reviews.
    const link = first.locator("a");
    expect(await link.getAttribute("aria-label")).toMatch(/^\d(\.\d)? out of 5 stars, \d+ reviews$/);
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/demo\/tee-classic\.html#reviews$/);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("the app view (SPA)", () => {
  it("mounts widgets for swapped-in products and unmounts the old ones, with no init calls", async () => {
    const shop = await plaudit.open("/demo/spa.html", {
      viewport: { width: 1280, height: 1600 },
      // Listens through the queue stub only; the page itself never calls Plaudit.
      initScript: `window.__events = [];
        Object.defineProperty(window, "__events", { enumerable: false });
        (window.Plaudit = window.Plaudit || []).push(["on", "widget:mounted", (d) => __events.push("+" + d.kind + ":" + d.element.dataset.productId)],
          ["on", "widget:unmounted", (d) => __events.push("-" + d.kind + ":" + d.element.dataset.productId)]);`,
    });
    const events = () => shop.page.evaluate(() => (window as unknown as { __events: string[] }).__events);
    await expect.poll(events).toEqual(expect.arrayContaining(["+stars:tee-classic", "+reviews:tee-classic"]));

    await shop.page.click('[data-spa-link="hoodie-zip"]');
    expect(new URL(shop.page.url()).search).toBe("?product=hoodie-zip");
    await expect
      .poll(events)
      .toEqual(
        expect.arrayContaining([
          "-stars:tee-classic",
          "-reviews:tee-classic",
          "+stars:hoodie-zip",
          "+reviews:hoodie-zip",
        ]),
      );
    await expect.poll(async () => (await widgetTexts(shop, "reviews")).join("")).toMatch(/\w/);
    expect(await shop.page.locator("[data-plaudit]").count()).toBe(2);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("a hostile theme", () => {
  /** Every element's box inside each widget, rounded: the widgets' own layout. */
  const widgetBoxes = (shop: ShopPage) =>
    shop.page.evaluate(() =>
      [...document.querySelectorAll("[data-plaudit]")].map((host) =>
        [...(host.shadowRoot?.querySelectorAll("*") ?? [])]
          .filter((el) => !(el instanceof HTMLStyleElement))
          .map((el) => {
            const r = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            return `${el.tagName} ${Math.round(r.width)}x${Math.round(r.height)} ${style.fontSize} ${style.fontFamily}`;
          }),
      ),
    );

  it("changes nothing in the widgets: sizes equal those without its stylesheet", async () => {
    // Tall, so both widgets are near the viewport however big hostile.css makes the text above.
    const viewport = { width: 1280, height: 6000 };
    const calm = await plaudit.open("/demo/hostile.html", { viewport, block: ["/demo/hostile.css"] });
    // Both widgets in, and at rest: the same boxes two frames apart (the badge came after the
    // reviews once, and its empty root was compared).
    await expect.poll(async () => (await widgetTexts(calm, "stars")).join("")).toMatch(/\d/);
    await expect.poll(async () => (await widgetTexts(calm, "reviews")).join("")).toMatch(/\w/);
    await expect
      .poll(async () => {
        const first = JSON.stringify(await widgetBoxes(calm));
        await nextFrames(calm.page);
        return first === JSON.stringify(await widgetBoxes(calm));
      })
      .toBe(true);
    const expected = await widgetBoxes(calm);
    await calm.close();

    const hostile = await plaudit.open("/demo/hostile.html", { viewport });
    await expect.poll(() => widgetBoxes(hostile)).toEqual(expected);
    expect(hostile.problems()).toEqual([]);
    await hostile.close();
  });
});

describe("a strict Content-Security-Policy", () => {
  it("runs the widgets with no violation reports", async () => {
    const shop = await plaudit.open("/demo/strict-csp.html");
    await expect.poll(async () => (await widgetTexts(shop, "reviews")).join("")).toMatch(/\w/);
    await expect.poll(async () => (await widgetTexts(shop, "stars")).join("")).toMatch(/\d/);
    // Painted first; then the widgets' own code, once the shopper reaches for the reviews.
    await reachForReviews(shop.page);
    expect(shop.requestsTo("/chunks/reviews-")).toHaveLength(1);
    expect(shop.cspViolations).toEqual([]);
    expect(shop.problems()).toEqual([]);
    // … and the page really is under that policy: no inline script or style allowed, and an
    // inline style the page tries afterwards is refused (so the widgets never needed one).
    const policy = await shop.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/style-src 'self'(;|$)/);
    const inlineApplied = await shop.page.evaluate(() => {
      const probe = document.createElement("style");
      probe.textContent = "body { outline: 3px solid rgb(255, 0, 0); }";
      document.head.append(probe);
      return getComputedStyle(document.body).outlineStyle !== "none";
    });
    expect(inlineApplied).toBe(false);
    await shop.close();
  });
});
