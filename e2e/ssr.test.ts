// Reviews in the first HTML (docs/ssr.md): the SSR example shop renders them with
// @plaudit/reviews/server under a strict CSP (its nonce on the widgets' styles), plaudit.js hydrates
// them; the snippet route does the same for themes that cannot run Node. Checked as a crawler (no JavaScript), as a shopper (hydration), and as a
// search engine (structured data, validated offline with Google's rules).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./harness.ts";
import { nextFrames, reachForReviews, widgetCodeMounted } from "./reviews-widget-helpers.ts";
import { type ShopServer, startSsrStore, validateStructuredData } from "./ssr-helpers.ts";

let plaudit: Harness;
let shop: ShopServer;

beforeAll(async () => {
  plaudit = await startHarness();
  shop = await startSsrStore(plaudit.baseUrl);
});
afterAll(async () => {
  await shop?.close();
  await plaudit?.close();
});

const productUrl = () => `${shop.url}/products/tee-classic`;
const TALL = { width: 1280, height: 3000 };

// Runs before the page's scripts: sums layout shifts, and — once the parser has attached the
// declarative shadow roots, before any widget mounts — remembers the server's nodes and watches
// them for changes.
const WATCH_HYDRATION = `
window.__cls = 0;
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__cls += entry.value;
    // What moved, and when (before or after the widgets mounted), for a failure worth reading.
    for (const s of entry.sources) window.__shifts.push(Math.round(entry.startTime) + " ms, " + (window.__mounted || []).length + " mounted: " + (s.node ? s.node.nodeName + "." + (s.node.className || "") : "a node") + " " + JSON.stringify(s.previousRect) + " → " + JSON.stringify(s.currentRect));
  }
}).observe({ type: "layout-shift", buffered: true });
window.__mounted = [];
(window.Plaudit = window.Plaudit || []).push(["on", "widget:mounted", (e) => window.__mounted.push(e.kind)]);
document.addEventListener("readystatechange", () => {
  if (document.readyState !== "interactive") return;
  const root = document.querySelector('[data-plaudit="reviews"]').shadowRoot;
  window.__ssr = {
    mountedFirst: window.__mounted.length,
    nodes: [...root.querySelector("section").querySelectorAll("*")],
    html: root.querySelector("section").outerHTML,
    changes: [],
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type !== "childList") window.__ssr.changes.push(r.type + " " + (r.attributeName || "") + " on " + r.target.nodeName + " " + JSON.stringify(r.target.data || ""));
      for (const n of r.removedNodes) window.__ssr.changes.push("removed " + n.nodeName + " " + JSON.stringify(n.data || ""));
      for (const n of r.addedNodes) window.__ssr.changes.push("added " + n.nodeName + " " + JSON.stringify(n.data || "") + " in " + r.target.nodeName + "." + r.target.className);
    }
  }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
});
`;

describe("server-rendered reviews", () => {
  it("shows the summary, the first reviews and the stars with JavaScript off", async () => {
    const page = await plaudit.open(productUrl(), { javaScriptEnabled: false, viewport: TALL });
    const reviews = page.page.locator('[data-plaudit="reviews"]');
    await expect(reviews.locator(".plaudit-summary__count").first().textContent()).resolves.toMatch(
      /Based on \d+ reviews/,
    );
    expect(await reviews.locator("article").count()).toBe(10);
    expect(await reviews.locator("article h3").first().textContent()).toBeTruthy();
    const badge = page.page.locator('[data-plaudit="stars"] a.plaudit-star-badge');
    expect(await badge.getAttribute("aria-label")).toMatch(/out of 5 stars, \d+ reviews/);
    // Styled by its own shadow-root CSS: the summary holds its height before any script.
    const box = await reviews.locator(".plaudit-summary").boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(168);
    expect(page.requestsTo("/v1/")).toEqual([]);
    await page.close();
  });

  it("serves its pages under a strict CSP: a nonce per response, on the widgets' inline styles", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(productUrl());
      const csp = response.headers.get("content-security-policy") ?? "";
      const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(csp)?.[1];
      expect(csp).not.toContain("unsafe-inline");
      expect(nonce).toBeTruthy();
      const styles = (await response.text()).match(/<style[^>]*>/g) ?? [];
      // The badge's and the reviews' <style>, each with this response's nonce.
      expect(styles).toEqual([`<style nonce="${nonce}">`, `<style nonce="${nonce}">`]);
      nonces.push(nonce!);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("hydrates in place: no summary or review-list request, no DOM change, CLS 0", async () => {
    const page = await plaudit.open(productUrl(), { viewport: TALL, initScript: WATCH_HYDRATION });
    await expect
      .poll(() => page.page.evaluate(() => (window as never as { __mounted: string[] }).__mounted.sort()))
      .toEqual(["reviews", "stars"]);
    // Shown as the server rendered it; the widgets' code mounts over it (Preact hydrate) when the
    // shopper reaches for one (docs/widget-contract.md, "Painted first"), the badge's with the reviews'.
    expect(await widgetCodeMounted(page.page)).toBe(false);
    await reachForReviews(page.page);
    await expect.poll(() => widgetCodeMounted(page.page, "stars")).toBe(true);
    await nextFrames(page.page);
    const report = await page.page.evaluate(() => {
      const w = window as never as {
        __cls: number;
        __shifts: string[];
        __ssr: { mountedFirst: number; nodes: Element[]; html: string; changes: string[] };
      };
      const section = document
        .querySelector('[data-plaudit="reviews"]')!
        .shadowRoot!.querySelector("section")!;
      return {
        cls: w.__cls,
        shifts: w.__shifts,
        mountedFirst: w.__ssr.mountedFirst,
        nodesKept: w.__ssr.nodes.every((node) => section.contains(node)),
        // Thumbnails get their placeholder colour through the CSSOM once hydrated (no inline style
        // in the server's HTML for a strict CSP to refuse); their box is fixed, so nothing moves.
        sameHtml: section.outerHTML.replace(/ style="background-color: [^"]*"/g, "") === w.__ssr.html,
        changes: w.__ssr.changes,
      };
    });
    expect(report.mountedFirst).toBe(0);
    expect(report.nodesKept).toBe(true);
    expect(report.sameHtml).toBe(true);
    // No widget element added, removed or re-attributed. Preact only splits text the server wrote
    // as one node ("Reply from the store · date") into its parts, and adds an empty text node for
    // the empty live region: the same characters, as sameHtml shows. The server's <style> comes
    // first in the template (styled from the first frame) and is moved behind the widget.
    const textSplits = /^(characterData {2}on #text|added #text) /;
    const styleMoved = /^(removed|added) STYLE ""( in #document-fragment)?/;
    const placeholder = /^attributes style on IMG /;
    expect(
      report.changes.filter(
        (change) => !textSplits.test(change) && !styleMoved.test(change) && !placeholder.test(change),
      ),
    ).toEqual([]);
    expect(report.cls, report.shifts.join("\n")).toBe(0);
    expect(page.requestsTo("/v1/stores/demo/summaries")).toEqual([]);
    expect(page.requestsTo("/v1/stores/demo/products/tee-classic/")).toEqual([]);
    expect(await page.page.locator('script[type="application/ld+json"]').count()).toBe(1);
    expect(page.problems()).toEqual([]);

    // Hydrated, not just left alone: "Load more" asks for the page after the server's cursor.
    await page.page.getByRole("button", { name: "Load more reviews" }).click();
    await expect.poll(() => page.page.locator('[data-plaudit="reviews"] article').count()).toBe(20);
    const more = page.requestsTo("/v1/stores/demo/products/tee-classic/reviews");
    expect(more).toHaveLength(1);
    expect(new URL(more[0]!.url()).searchParams.get("cursor")).toBeTruthy();
    await page.close();
  });

  it("answers a product path it cannot decode, or an unknown product, with 404 (never a 500)", async () => {
    for (const path of ["/products/%E0%A4%A", "/products/%", "/products/no-such-product"]) {
      const response = await fetch(`${shop.url}${path}`);
      await response.text();
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });

  it("publishes one valid Product node on the SSR page, from the snippet route and on the script-tag demo", async () => {
    const ssr = await plaudit.open(productUrl(), { viewport: TALL });
    await expect.poll(() => ssr.page.locator("script[data-plaudit-jsonld]").count()).toBe(1);
    const onSsrPage = await validateStructuredData(await ssr.page.content());
    await ssr.close();

    const facts = new URLSearchParams({
      name: "Classic Cotton Tee",
      image: "https://shop.example/tee.jpg",
      url: "https://shop.example/products/tee-classic",
      price: "28.00",
      currency: "USD",
      availability: "InStock",
    });
    const snippet = await fetch(`${plaudit.baseUrl}/v1/stores/demo/products/tee-classic/snippet?${facts}`);
    const fromSnippet = await validateStructuredData(await snippet.text());

    const demo = await plaudit.open("/demo/tee-classic.html", { viewport: TALL });
    await expect
      .poll(async () =>
        (await demo.page.locator('script[type="application/ld+json"]').allTextContents()).join(),
      )
      .toContain('"aggregateRating"');
    const onDemo = await validateStructuredData(await demo.page.content());
    await demo.close();

    for (const [page, report] of Object.entries({ onSsrPage, fromSnippet, onDemo })) {
      expect({ page, errors: report.errors }).toEqual({ page, errors: [] });
      expect({ page, products: report.products.length }).toEqual({ page, products: 1 });
      expect(report.products[0]).toMatchObject({
        name: "Classic Cotton Tee",
        aggregateRating: {},
        offers: {},
      });
    }
  });
});
