import { createEvents, createI18n, createPlauditStore } from "@plaudit/core";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { fakeApi, makeReview, summarize } from "../../testing/fake-api.ts";
import { seedFirstPage } from "../hydration/seed-first-page.ts";
import { reviewsCatalogs } from "../messages/index.ts";
import { createReviewsController } from "../reviews/reviews-controller.ts";
import { ReviewsWidget } from "../reviews/reviews-widget.tsx";
import { renderReviews } from "./render-reviews.tsx";
import { widgetCssFile } from "./widget-css.ts";

const reviews = Array.from({ length: 12 }, (_, i) => makeReview(i + 1));
const hostile = makeReview(99, {
  title: 'Great"><img src=x onerror=alert(1)>',
  body: "Runs small</script><script>alert(1)</script><!--",
  author: { name: "</template><b>bold</b>" },
});
const items = [hostile, ...reviews.slice(0, 9)];
const data = {
  summary: summarize("tee", [hostile, ...reviews]),
  reviews: { items, nextCursor: "10", total: 13 },
};
const product = { id: "tee", name: "Classic tee", url: "https://shop.example/products/tee?x=1#top" };

/** The widget markup inside the declarative template (the <style> comes first). */
const shadowMarkup = (html: string) =>
  /<template shadowrootmode="open"><style>.*?<\/style>(.*)<\/template>/s.exec(html)?.[1];

/** What the browser's widget renders on its first frame from a store seeded with `state`. */
function clientRender(state: NonNullable<Awaited<ReturnType<typeof renderReviews>>["state"]>, locale = "en") {
  const store = createPlauditStore({ events: createEvents(), storage: () => undefined });
  expect(seedFirstPage(store, state)).toBe(true);
  const config = { apiBase: "https://reviews.test", store: "demo" };
  const controller = createReviewsController({ store, config, productId: state.productId });
  return renderToString(
    h(ReviewsWidget, {
      controller,
      i18n: createI18n(locale, reviewsCatalogs),
      config,
      theme: "auto",
      loadWriteDialog: () => new Promise<never>(() => undefined),
    }),
  );
}

describe("renderReviews", () => {
  it("paints the date the browser writes, whatever the server's and the shopper's time zones", async () => {
    // A review of 23:30 UTC: painted on a UTC server, hydrated in Tokyo (already the 6th there).
    const late = makeReview(1, { createdAt: "2026-01-05T23:30:00.000Z" });
    const one = { summary: summarize("tee", [late]), reviews: { items: [late], nextCursor: null, total: 1 } };
    const zone = process.env.TZ;
    try {
      for (const locale of ["en", "de-AT", "he"]) {
        process.env.TZ = "UTC";
        const painted = await renderReviews({ store: "demo", product, data: one, locale });
        process.env.TZ = "Asia/Tokyo";
        expect(shadowMarkup(painted.html)).toBe(clientRender(painted.state!, locale));
      }
      process.env.TZ = "America/Los_Angeles";
      expect((await renderReviews({ store: "demo", product, data: one })).html).toContain("Jan 5, 2026");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("renders exactly what the browser's widget renders from the same data", async () => {
    const result = await renderReviews({ store: "demo", product, data });
    expect(shadowMarkup(result.html)).toBe(clientRender(result.state!));
    for (const locale of ["de-AT", "he"]) {
      const localized = await renderReviews({ store: "demo", product, data, locale });
      expect(shadowMarkup(localized.html)).toBe(clientRender(localized.state!, locale));
    }
  });

  it("wraps the widget in a declarative shadow root with its state beside it, never as markup", async () => {
    const { html, state } = await renderReviews({
      store: "demo",
      product,
      data,
      api: "https://reviews.test/",
    });
    expect(html).toMatch(
      /^<div data-plaudit="reviews" id="plaudit-reviews" data-product-id="tee" data-store="demo" data-api="https:\/\/reviews.test" data-locale="en" data-theme="auto" data-product-name="Classic tee"><template shadowrootmode="open"><style>[^<]*<\/style><section /,
    );
    const script = /<script type="application\/json" data-plaudit-state>(.*?)<\/script><\/div>$/s.exec(
      html,
    )?.[1];
    expect(script).toBeDefined();
    expect(script).not.toMatch(/[<>&]/);
    expect(JSON.parse(script!)).toEqual(state);
    // User text is text: escaped in the markup, never a tag.
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>bold</b>");
    expect(html.match(/<\/template>/g)).toHaveLength(1);
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it("emits one Product node with the merchant's facts, merged under one @id", async () => {
    const { jsonLd, jsonLdNode } = await renderReviews({
      store: "demo",
      data,
      product: {
        ...product,
        image: ["https://shop.example/tee.jpg"],
        sku: "TEE-1",
        brand: "Fern & Field",
        offers: { price: "28.00", priceCurrency: "USD", availability: "https://schema.org/InStock" },
      },
    });
    const text = /^<script type="application\/ld\+json" data-plaudit-jsonld="tee">(.*)<\/script>$/s.exec(
      jsonLd,
    )?.[1];
    expect(text).not.toContain("<");
    expect(JSON.parse(text!)).toEqual(jsonLdNode);
    expect(jsonLdNode).toMatchObject({
      "@type": "Product",
      "@id": "https://shop.example/products/tee?x=1#plaudit-product-tee",
      name: "Classic tee",
      sku: "TEE-1",
      image: ["https://shop.example/tee.jpg"],
      brand: { "@type": "Brand", name: "Fern & Field" },
      offers: { "@type": "Offer", price: "28.00" },
      aggregateRating: { ratingValue: data.summary.average, reviewCount: 13 },
    });
    expect(jsonLdNode?.review).toHaveLength(10);
  });

  it("never puts a rating on an Organization (Google's self-serving rule), even as the brand", async () => {
    const { jsonLdNode } = await renderReviews({
      store: "demo",
      data,
      product: { ...product, brand: { "@type": "Organization", name: "Fern & Field" } },
    });
    const ratedTypes: unknown[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        const node = value as Record<string, unknown>;
        if ("aggregateRating" in node || "review" in node) ratedTypes.push(node["@type"]);
        Object.values(node).forEach(walk);
      }
    };
    walk(jsonLdNode);
    expect(ratedTypes).toEqual(["Product"]);
    expect(jsonLdNode?.brand).toEqual({ "@type": "Organization", name: "Fern & Field" });
  });

  it("adds only ratings under the page's own @id when the page has its Product node", async () => {
    const { jsonLdNode } = await renderReviews({
      store: "demo",
      data,
      product: { ...product, jsonLdId: "#product", offers: { price: "1" } },
    });
    expect(Object.keys(jsonLdNode!).sort()).toEqual([
      "@context",
      "@id",
      "@type",
      "aggregateRating",
      "review",
    ]);
  });

  it("reads through core's client with a store of its own per call", async () => {
    const api = fakeApi({ products: { tee: reviews } });
    const [a, b] = await Promise.all([
      renderReviews({ store: "demo", product, api: "https://reviews.test", client: { fetch: api.fetch } }),
      renderReviews({ store: "demo", product, api: "https://reviews.test", client: { fetch: api.fetch } }),
    ]);
    expect(a.html).toBe(b.html);
    // Each call reads the summary and the first page itself: no state shared between requests.
    expect(api.calls.map((call) => call.url.pathname).sort()).toEqual([
      "/v1/stores/demo/products/tee/reviews",
      "/v1/stores/demo/products/tee/reviews",
      "/v1/stores/demo/summaries",
      "/v1/stores/demo/summaries",
    ]);
    expect(a.state?.reviews?.items).toHaveLength(10);
    expect(a.stars).toContain("(12)");
  });

  it("leaves an empty host for the browser when the API cannot be read", async () => {
    const api = fakeApi({ products: {}, read: () => new Response("down", { status: 503 }) });
    const result = await renderReviews({
      store: "demo",
      product,
      api: "https://reviews.test",
      client: { fetch: api.fetch, retries: 0 },
    });
    expect(result.error).toBeDefined();
    expect(result.jsonLd).toBe("");
    expect(result.html).toMatch(/^<div data-plaudit="reviews"[^>]*><\/div>$/);
  });

  it("puts the page's CSP nonce on its inline styles, escaped", async () => {
    const { html, stars } = await renderReviews({ store: "demo", product, data, nonce: 'r4nd0m"><x' });
    const styles = html.match(/<style[^>]*>/g) ?? [];
    expect(styles).toEqual(['<style nonce="r4nd0m&quot;&gt;&lt;x">']);
    expect(stars).toContain('<style nonce="r4nd0m&quot;&gt;&lt;x">');
  });

  it("renders light DOM and a linked stylesheet when asked", async () => {
    const { html } = await renderReviews({
      store: "demo",
      product,
      data,
      api: "https://reviews.test",
      shadow: "light",
      styles: "link",
    });
    expect(html).not.toContain("<template");
    expect(html).not.toContain("<style");
    expect(html).toContain(`<link rel="stylesheet" href="https://reviews.test/${widgetCssFile}">`);
    expect(html).toContain('class="plaudit-root plaudit-reviews"');
  });
});
