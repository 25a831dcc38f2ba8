// Storefront pages unlike our demo's, each the way some real store's page is: a <base href>
// elsewhere, a language we have no catalog for, a theme hiding empty elements, Plaudit behind a
// path prefix, Trusted Types enforced, a page that already has something called Plaudit.
// The page is the test's own HTML, served from the real server's origin (Playwright answers its
// URL); plaudit.js, the API and the widgets are the real ones.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { harnessOfFile, type OpenOptions, type ShopPage } from "./harness.ts";
import { reachForReviews, widgetCodeMounted } from "./reviews-widget-helpers.ts";

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

/**
 * Opens `html` at PATH on the server's origin (from a blank page: no favicon request to 404 first),
 * in a browser as `open` says, after `routes` has set up what else the page's origin answers.
 */
async function openPage(
  html: string,
  { open, routes }: { open?: OpenOptions; routes?: (page: Page) => Promise<void> } = {},
): Promise<ShopPage> {
  const shop = await plaudit.open("about:blank", open);
  await routes?.(shop.page);
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

describe("a theme that hides empty elements (Dawn's base.css: div:empty{display:none})", () => {
  it("shows every widget: painted, then mounted once reached for", async () => {
    const shop = await openPage(productPage({ head: "<style>div:empty{display:none}</style>" }));
    await badgeShows(shop.page);
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    await reachForReviews(shop.page);
    const shown = await shop.page.evaluate(() =>
      [...document.querySelectorAll("[data-plaudit]")].map((host) => host.getBoundingClientRect().height > 0),
    );
    expect(shown).toEqual([true, true]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("a Plaudit server behind a path prefix (a proxy serving it at /reviews)", () => {
  it("asks the API under the prefix plaudit.js came from", async () => {
    const shop = await openPage(productPage().replace('src="/plaudit.js"', 'src="/reviews/plaudit.js"'), {
      // The proxy: /reviews/… is the Plaudit server's /…; anything else is the shop's, which has no /v1.
      routes: async (page) => {
        await page.route(
          (url) => url.pathname.startsWith("/reviews/"),
          async (route) => {
            const url = new URL(route.request().url());
            url.pathname = url.pathname.slice("/reviews".length);
            await route.fulfill({ response: await route.fetch({ url: url.href }) });
          },
        );
        await page.route(
          (url) => url.pathname.startsWith("/v1/"),
          (route) => route.fulfill({ status: 404, contentType: "text/html", body: "<h1>Not found</h1>" }),
        );
      },
    });
    await badgeShows(shop.page);
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    expect(shop.requestsTo("/v1/")).toEqual([]);
    expect(shop.requestsTo("/reviews/v1/stores/demo/badges")).toHaveLength(1);
    expect(shop.problems()).toEqual([]);
    // The JSON-LD chunk is asked for at idle and may still be in the proxy when the page closes.
    await shop.page.unrouteAll({ behavior: "ignoreErrors" });
    await shop.close();
  });
});

describe("a page that enforces Trusted Types (require-trusted-types-for 'script')", () => {
  const TRUSTED_TYPES = `<meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'">`;
  const jsonLd = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('script[type="application/ld+json"]')].map(
        (script) => JSON.parse(script.textContent ?? "").aggregateRating?.reviewCount,
      ),
    );

  it("paints the widgets, hydrates them and writes the JSON-LD, with nothing refused or uncaught", async () => {
    const shop = await openPage(productPage({ head: TRUSTED_TYPES }));
    await badgeShows(shop.page);
    // Painted: the server's markup, before any of the widget's code.
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    expect(shop.requestsTo("/chunks/reviews-")).toHaveLength(0);
    await reachForReviews(shop.page);
    await expect.poll(() => jsonLd(shop.page)).toEqual([98]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("leaves the shop working where the page's policy list leaves Plaudit out: no JSON-LD, nothing uncaught", async () => {
    const shop = await openPage(
      productPage({
        head: `${TRUSTED_TYPES}<meta http-equiv="Content-Security-Policy" content="trusted-types shop">`,
      }),
    );
    await badgeShows(shop.page);
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    await expect.poll(() => widgetCodeMounted(shop.page)).toBe(true);
    expect(await jsonLd(shop.page)).toEqual([]);
    // The browser reports what it refused; nothing of ours is uncaught.
    expect(shop.pageErrors).toEqual([]);
    expect(shop.consoleErrors.filter((line) => !/Trusted|trusted-types/.test(line))).toEqual([]);
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

describe("a theme that zooms the page (body{zoom:1.25}: a 'larger on big screens' or accessibility setting)", () => {
  /** Each open modal dialog's box, and whether its close button shows, against the viewport. */
  const openDialogs = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("[data-plaudit]")].flatMap((host) => {
        const dialog = host.shadowRoot?.querySelector("dialog[open]");
        if (!dialog) return [];
        const box = dialog.getBoundingClientRect();
        const close = [...dialog.querySelectorAll("button")].find(
          (b) => b.getAttribute("aria-label") === "Close",
        );
        const closeBox = close?.getBoundingClientRect();
        return [
          {
            kind: host.dataset.plaudit,
            fits: box.left >= 0 && box.right <= innerWidth && box.top >= 0 && box.bottom <= innerHeight,
            closeShows: !!closeBox && closeBox.left >= 0 && closeBox.right <= innerWidth,
          },
        ];
      }),
    );

  it("keeps every dialog and its close button on a phone's screen", async () => {
    const shop = await openPage(
      productPage({
        head: '<meta name="viewport" content="width=device-width"><style>body{zoom:1.25}</style>',
        body: '<div data-plaudit="gallery" data-page-size="6"></div><div data-plaudit="loyalty"></div>',
      }),
      { open: { touch: true, viewport: { width: 390, height: 844 } } },
    );
    const { page } = shop;
    const reviews = page.locator('[data-plaudit="reviews"]');
    await reviews.locator("article").first().waitFor();
    await reviews.getByRole("button", { name: "Write a review" }).tap();
    await reviews.getByRole("dialog").getByRole("radio", { name: "5 stars" }).waitFor();
    await expect.poll(() => openDialogs(page)).toEqual([{ kind: "reviews", fits: true, closeShows: true }]);
    await page.keyboard.press("Escape");

    await page.locator('[data-plaudit="loyalty"]').getByRole("button").first().tap();
    await page.getByRole("dialog", { name: "Rewards" }).getByRole("heading").first().waitFor();
    await expect.poll(() => openDialogs(page)).toEqual([{ kind: "loyalty", fits: true, closeShows: true }]);
    await page.keyboard.press("Escape");

    const gallery = page.locator('[data-plaudit="gallery"]');
    await gallery.scrollIntoViewIfNeeded();
    await gallery.locator(".plaudit-gallery__tile").first().tap();
    await gallery.getByRole("dialog").locator("img, video").first().waitFor();
    await expect.poll(() => openDialogs(page)).toEqual([{ kind: "gallery", fits: true, closeShows: true }]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe("a theme that resets the root font size (html{font-size:62.5%}, or 20px)", () => {
  /** Every element in every widget (the open dialog too): its font size and its box, by position. */
  const boxes = (page: Page) =>
    page.evaluate(() => {
      const out: string[] = [];
      const walk = (node: ParentNode, path: string) => {
        [...node.children].forEach((child, i) => {
          const here = `${path}/${child.localName}:${i}`;
          const box = child.getBoundingClientRect();
          out.push(
            `${here} ${getComputedStyle(child).fontSize} ${Math.round(box.width)}×${Math.round(box.height)}`,
          );
          walk(child, here);
        });
      };
      for (const host of document.querySelectorAll<HTMLElement>("[data-plaudit]")) {
        if (host.shadowRoot) walk(host.shadowRoot, host.dataset.plaudit ?? "");
      }
      return out;
    });

  /** The product page with `css` in its head, the reviews' code come and its write dialog open. */
  async function withDialogOpen(css: string) {
    const shop = await openPage(productPage({ head: css ? `<style>${css}</style>` : "" }));
    await badgeShows(shop.page);
    await reachForReviews(shop.page);
    const reviews = shop.page.locator('[data-plaudit="reviews"]');
    await reviews.getByRole("button", { name: "Write a review" }).click();
    await reviews.getByRole("dialog").getByRole("radio", { name: "5 stars" }).waitFor();
    return shop;
  }

  it("draws the widgets and the write dialog the same size as on a page that leaves it alone", async () => {
    const [plain, small, large] = await Promise.all(
      ["", "html{font-size:62.5%}", "html{font-size:20px}"].map(withDialogOpen),
    );
    const expected = await boxes(plain!.page);
    expect(expected.length).toBeGreaterThan(100);
    // The themes really did change the page's rem.
    expect(await small!.page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
      "10px",
    );
    for (const shop of [small!, large!]) {
      const actual = await boxes(shop.page);
      expect(actual.filter((line, i) => line !== expected[i]).slice(0, 10)).toEqual([]);
      expect(shop.problems()).toEqual([]);
    }
    await Promise.all([plain!, small!, large!].map((shop) => shop.close()));
  });
});
