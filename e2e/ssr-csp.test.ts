// Server-rendered reviews on a shop whose CSP forbids inline styles (docs/ssr.md, "Styles and
// CSP"), the Plaudit API on another origin: each documented path — the page's nonce, the style's
// sha256, a stylesheet copied to the shop's own origin — is styled from the first frame and
// hydrates with CLS 0; with the style blocked anyway, hydration moves nothing outside the widget.
// Two pages: a product page (the star badge, the price, the reviews) and a collection page of badges.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, type ShopPage, startHarness } from "./harness.ts";
import { nextFrames, reachForReviews, widgetCodeMounted } from "./reviews-widget-helpers.ts";

let plaudit: Harness;
/** The shop: its own origin (another port), answering what `shopAnswer` holds for the current case. */
let shopServer: Server;
let shopOrigin: string;
let shopAnswer: { html: string; csp: string; css: string };

beforeAll(async () => {
  plaudit = await startHarness();
  shopServer = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://shop").pathname;
    if (path === "/assets/plaudit.css") {
      res.writeHead(200, { "Content-Type": "text/css" });
      res.end(shopAnswer.css);
      return;
    }
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      // none when the page states its policy in a <meta> element
      ...(shopAnswer.csp ? { "Content-Security-Policy": shopAnswer.csp } : {}),
    });
    res.end(shopAnswer.html);
  });
  await new Promise<void>((done) => shopServer.listen(0, "127.0.0.1", done));
  shopOrigin = `http://127.0.0.1:${(shopServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await plaudit?.close();
  await new Promise((done) => shopServer?.close(done));
});

const NONCE = "c2hvcC1ub25jZS0xMjM0NQ==";

interface Path {
  name: string;
  /** Query of the snippet request, as the shop's server makes it. */
  query: Record<string, string>;
  /** The shop's style-src, given the snippet responses (one per widget on the page). */
  styleSrc(snippets: Response[]): string;
  /** The style applies before any script: CLS 0 and no CSP report. */
  styled: boolean;
}

const PATHS: Path[] = [
  {
    name: "the page's nonce",
    query: { nonce: NONCE },
    styleSrc: () => `'self' 'nonce-${NONCE}'`,
    styled: true,
  },
  {
    name: "the style's sha256 (Plaudit-Style-Src)",
    query: {},
    // Each widget's hash (the reviews' and the badge's), as the merchant copies them from the header.
    styleSrc: (snippets) =>
      `'self' ${[...new Set(snippets.map((snippet) => snippet.headers.get("plaudit-style-src")))].join(" ")}`,
    styled: true,
  },
  {
    name: "a stylesheet on the shop's own origin",
    query: { styles: "link", stylesheet: "/assets/plaudit.css" },
    styleSrc: () => "'self'",
    styled: true,
  },
  { name: "none: the inline style is blocked", query: {}, styleSrc: () => "'self'", styled: false },
];

// Sums layout shifts, counts mounts, and remembers where the content around the widgets sat in the
// page (reaching for the widget may scroll it) once the parser is done (declarative shadow roots
// attached, unstyled if the CSP blocked the style).
const WATCH = `
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({ type: "layout-shift", buffered: true });
window.__mounted = [];
// A star badge the server rendered, its style applied, is mounted as it stands: plaudit.js touches
// nothing of it (docs/ssr.md, "Star badges with no script"), whenever its script runs. Every other
// mount changes the widget: none may come before the snapshot below.
window.__touched = 0;
(window.Plaudit = window.Plaudit || []).push(["on", "widget:mounted", (e) => {
  window.__mounted.push(e.kind);
  const root = e.element.shadowRoot;
  if (!(e.kind === "stars" && root && root.adoptedStyleSheets.length === 0)) window.__touched++;
}]);
window.__around = () => [...document.querySelectorAll("[data-around]")].map((e) => e.id + " " + (e.getBoundingClientRect().top + scrollY));
document.addEventListener("readystatechange", () => {
  if (document.readyState === "interactive") window.__before = { around: window.__around(), mounted: window.__touched };
});
`;

// The shop's product page: its title, the star badge, the price — a paragraph, whose margin is less
// than the unstyled reviews heading's (which goes out through the host) — the reviews, the footer.
const shopPage = (snippets: string[], api: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Classic Cotton Tee</title><link rel="icon" href="data:,">
</head>
<body><h1 id="above" data-around>Classic Cotton Tee</h1>
${snippets[0]}
<p id="price" data-around>$28.00</p>
${snippets[1]}
<p id="below" data-around>Shipping and returns</p>
<script src="${api}/plaudit.js" data-store="demo" async></script>
</body></html>`;

// A collection page: a badge under each product's name (one product without reviews: its badge
// takes no room unstyled), the next name right below it.
const COLLECTION = ["tee-classic", "hoodie-zip", "mug-enamel", "no-reviews-yet", "cap-canvas", "jeans-slim"];
const collectionPage = (snippets: string[], api: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>All products</title><link rel="icon" href="data:,">
</head>
<body><h1>All products</h1><ul>
${snippets.map((snippet, i) => `<li><a id="p${i}" data-around href="#">${COLLECTION[i]}</a>${snippet}</li>`).join("\n")}
</ul><p id="below" data-around>Page 1 of 1</p>
<script src="${api}/plaudit.js" data-store="demo" async></script>
</body></html>`;

/** The snippets a shop's server fetches for a page, with the path's query. */
async function fetchSnippets(path: Path, widgets: [product: string, widget: string][]): Promise<Response[]> {
  return Promise.all(
    widgets.map(([product, widget]) =>
      fetch(
        `${plaudit.baseUrl}/v1/stores/demo/products/${product}/snippet?${new URLSearchParams({ ...path.query, widget })}`,
      ),
    ),
  );
}

/** How the shop states its policy beyond the path's style-src. */
interface Policy {
  /** In a `<meta http-equiv>` element at the top of <head>, not a response header. */
  meta?: boolean;
  /** `require-trusted-types-for 'script'`: DOM sinks take Trusted Types only. */
  trustedTypes?: boolean;
}

/** The shop answers `html` under a CSP whose style-src is the path's (a merchant's copy of the CSS too). */
async function serve(
  path: Path,
  snippets: Response[],
  page: (html: string[], api: string) => string,
  policy: Policy = {},
) {
  const api = plaudit.baseUrl;
  for (const snippet of snippets) expect(snippet.status).toBe(200);
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${api}`,
    `connect-src 'self' ${api}`,
    `img-src 'self' ${api} data:`,
    `style-src ${path.styleSrc(snippets)}`,
    ...(policy.trustedTypes ? ["require-trusted-types-for 'script'"] : []),
  ].join("; ");
  // What a merchant does once per release for the own-origin path: copy the stylesheet.
  const css = await (await fetch(`${api}/plaudit.css`)).text();
  let html = page(await Promise.all(snippets.map((snippet) => snippet.text())), api);
  if (policy.meta) {
    const escaped = csp.replace(/"/g, "&quot;");
    html = html.replace("<head>", `<head><meta http-equiv="Content-Security-Policy" content="${escaped}">`);
  }
  shopAnswer = { html, csp: policy.meta ? "" : csp, css };
}

/**
 * Opens the shop's page with WATCH, waiting until `count` widgets are painted; `scroll`: the shopper
 * scrolls down the page (a wheel, which excuses no layout shift) until they are — widgets far below
 * the fold are painted as they near the viewport.
 */
async function openShop(count: number, scroll = false) {
  const shop = await plaudit.open("/healthz", { viewport: { width: 1280, height: 900 } });
  const before = shop.problems().length; // the blank first page's favicon 404 is not ours
  await shop.page.addInitScript(WATCH);
  await shop.page.goto(`${shopOrigin}/products/tee-classic`);
  const mounted = async () => {
    if (scroll) {
      await shop.page.mouse.move(2, 450); // the page margin: not over a widget (that would hydrate it)
      await shop.page.mouse.wheel(0, 300);
    }
    return shop.page.evaluate(() => (window as never as { __mounted: string[] }).__mounted.length);
  };
  await expect
    .poll(mounted)
    .toBe(count)
    .catch((e) => {
      throw new Error(`${e}\n${shop.problems().join("\n")}`);
    });
  return { shop, problemsBefore: before };
}

/** Layout shifts so far, where the content around the widgets sat when parsed and where it sits now. */
const layoutReport = (page: Page) =>
  page.evaluate(() => {
    const w = window as never as {
      __cls: number;
      __before: { around: string[]; mounted: number };
      __around(): string[];
    };
    return { cls: w.__cls, before: w.__before, after: w.__around() };
  });

/**
 * Once the page settled (two frames): the content around the widgets where it was parsed, and no
 * widget rendered before the parser was done (the snapshot is of the server's markup). Answers the
 * layout shifts so far.
 */
async function expectAroundInPlace(page: Page): Promise<number> {
  await nextFrames(page);
  const report = await layoutReport(page);
  expect(report.before.mounted).toBe(0);
  expect(report.after).toEqual(report.before.around);
  return report.cls;
}

/**
 * After the shopper reached for the reviews: the badges' code mounted too, hydrated in place.
 * Styled: CLS 0 and no problem; blocked: the browser refused the inline style (that is the point
 * of the case), and nothing else failed.
 */
async function expectHydratedInPlace(shop: ShopPage, problemsBefore: number, path: Path) {
  await expect.poll(() => widgetCodeMounted(shop.page, "stars")).toBe(true);
  const cls = await expectAroundInPlace(shop.page);
  const problems = shop.problems().slice(problemsBefore);
  if (path.styled) {
    expect(cls.toFixed(3)).toBe("0.000");
    expect(problems).toEqual([]);
  } else {
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((p) => !/style|CSP/i.test(p))).toEqual([]);
  }
}

describe("server-rendered reviews under a strict CSP", () => {
  for (const path of PATHS) {
    it(`${path.name}: ${path.styled ? "styled from the first frame, CLS 0" : "nothing outside the widget moves"}`, async () => {
      const snippets = await fetchSnippets(path, [
        ["tee-classic", "stars"],
        ["tee-classic", "reviews"],
      ]);
      await serve(path, snippets, shopPage);
      const { shop, problemsBefore } = await openShop(2);
      // Styled before any use, the blocked case too: the loader adopts the CSS the page refused as
      // a constructed sheet (as the widget's code does when it hydrates), not only on first use.
      const summaryDisplay = () =>
        shop.page.evaluate(() => {
          const root = document.querySelector('[data-plaudit="reviews"]')!.shadowRoot!;
          return getComputedStyle(root.querySelector(".plaudit-summary")!).display;
        });
      await expect.poll(summaryDisplay).toBe("flex");
      expect(await widgetCodeMounted(shop.page)).toBe(false);
      // Painted as the server rendered it; its code mounts (hydrates) when the shopper reaches for
      // the widget (docs/widget-contract.md, "Painted first"). A pointer moving over it is not
      // input that excuses a layout shift.
      await reachForReviews(shop.page);
      // The title, the price between the badge and the reviews, the footer: where they were parsed.
      await expectHydratedInPlace(shop, problemsBefore, path);
      // Interactive: the list answers "Load more" (the page after the server's cursor).
      await shop.page.getByRole("button", { name: "Load more reviews" }).click();
      await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBe(20);
      expect(shop.requestsTo("/v1/stores/demo/products/tee-classic/reviews")).toHaveLength(1);
      await shop.close();
    });
  }

  for (const path of PATHS) {
    it(`${path.name}: a collection page's badges ${path.styled ? "styled from the first frame" : "move nothing"}, CLS 0`, async () => {
      const snippets = await fetchSnippets(
        path,
        COLLECTION.map((product) => [product, "stars"]),
      );
      await serve(path, snippets, collectionPage);
      const { shop, problemsBefore } = await openShop(COLLECTION.length);
      // Every badge painted and styled (the refused CSS adopted, in the blocked case).
      const styled = () =>
        shop.page.evaluate(() =>
          [...document.querySelectorAll('[data-plaudit="stars"]')].map(
            (host) => getComputedStyle(host.shadowRoot!.querySelector(".plaudit-root")!).display,
          ),
        );
      await expect
        .poll(styled)
        .toEqual(["flex", "flex", "flex", path.styled ? "flex" : "none", "flex", "flex"]);
      // Each product's name, the line below the list: where they were parsed.
      expect((await expectAroundInPlace(shop.page)).toFixed(3)).toBe("0.000");
      const problems = shop.problems().slice(problemsBefore);
      expect(problems.filter((p) => !/style|CSP/i.test(p))).toEqual([]);
      if (path.styled) expect(problems).toEqual([]);
      await shop.close();
    });
  }
});

// Beyond the one product page: the policy in a <meta> element, Trusted Types required, several
// server-rendered products on one page, a right-to-left page. Each path still styles from the
// first frame and hydrates with CLS 0; blocked, nothing outside the widgets moves.
interface Shape {
  name: string;
  policy?: Policy;
  /** Products whose badge and reviews the page shows, in order. */
  products: string[];
  /** Snippet query beyond the path's (the locale). */
  query?: Record<string, string>;
  /** The page's <html> attributes. */
  html?: string;
}

const SHAPES: Shape[] = [
  { name: "the CSP in a <meta> element", policy: { meta: true }, products: ["tee-classic"] },
  { name: "Trusted Types required for scripts", policy: { trustedTypes: true }, products: ["tee-classic"] },
  { name: "two products' server-rendered badges and reviews", products: ["tee-classic", "hoodie-zip"] },
  {
    name: "a right-to-left page",
    products: ["tee-classic"],
    query: { locale: "he" },
    html: 'lang="he" dir="rtl"',
  },
];

// Each product: its name, its badge, its price, its reviews; the footer below them all.
const shapedPage = (shape: Shape) => (snippets: string[], api: string) =>
  `<!doctype html>
<html ${shape.html ?? 'lang="en"'}><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,">
</head><body>
${shape.products
  .map(
    (product, i) => `<h2 id="name-${i}" data-around>${product}</h2>
${snippets[2 * i]}
<p id="price-${i}" data-around>$28.00</p>
${snippets[2 * i + 1]}`,
  )
  .join("\n")}
<p id="below" data-around>Shipping and returns</p>
<script src="${api}/plaudit.js" data-store="demo" async></script>
</body></html>`;

describe("server-rendered reviews under a strict CSP, other page shapes", () => {
  for (const shape of SHAPES) {
    for (const path of PATHS) {
      it(`${shape.name}, ${path.name}: ${path.styled ? "CLS 0" : "nothing outside the widgets moves"}`, async () => {
        const withLocale = { ...path, query: { ...path.query, ...shape.query } };
        const snippets = await fetchSnippets(
          withLocale,
          shape.products.flatMap((product): [string, string][] => [
            [product, "stars"],
            [product, "reviews"],
          ]),
        );
        await serve(path, snippets, shapedPage(shape), shape.policy);
        const { shop, problemsBefore } = await openShop(2 * shape.products.length, shape.products.length > 1);
        const displays = () =>
          shop.page.evaluate(() =>
            [...document.querySelectorAll('[data-plaudit="reviews"]')].map(
              (host) => getComputedStyle(host.shadowRoot!.querySelector(".plaudit-summary")!).display,
            ),
          );
        await expect.poll(displays).toEqual(shape.products.map(() => "flex"));
        expect(await widgetCodeMounted(shop.page)).toBe(false);
        // The shopper reaches for each product's reviews in turn: each hydrates.
        for (const host of await shop.page.locator('[data-plaudit="reviews"]').all()) await host.hover();
        await expect.poll(() => widgetCodeMounted(shop.page)).toBe(true);
        await expectHydratedInPlace(shop, problemsBefore, path);
        if (shape.html?.includes("rtl")) {
          const dir = await shop.page.evaluate(
            () =>
              getComputedStyle(
                document
                  .querySelector('[data-plaudit="reviews"]')!
                  .shadowRoot!.querySelector(".plaudit-root")!,
              ).direction,
          );
          expect(dir).toBe("rtl");
        }
        // Interactive: every product's list answers "Load more".
        await shop.page.getByRole("button", { name: /./ }).first().waitFor();
        await shop.close();
      });
    }
  }
});
