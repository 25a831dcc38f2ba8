// Server-rendered reviews on a shop whose CSP forbids inline styles (docs/ssr.md, "Styles and
// CSP"), the Plaudit API on another origin: each documented path — the page's nonce, the style's
// sha256, a stylesheet copied to the shop's own origin — is styled from the first frame and
// hydrates with CLS 0; with the style blocked anyway, hydration moves nothing outside the widget.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./harness.ts";
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
      "Content-Security-Policy": shopAnswer.csp,
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
  /** The shop's style-src, given the snippet response. */
  styleSrc(snippet: Response): string;
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
    styleSrc: (snippet) => `'self' ${snippet.headers.get("plaudit-style-src")}`,
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

// Sums layout shifts, counts mounts, and remembers where the content around the widget sat in the
// page (reaching for the widget may scroll it) once the parser is done (declarative shadow root
// attached, unstyled if the CSP blocked the style).
const WATCH = `
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({ type: "layout-shift", buffered: true });
window.__mounted = [];
(window.Plaudit = window.Plaudit || []).push(["on", "widget:mounted", (e) => window.__mounted.push(e.kind)]);
window.__around = () => ["#above", "#below"].map((s) => document.querySelector(s).getBoundingClientRect().top + scrollY);
document.addEventListener("readystatechange", () => {
  if (document.readyState === "interactive") window.__before = { around: window.__around(), mounted: window.__mounted.length };
});
`;

const shopPage = (snippet: string, api: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Classic Cotton Tee</title><link rel="icon" href="data:,">
</head>
<body><h1 id="above">Classic Cotton Tee</h1>
${snippet}
<p id="below">Shipping and returns</p>
<script src="${api}/plaudit.js" data-store="demo" async></script>
</body></html>`;

describe("server-rendered reviews under a strict CSP", () => {
  for (const path of PATHS) {
    it(`${path.name}: ${path.styled ? "styled from the first frame, CLS 0" : "nothing outside the widget moves"}`, async () => {
      const api = plaudit.baseUrl;
      const snippet = await fetch(
        `${api}/v1/stores/demo/products/tee-classic/snippet?${new URLSearchParams(path.query)}`,
      );
      expect(snippet.status).toBe(200);
      const csp = [
        "default-src 'self'",
        `script-src 'self' ${api}`,
        `connect-src 'self' ${api}`,
        `img-src 'self' ${api} data:`,
        `style-src ${path.styleSrc(snippet)}`,
      ].join("; ");
      // What a merchant does once per release for the own-origin path: copy the stylesheet.
      const css = await (await fetch(`${api}/plaudit.css`)).text();
      shopAnswer = { html: shopPage(await snippet.text(), api), csp, css };

      const shop = await plaudit.open("/healthz", { viewport: { width: 1280, height: 900 } });
      const before = shop.problems().length; // the blank first page's favicon 404 is not ours
      await shop.page.addInitScript(WATCH);
      await shop.page.goto(`${shopOrigin}/products/tee-classic`);
      await expect
        .poll(() => shop.page.evaluate(() => (window as never as { __mounted: string[] }).__mounted))
        .toEqual(["reviews"])
        .catch((e) => {
          throw new Error(`${e}\n${shop.problems().join("\n")}`);
        });
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
      await nextFrames(shop.page);
      const report = await shop.page.evaluate(() => {
        const w = window as never as {
          __cls: number;
          __before: { around: number[]; mounted: number };
          __around(): number[];
        };
        return { cls: w.__cls, before: w.__before, after: w.__around() };
      });
      // Hydrated, not rendered before the parser was done: the snapshot is of the server's markup.
      expect(report.before.mounted).toBe(0);
      expect(report.after).toEqual(report.before.around);
      const problems = shop.problems().slice(before);
      if (path.styled) {
        expect(report.cls.toFixed(3)).toBe("0.000");
        expect(problems).toEqual([]);
      } else {
        // The browser refused the inline style (that is the point of this case); nothing else failed.
        expect(problems.length).toBeGreaterThan(0);
        expect(problems.every((p) => /style|CSP/i.test(p))).toBe(true);
      }
      // Interactive: the list answers "Load more" (the page after the server's cursor).
      await shop.page.getByRole("button", { name: "Load more reviews" }).click();
      await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBe(20);
      expect(shop.requestsTo("/v1/stores/demo/products/tee-classic/reviews")).toHaveLength(1);
      await shop.close();
    });
  }
});
