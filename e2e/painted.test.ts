// The loader's first paint (issue #20, docs/widget-contract.md "Painted first"): the reviews widget
// and the star badges shown from the server's markup with none of their code, that code loaded on
// the shopper's first reach for a widget and hydrating the painted markup in place, and what the
// shopper did before it arrived done once it has. Real server, real Chromium; to make "before the
// code is there" certain rather than a race, some tests hold the reviews chunk's response until
// they let it go (Playwright's request routing: only the timing changes, not the answer).
import type { JSHandle, Page } from "playwright-core";
import { describe, type ExpectStatic, expect, it } from "vitest";
import { harnessOfFile, type ShopPage, SIDE_BY_SIDE } from "./harness.ts";
import { layoutShift } from "./layout-shift.ts";
import { apiGet, shownReviews, widgetCodeMounted } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

const PRODUCT_PAGE = "/demo/tee-classic.html";
const V1 = "/v1/stores/demo";
const SNIPPET = `${V1}/products/tee-classic/snippet`;
const BADGES = `${V1}/badges`;
const REVIEWS = `${V1}/products/tee-classic/reviews`;
/** The widgets' own code: their entry chunks and what only they import (the paint needs none). */
const WIDGET_CODE = /^\/chunks\/(reviews|stars|core|preact)[-~]/;

const pathOf = (url: string) => new URL(url).pathname;
/** Paths (and queries) of every API request the page made, in order. */
const apiRequests = (shop: ShopPage) =>
  shop.requestsTo("/v1/").map((request) => {
    const url = new URL(request.url());
    return `${url.pathname}${url.search}`;
  });
const widgetCode = (shop: ShopPage) =>
  shop.requests.map((request) => pathOf(request.url())).filter((path) => WIDGET_CODE.test(path));

const reviewsHost = (page: Page) => page.locator('[data-plaudit="reviews"]');
/** Cards in the reviews widget's shadow root. */
const cardCount = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector('[data-plaudit="reviews"]')?.shadowRoot?.querySelectorAll("article").length ?? 0,
  );

/** The review list's aria-busy ("true" while another sort or filter loads, the old cards shown). */
const listBusy = (page: Page) =>
  page.evaluate(
    () =>
      document
        .querySelector('[data-plaudit="reviews"]')
        ?.shadowRoot?.querySelector(".plaudit-list")
        ?.getAttribute("aria-busy") ?? null,
  );

/** Holds the reviews widget's chunk until the answer is let go (or the page closes). */
async function holdReviewsCode(shop: ShopPage): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((done) => {
    release = done;
  });
  await shop.page.route(
    (url) => url.pathname.startsWith("/chunks/reviews-"),
    async (route) => {
      await held;
      await route.continue().catch(() => {});
    },
  );
  return release;
}

/**
 * The painted sheets (the server's CSS, a sheet per part, adopted). Waited for: the page can be
 * loaded, and the reviews painted, before a badge's own request has answered (a busy machine).
 */
function paintedSheets(page: Page, kind = "reviews"): Promise<JSHandle<CSSStyleSheet[]>> {
  return page.waitForFunction((kind) => {
    const sheets = document.querySelector(`[data-plaudit="${kind}"]`)?.shadowRoot?.adoptedStyleSheets;
    return sheets?.length ? [...sheets] : undefined;
  }, kind) as Promise<JSHandle<CSSStyleSheet[]>>;
}
/**
 * What the code adopted when it mounted over the painted markup: the painted sheets themselves (the
 * same texts' sheets, parsed once), in the same order, none dropped and none added.
 */
const sheetsAfterCode = (page: Page, painted: JSHandle<CSSStyleSheet[]>, kind = "reviews") =>
  page.evaluate(
    ([painted, kind]) => {
      const root = document.querySelector(`[data-plaudit="${kind}"]`)!.shadowRoot! as ShadowRoot &
        Record<symbol, CSSStyleSheet[] | undefined>;
      const adopted = [...root.adoptedStyleSheets];
      const code = root[Symbol.for("plaudit.sheets")] ?? [];
      return {
        painted: painted.length,
        same: adopted.length === painted.length && adopted.every((sheet, i) => sheet === painted[i]),
        codeAdoptedThem: painted.every((sheet) => code.includes(sheet)),
      };
    },
    [painted, kind] as const,
  );

/**
 * Opens a page and waits for the reviews widget's painted cards (with the test's own `expect` when
 * it runs beside others: describe.concurrent).
 */
async function openPainted(
  path = PRODUCT_PAGE,
  options: Parameters<typeof plaudit.open>[1] = {},
  expectOf: ExpectStatic = expect,
) {
  const shop = await plaudit.open(path, options);
  // The project's wait (WAIT_FOR_MS): a shorter one of its own failed first on a busy machine.
  await expectOf.poll(() => cardCount(shop.page)).toBeGreaterThan(0);
  return shop;
}

describe("a product page, painted", () => {
  it("shows the summary, the first page of cards and the badge from two requests, with no widget code", async () => {
    // widget:mounted as a merchant hears it (the queue stub, before plaudit.js arrives).
    const shop = await openPainted(PRODUCT_PAGE, {
      initScript: `(window.Plaudit = window.Plaudit || []).push(["on", "widget:mounted", (e) => {
        document.documentElement.dataset.mounted = (document.documentElement.dataset.mounted || "") + e.kind + " ";
      }]);`,
    });
    const { page } = shop;
    const summary = await apiGet<{ count: number; average: number }>(
      plaudit,
      `${V1}/products/tee-classic/summary`,
    );
    const widget = reviewsHost(page);
    await expect.poll(() => cardCount(page)).toBe(10);
    await expect(widget.locator(".plaudit-summary__count").first().textContent()).resolves.toBe(
      `Based on ${summary.count} reviews`,
    );
    await expect(widget.locator(".plaudit-summary__number").textContent()).resolves.toBe(
      summary.average.toFixed(1),
    );
    // The cards are the first page of the list, in order.
    const firstPage = await apiGet<{ items: { id: string }[] }>(plaudit, REVIEWS, {
      sort: "newest",
      limit: "10",
    });
    expect((await shownReviews(page)).map((r) => r.id)).toEqual(firstPage.items.map((r) => r.id));
    const badge = await page.evaluate(() => {
      const a = document.querySelector('[data-plaudit="stars"]')?.shadowRoot?.querySelector("a");
      return { label: a?.getAttribute("aria-label"), href: a?.getAttribute("href") };
    });
    expect(badge).toEqual({
      label: `${summary.average.toFixed(1)} out of 5 stars, ${summary.count} reviews`,
      href: "#reviews",
    });

    await page.waitForLoadState("networkidle");
    expect(apiRequests(shop)).toEqual([
      `${SNIPPET}?locale=en&theme=auto`,
      `${BADGES}?products=tee-classic&locale=en&theme=auto`,
    ]);
    expect(widgetCode(shop)).toEqual([]);
    // Written at idle from the painted state, into the theme's own Product node.
    const ld = page.locator('script[type="application/ld+json"]');
    await expect.poll(async () => (await ld.allTextContents()).join()).toContain('"aggregateRating"');
    expect(await ld.count()).toBe(1);
    const product = JSON.parse((await ld.textContent()) ?? "{}");
    expect(product["@id"]).toBe("#product-tee-classic");
    expect(product.aggregateRating).toMatchObject({ reviewCount: summary.count });
    const shift = await layoutShift(page);
    expect(shift.total, `moved: ${shift.moved.join(" | ")}`).toBe(0);
    expect(await page.evaluate(() => document.documentElement.dataset.mounted?.split(" ").sort())).toEqual([
      "",
      "reviews",
      "stars",
    ]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

// Side by side: each test on a page of its own, reading what every other test leaves as it was.
describe.concurrent("the first use of a painted widget", SIDE_BY_SIDE, () => {
  it("loads the code on hover and hydrates the same nodes, with no data request", async ({ expect }) => {
    const shop = await openPainted(
      PRODUCT_PAGE,
      {
        initScript: `(window.Plaudit = window.Plaudit || []).push(["on", "widget:mounted", (e) => {
        document.documentElement.dataset.mounted = (document.documentElement.dataset.mounted || "") + e.kind + " ";
      }]);`,
      },
      expect,
    );
    const { page } = shop;
    await expect.poll(() => cardCount(page)).toBe(10);
    await page.waitForLoadState("networkidle");
    const sheets = await paintedSheets(page);
    // The theme, base and stars parts are one sheet each for the page: the badge's are the reviews'.
    const badgeSheets = await paintedSheets(page, "stars");
    const shared = await page.evaluate(
      ([reviews, badge]) => ({
        shared: [0, 1, 2].every((i) => reviews[i] === badge[i]),
        own: reviews[3] !== badge[3],
      }),
      [sheets, badgeSheets] as const,
    );
    expect(shared).toEqual({ shared: true, own: true });
    const before = await page.evaluateHandle(() => {
      const root = document.querySelector('[data-plaudit="reviews"]')!.shadowRoot!;
      const section = root.querySelector("section")!;
      return { section, cards: [...root.querySelectorAll("article")], html: section.outerHTML };
    });
    expect(await widgetCodeMounted(page)).toBe(false);

    await reviewsHost(page).hover();
    await expect.poll(() => widgetCodeMounted(page)).toBe(true);
    // Theme, base, stars, icons, the reviews' own: the code parsed none of them again.
    expect(await sheetsAfterCode(page, sheets)).toEqual({ painted: 5, same: true, codeAdoptedThem: true });
    await page.waitForLoadState("networkidle");
    expect(apiRequests(shop)).toEqual([
      `${SNIPPET}?locale=en&theme=auto`,
      `${BADGES}?products=tee-classic&locale=en&theme=auto`,
    ]);
    // The reviews' and the badge's code, once each.
    const code = widgetCode(shop);
    expect(code.filter((path) => path.startsWith("/chunks/reviews-"))).toHaveLength(1);
    expect(code.filter((path) => path.startsWith("/chunks/stars-"))).toHaveLength(1);
    const same = await page.evaluate((was) => {
      const root = document.querySelector('[data-plaudit="reviews"]')!.shadowRoot!;
      const section = root.querySelector("section");
      const cards = [...root.querySelectorAll("article")];
      return {
        connected: was.section.isConnected,
        sameSection: section === was.section,
        sameCards: cards.length === was.cards.length && cards.every((card, i) => card === was.cards[i]),
        // The thumbnails' placeholder colour included: the paint set it as the code does.
        sameMarkup: section?.outerHTML === was.html,
      };
    }, before);
    expect(same).toEqual({ connected: true, sameSection: true, sameCards: true, sameMarkup: true });
    // widget:mounted once per widget: when it showed, not again when its code came.
    expect(await page.evaluate(() => document.documentElement.dataset.mounted?.split(" ").sort())).toEqual([
      "",
      "reviews",
      "stars",
    ]);
    // Alive: "Load more" asks for the page after the server's cursor.
    await reviewsHost(page).getByRole("button", { name: "Load more reviews" }).click();
    await expect.poll(() => cardCount(page)).toBe(20);
    expect(shop.requestsTo(REVIEWS)).toHaveLength(1);
    expect(new URL(shop.requestsTo(REVIEWS)[0]!.url()).searchParams.get("cursor")).toBeTruthy();
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("keeps the keyboard's place on the badge when the reviews' code comes and the badge's with it", async ({
    expect,
  }) => {
    const shop = await openPainted(PRODUCT_PAGE, {}, expect);
    const { page } = shop;
    // The badge's painted sheets, waited for (openPainted waits for the reviews' cards only).
    const badgeSheets = await paintedSheets(page, "stars");
    const link = page.locator('[data-plaudit="stars"] a');
    await link.focus();
    const focusedLink = () =>
      page.evaluate(() => {
        const root = document.querySelector('[data-plaudit="stars"]')?.shadowRoot;
        return root?.activeElement === root?.querySelector("a") && root?.activeElement !== null;
      });
    expect(await focusedLink()).toBe(true);
    // A pointer comes over the reviews (the page scrolled under a resting mouse, say): every
    // painted widget gets its code, the badge too.
    await reviewsHost(page).hover();
    await expect.poll(() => widgetCodeMounted(page, "stars")).toBe(true);
    expect(await sheetsAfterCode(page, badgeSheets, "stars")).toEqual({
      painted: 4,
      same: true,
      codeAdoptedThem: true,
    });
    expect(await focusedLink()).toBe(true);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("opens the write dialog when “Write a review” is the very first thing clicked", async ({ expect }) => {
    const shop = await openPainted(PRODUCT_PAGE, {}, expect);
    const { page } = shop;
    expect(widgetCode(shop)).toEqual([]);
    await reviewsHost(page).getByRole("button", { name: "Write a review" }).click();
    await expect.poll(() => reviewsHost(page).locator("dialog[open]").count()).toBe(1);
    await expect(
      reviewsHost(page).getByRole("dialog", { name: "Review Classic Cotton Tee" }).isVisible(),
    ).resolves.toBe(true);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("opens the write dialog from the keyboard alone: Tab into the widget, Enter", async ({ expect }) => {
    const shop = await openPainted(PRODUCT_PAGE, {}, expect);
    const { page } = shop;
    const release = await holdReviewsCode(shop);
    // The last control before the widget, focused by script (not a shopper's reach for the widget).
    await page.focus("form[data-add-to-cart] button");
    await page.keyboard.press("Tab");
    const focused = () =>
      page.evaluate(
        () => document.querySelector('[data-plaudit="reviews"]')?.shadowRoot?.activeElement?.textContent,
      );
    expect(await focused()).toBe("Write a review");
    // Focus is a reach for the widget: its code is asked for (and held).
    await expect.poll(() => shop.requestsTo("/chunks/reviews-").length).toBe(1);
    await page.keyboard.press("Enter");
    expect(await reviewsHost(page).locator("dialog[open]").count()).toBe(0);
    release();
    await expect.poll(() => reviewsHost(page).locator("dialog[open]").count()).toBe(1);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("does a filter ticked before the code came once it has: one request, the list filtered", async ({
    expect,
  }) => {
    const shop = await openPainted(PRODUCT_PAGE, {}, expect);
    const { page } = shop;
    const release = await holdReviewsCode(shop);
    const media = reviewsHost(page).getByRole("checkbox", { name: "With photos or videos" });
    await media.click();
    await expect.poll(() => shop.requestsTo("/chunks/reviews-").length).toBe(1);
    // Held, not ticked: nothing would hear it.
    expect(await media.isChecked()).toBe(false);
    release();
    await expect.poll(() => media.isChecked()).toBe(true);
    await expect.poll(() => shop.requestsTo(REVIEWS).length).toBe(1);
    await page.waitForLoadState("networkidle");
    expect(shop.requestsTo(REVIEWS)).toHaveLength(1);
    const asked = new URL(shop.requestsTo(REVIEWS)[0]!.url()).searchParams;
    expect(asked.get("media")).toBe("1");
    // The filtered list drawn: the cards shown while it loaded (dimmed, the list aria-busy) replaced.
    await expect.poll(() => listBusy(page)).toBe("false");
    await expect.poll(async () => (await shownReviews(page)).length).toBeGreaterThan(0);
    expect((await shownReviews(page)).filter((review) => review.media === 0)).toEqual([]);
    // Still ticked: the click was done once, not twice.
    expect(await media.isChecked()).toBe(true);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("on a phone, asks for the code at the touch's start and does the tapped filter once it has come", async ({
    expect,
  }) => {
    const shop = await plaudit.open(PRODUCT_PAGE, { touch: true, viewport: { width: 390, height: 844 } });
    const { page } = shop;
    const release = await holdReviewsCode(shop);
    await reviewsHost(page).scrollIntoViewIfNeeded();
    await expect.poll(() => cardCount(page), { timeout: 10_000 }).toBeGreaterThan(0);
    // Nothing but the scroll so far: no code asked for.
    expect(shop.requestsTo("/chunks/reviews-")).toHaveLength(0);
    const media = reviewsHost(page).getByRole("checkbox", { name: "With photos or videos" });
    await media.scrollIntoViewIfNeeded();
    const box = (await media.boundingBox())!;
    const at = [{ x: box.x + box.width / 2, y: box.y + box.height / 2 }];
    // A finger down, not yet lifted: the code is asked for already (no click has happened).
    const touch = await shop.context.newCDPSession(page);
    await touch.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at });
    await expect.poll(() => shop.requestsTo("/chunks/reviews-").length).toBe(1);
    // Lifted: the tap's click is held, not done: nothing would hear it yet.
    await touch.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    expect(await media.isChecked()).toBe(false);
    release();
    await expect.poll(() => media.isChecked()).toBe(true);
    // The filtered list asked for: the box ticks as the code hears the click, and its request
    // reaches this side a moment later (the page went idle long before: waiting for
    // "networkidle" now waits for nothing).
    const asked = () =>
      shop.requestsTo(REVIEWS).map((request) => new URL(request.url()).searchParams.get("media"));
    await expect.poll(asked).toEqual(["1"]);
    // Its answer drawn (the list no longer busy): that one request, nothing after it.
    await expect.poll(() => listBusy(page)).toBe("false");
    expect(asked()).toEqual(["1"]);
    // Done once, not twice (a tap is a touch and then a click).
    expect(await media.isChecked()).toBe(true);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("does a histogram bar pressed before the code came once it has", async ({ expect }) => {
    const shop = await openPainted(PRODUCT_PAGE, {}, expect);
    const { page } = shop;
    const release = await holdReviewsCode(shop);
    const summary = await apiGet<{ histogram: number[] }>(plaudit, `${V1}/products/tee-classic/summary`);
    const oneStarCount = summary.histogram[0]!;
    const oneStar = reviewsHost(page).locator(".plaudit-histogram__bar", { hasText: "1 star" });
    await oneStar.click();
    await expect.poll(() => shop.requestsTo("/chunks/reviews-").length).toBe(1);
    expect(await oneStar.getAttribute("aria-pressed")).toBe("false");
    release();
    await expect.poll(() => oneStar.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => shop.requestsTo(REVIEWS).length).toBe(1);
    await page.waitForLoadState("networkidle");
    expect(new URL(shop.requestsTo(REVIEWS)[0]!.url()).searchParams.get("rating")).toBe("1");
    // The list renders its cards a frame or so after its answer.
    await expect
      .poll(async () => (await shownReviews(page)).map((review) => review.rating))
      .toEqual(Array(Math.min(10, oneStarCount)).fill(1));
    expect(shop.requestsTo(REVIEWS)).toHaveLength(1);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("sorts by what was chosen in the sort menu, with the keyboard, before the code came", async ({
    expect,
  }) => {
    const shop = await openPainted(PRODUCT_PAGE, {}, expect);
    const { page } = shop;
    const release = await holdReviewsCode(shop);
    const sort = reviewsHost(page).getByRole("combobox", { name: "Sort by" });
    await sort.focus();
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => shop.requestsTo("/chunks/reviews-").length).toBe(1);
    expect(await sort.inputValue()).toBe("oldest");
    release();
    const sorts = () =>
      shop.requestsTo(REVIEWS).map((request) => new URL(request.url()).searchParams.get("sort"));
    await expect.poll(sorts).toEqual(["oldest"]);
    const oldest = await apiGet<{ items: { id: string }[] }>(plaudit, REVIEWS, {
      sort: "oldest",
      limit: "10",
    });
    await expect
      .poll(async () => (await shownReviews(page)).map((review) => review.id))
      .toEqual(oldest.items.map((review) => review.id));
    expect(await sort.inputValue()).toBe("oldest");
    await page.waitForLoadState("networkidle");
    expect(sorts()).toEqual(["oldest"]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("searches for what was typed into the search box before the code came", async ({ expect }) => {
    const shop = await openPainted(PRODUCT_PAGE, {}, expect);
    const { page } = shop;
    const release = await holdReviewsCode(shop);
    const box = reviewsHost(page).getByRole("searchbox", { name: "Search reviews" });
    await box.click();
    await page.keyboard.type("packaging");
    await expect.poll(() => shop.requestsTo("/chunks/reviews-").length).toBe(1);
    release();
    const searched = () =>
      shop.requestsTo(REVIEWS).map((request) => new URL(request.url()).searchParams.get("q"));
    await expect.poll(searched).toEqual(["packaging"]);
    await page.waitForLoadState("networkidle");
    expect(searched()).toEqual(["packaging"]);
    expect(await box.inputValue()).toBe("packaging");
    // Some reviews, every one with the word (an empty list, while the answer renders, is not yet).
    await expect
      .poll(async () => {
        const shown = await shownReviews(page);
        return shown.length > 0 && shown.every((review) => /packaging/i.test(review.title + review.body));
      })
      .toBe(true);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("a collection page's badges", () => {
  // Tall enough that all 24 badges are near the viewport at once (they paint as they near it).
  const TALL = { width: 1280, height: 4000 };
  // Some badges link to their product's page, as a collection's usually do (data-href), set as the
  // parser adds them, before plaudit.js (async) looks.
  const HREFS = `new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) {
      if (node.nodeType !== 1 || node.getAttribute("data-plaudit") !== "stars") continue;
      const id = node.getAttribute("data-product-id");
      if (id.length % 2 === 0) node.setAttribute("data-href", id + ".html#reviews");
    }
  }).observe(document, { childList: true, subtree: true });`;

  it("paints all 24 from one request and never loads the badge's code, even on hover", async () => {
    const shop = await plaudit.open("/demo/collection.html", { viewport: TALL, initScript: HREFS });
    const { page } = shop;
    const badges = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-plaudit="stars"]')].map((host) => {
          const a = host.shadowRoot?.querySelector("a");
          return {
            id: host.dataset.productId,
            own: host.dataset.href ?? null,
            href: a?.getAttribute("href") ?? null,
            label: a?.getAttribute("aria-label") ?? "",
          };
        }),
      );
    await expect.poll(async () => (await badges()).filter((badge) => badge.href !== null).length).toBe(24);
    await page.waitForLoadState("networkidle");
    const shown = await badges();
    expect(shown).toHaveLength(24);
    expect(shown.filter((badge) => badge.own !== null).length).toBeGreaterThan(0);
    for (const badge of shown) expect(badge.href, badge.id).toBe(badge.own ?? "#plaudit-reviews");
    // Each says its own product's figures.
    const summaries = await apiGet<{ items: { productId: string; count: number }[] }>(
      plaudit,
      `${V1}/summaries`,
      { products: shown.map((badge) => badge.id).join(",") },
    );
    for (const [i, badge] of shown.entries()) {
      const { count } = summaries.items[i]!;
      if (count > 0) expect(badge.label, badge.id).toMatch(new RegExp(`, ${count} reviews?$`));
    }
    const asked = shop.requestsTo(BADGES);
    expect(asked).toHaveLength(1);
    // Each product once, however many badges show it.
    expect(new URL(asked[0]!.url()).searchParams.get("products")?.split(",").sort()).toEqual(
      [...new Set(shown.map((badge) => badge.id))].sort(),
    );
    expect(apiRequests(shop)).toHaveLength(1);

    await page.locator('[data-plaudit="stars"]').nth(2).hover();
    await page.locator('[data-plaudit="stars"]').nth(2).locator("a").focus();
    await page.waitForLoadState("networkidle");
    expect(widgetCode(shop)).toEqual([]);
    expect(apiRequests(shop)).toHaveLength(1);
    const shift = await layoutShift(page);
    expect(shift.total, `moved: ${shift.moved.join(" | ")}`).toBe(0);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("a page with a strict CSP", () => {
  it("shows the painted widget styled, with no CSP report and no layout shift", async () => {
    const shop = await openPainted("/demo/strict-csp.html");
    const { page } = shop;
    expect(shop.requestsTo(`${V1}/products/hoodie-zip/snippet`)).toHaveLength(1);
    const looks = await page.evaluate(() => {
      const root = document.querySelector('[data-plaudit="reviews"]')!.shadowRoot!;
      const write = root.querySelector(".plaudit-button--primary")!;
      const hidden = root.querySelector(".plaudit-visually-hidden")!.getBoundingClientRect();
      return {
        inlineStyles: root.querySelectorAll("style").length,
        sheets: root.adoptedStyleSheets.length,
        writeBackground: getComputedStyle(write).backgroundColor,
        hiddenArea: hidden.width * hidden.height,
      };
    });
    // The shop's accent (shop.css: --plaudit-accent: #2f6b4f), not a browser's grey button; the
    // screen reader's text out of sight.
    expect(looks).toEqual({ inlineStyles: 0, sheets: 5, writeBackground: "rgb(47, 107, 79)", hiddenArea: 1 });
    const shift = await layoutShift(page);
    expect(shift.total, `moved: ${shift.moved.join(" | ")}`).toBe(0);
    expect(widgetCode(shop)).toEqual([]);
    expect(shop.cspViolations).toEqual([]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("when the snippet cannot be had", () => {
  // Unhandled rejections never reach Playwright's pageerror: log them where the test reads them.
  const WATCH_REJECTIONS = `addEventListener("unhandledrejection", (e) => console.error("[e2e] unhandled rejection: " + (e.reason && e.reason.message || e.reason)));`;
  const uncaught = (shop: ShopPage) => [
    ...shop.pageErrors,
    ...shop.consoleErrors.filter((line) => line.includes("[e2e] unhandled rejection")),
    ...shop.cspViolations,
  ];

  it("mounts the widget's code, which loads the reviews itself (the snippet request refused)", async () => {
    const shop = await plaudit.open(PRODUCT_PAGE, { block: ["/snippet?"], initScript: WATCH_REJECTIONS });
    const { page } = shop;
    await expect.poll(() => cardCount(page)).toBeGreaterThan(0);
    expect(shop.requestsTo(SNIPPET)).toHaveLength(1);
    expect(shop.requestsTo("/chunks/reviews-")).toHaveLength(1);
    expect(shop.requestsTo(REVIEWS).length).toBeGreaterThan(0);
    expect(uncaught(shop)).toEqual([]);
    await shop.close();
  });

  it("shows the quiet fallback on a page whose API is down, and the shop keeps working", async () => {
    // Tall: the page's notice puts the reviews beyond the 720px view's reach (they would not load).
    const shop = await plaudit.open("/demo/api-down.html", {
      initScript: WATCH_REJECTIONS,
      viewport: { width: 1280, height: 1400 },
    });
    const { page } = shop;
    const reviewsText = () =>
      page.evaluate(() => document.querySelector('[data-plaudit="reviews"]')?.shadowRoot?.textContent ?? "");
    await expect.poll(reviewsText).toContain("Reviews could not be loaded.");
    expect(await reviewsHost(page).getByRole("button", { name: "Try again" }).count()).toBe(1);
    const badgeText = await page.evaluate(
      () => document.querySelector('[data-plaudit="stars"]')?.shadowRoot?.textContent ?? "",
    );
    expect(badgeText).not.toMatch(/\d/);
    await page.click("form[data-add-to-cart] button");
    await expect.poll(() => page.locator("[data-cart-count]").first().textContent()).toBe("1");
    expect(uncaught(shop)).toEqual([]);
    await shop.close();
  });
});

describe("a single-page app", () => {
  const stateOf = (page: Page) =>
    page.evaluate(() => {
      const hosts = document.querySelectorAll('[data-plaudit="reviews"]');
      const host = hosts[0];
      const states = host?.querySelectorAll(":scope > script[data-plaudit-state]") ?? [];
      return {
        hosts: hosts.length,
        states: states.length,
        productId: states[0] ? JSON.parse(states[0].textContent ?? "{}").productId : undefined,
        count: host?.shadowRoot?.querySelector(".plaudit-summary__count")?.textContent,
      };
    });
  const countOf = async (product: string) =>
    (await apiGet<{ count: number }>(plaudit, `${V1}/products/${product}/summary`)).count;

  // Tall enough that the reviews are near the viewport below the app's navigation.
  const VIEW = { viewport: { width: 1280, height: 1400 } };

  it("paints the new product's reviews when the app swaps the product", async () => {
    const shop = await openPainted("/demo/spa.html", VIEW);
    const { page } = shop;
    await page.getByRole("link", { name: "Pocket Tee" }).click();
    const pocket = await countOf("tee-pocket");
    await expect
      .poll(() => stateOf(page))
      .toEqual({ hosts: 1, states: 1, productId: "tee-pocket", count: `Based on ${pocket} reviews` });
    await page.waitForLoadState("networkidle");
    expect(shop.requestsTo(`${V1}/products/tee-pocket/snippet`)).toHaveLength(1);
    expect(widgetCode(shop)).toEqual([]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("paints the next product after the first one came alive, and hydrates it at once with no data request", async () => {
    const shop = await openPainted("/demo/spa.html", VIEW);
    const { page } = shop;
    await paintedSheets(page);
    // The loader marks each time it mounts a kind's code over a host (docs/operations.md).
    const mounts = () =>
      page.evaluate(() => performance.getEntriesByName("plaudit:reviews:chunk-loaded").length);
    expect(await mounts()).toBe(0);
    await reviewsHost(page).hover();
    await expect.poll(() => widgetCodeMounted(page)).toBe(true);
    expect(await mounts()).toBe(1);
    await page.getByRole("link", { name: "Zip Hoodie" }).click();
    const hoodie = await countOf("hoodie-zip");
    await expect
      .poll(() => stateOf(page))
      .toEqual({ hosts: 1, states: 1, productId: "hoodie-zip", count: `Based on ${hoodie} reviews` });
    expect(shop.requestsTo(`${V1}/products/hoodie-zip/snippet`)).toHaveLength(1);
    // The page is alive already: the next product's code comes without waiting for a use of its own.
    await expect.poll(mounts).toBe(2);
    await expect.poll(() => widgetCodeMounted(page)).toBe(true);
    await page.waitForLoadState("networkidle");
    expect(apiRequests(shop).filter((path) => !/\/(snippet|badges)\?/.test(path))).toEqual([]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("the cards below the view", () => {
  // The product's list does not fit: the first paint holds two cards, the rest follow.
  const VIEWS = [
    { width: 1280, height: 900 },
    { width: 1280, height: 1100 },
  ];
  /**
   * Run as the paint marks its content: counts the cards then, jumps to the reviews (by script, so
   * every shift counts) once the first painted frame is out, and counts the frames until all ten
   * are in. (A jump in the paint's own task would be compared with the frame before it: the empty
   * host, as tall as the shop's CSS reserved, which no widget can keep still.)
   */
  const probe = (jump: boolean) => `{
    const mark = performance.mark.bind(performance);
    performance.mark = (name, ...rest) => {
      const entry = mark(name, ...rest);
      if (name === "plaudit:reviews:content" && !window.__cards) {
        const root = document.querySelector('[data-plaudit="reviews"]').shadowRoot;
        const count = () => root.querySelectorAll("article").length;
        const cards = (window.__cards = { atMark: count(), atJump: -1, framesAtJump: -1, frames: 0, framesToAll: -1 });
        const jump = () => {
          cards.atJump = count();
          cards.framesAtJump = cards.frames;
          document.querySelector("#reviews").scrollIntoView();
        };
        if (${jump}) requestAnimationFrame(() => setTimeout(jump));
        const tick = () => {
          cards.frames += 1;
          if (count() === 10) cards.framesToAll = cards.frames;
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }
      return entry;
    };
  }`;
  type Probe = { atMark: number; atJump: number; framesAtJump: number; frames: number; framesToAll: number };
  const cards = (page: Page) => page.evaluate(() => (window as unknown as { __cards?: Probe }).__cards);

  for (const viewport of VIEWS) {
    it(`puts them all in at once when the page jumps to the reviews right after the paint (${viewport.height}px), with CLS 0`, async () => {
      const shop = await plaudit.open(PRODUCT_PAGE, { viewport, initScript: probe(true) });
      const { page } = shop;
      await expect.poll(async () => (await cards(page))?.framesToAll).toBeGreaterThan(0);
      const seen = (await cards(page))!;
      expect(seen.atMark, "cards in the first paint").toBeLessThan(10);
      expect(seen.atJump, "cards when the page jumped").toBeLessThan(10);
      // All in the first frame after the jump.
      expect(seen.framesToAll - seen.framesAtJump, JSON.stringify(seen)).toBe(1);
      const top = await page.evaluate(() => document.querySelector("#reviews")!.getBoundingClientRect().top);
      expect(Math.abs(top)).toBeLessThan(1);
      const shift = await layoutShift(page);
      expect(shift.total, `moved: ${shift.moved.join(" | ")}`).toBe(0);
      expect(shop.problems()).toEqual([]);
      await shop.close();
    });
  }

  it("brings them in a few frames later without any scrolling, with CLS 0", async () => {
    const shop = await plaudit.open(PRODUCT_PAGE, { viewport: VIEWS[0], initScript: probe(false) });
    const { page } = shop;
    await expect.poll(async () => (await cards(page))?.framesToAll).toBeGreaterThan(0);
    const seen = (await cards(page))!;
    expect(seen.atMark, "cards in the first paint").toBeLessThan(10);
    // After the first frame is painted, the histogram and the toolbar a frame each, then two cards
    // a frame (cards-later.ts), with a frame of slack each.
    expect(seen.framesToAll, JSON.stringify(seen)).toBeLessThanOrEqual(
      2 * (2 + Math.ceil((10 - seen.atMark) / 2)) + 2,
    );
    expect(await page.evaluate(() => scrollY)).toBe(0);
    const shift = await layoutShift(page);
    expect(shift.total, `moved: ${shift.moved.join(" | ")}`).toBe(0);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("a Hebrew page", () => {
  it("paints the reviews and the badge in Hebrew, right to left", async () => {
    const shop = await openPainted("/demo/tee-classic.he.html");
    const { page } = shop;
    await page.waitForLoadState("networkidle");
    expect(apiRequests(shop)).toEqual([
      `${SNIPPET}?locale=he&theme=auto`,
      `${BADGES}?products=tee-classic&locale=he&theme=auto`,
    ]);
    const painted = await page.evaluate(() => {
      const root = document.querySelector('[data-plaudit="reviews"]')!.shadowRoot!;
      const section = root.querySelector("section")!;
      const badge = document.querySelector('[data-plaudit="stars"]')!.shadowRoot!.querySelector("a")!;
      return {
        dir: section.getAttribute("dir"),
        lang: section.getAttribute("lang"),
        direction: getComputedStyle(section).direction,
        title: root.querySelector(".plaudit-reviews__title")?.textContent,
        write: root.querySelector(".plaudit-button--primary")?.textContent,
        count: root.querySelector(".plaudit-summary__count")?.textContent,
        badgeDir: badge.getAttribute("dir"),
        badgeLabel: badge.getAttribute("aria-label"),
      };
    });
    const hebrew = /^[\u0590-\u05FF\s\d.,:()"׳״'־-]+$/;
    expect(painted).toMatchObject({ dir: "rtl", direction: "rtl", badgeDir: "rtl" });
    expect(painted.lang).toMatch(/^he\b/);
    for (const text of [painted.title, painted.write, painted.count, painted.badgeLabel]) {
      expect(text).toMatch(hebrew);
    }
    expect(widgetCode(shop)).toEqual([]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
