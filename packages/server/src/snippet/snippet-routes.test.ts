import { createHash } from "node:crypto";
import { connect } from "node:net";
import { renderReviews, widgetCss, widgetCssFile, widgetStyleHashes } from "@plaudit/reviews/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";

describe.each(databasesUnderTest())("review snippet on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  const time = testClock();
  const snippet = (product: string, query = "") =>
    `${server.url}/v1/stores/${storeId}/products/${encodeURIComponent(product)}/snippet${query}`;

  beforeAll(async () => {
    server = await startTestServer({ db: kind, clock: time.clock });
    ({ storeId } = await makeStore(server.db));
    for (let i = 0; i < 12; i++) {
      time.advance(60_000);
      const res = await postJson(
        `${server.url}/v1/stores/${storeId}/products/tee/reviews`,
        reviewBody({
          rating: (i % 5) + 1,
          title: `Review ${i}`,
          body: i === 3 ? "</script><b>x</b>" : `Body ${i}`,
        }),
      );
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => server.close());

  it("renders the same fragment as renderReviews given what the public API answers", async () => {
    const response = await fetch(snippet("tee", "?locale=de&theme=dark"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();

    const base = `${server.url}/v1/stores/${storeId}/products/tee`;
    const summary = (await getJson(`${base}/summary`)).json;
    const reviews = (await getJson(`${base}/reviews`)).json;
    const expected = await renderReviews({
      store: storeId,
      product: { id: "tee" },
      data: { summary, reviews },
      locale: "de",
      theme: "dark",
      stylesheet: `${server.url}/${widgetCssFile}`,
    });
    expect(html).toBe(`${expected.html}\n${expected.jsonLd}\n`);
    expect(reviews.items).toHaveLength(10);
    expect(html.match(/data-plaudit-jsonld/g)).toHaveLength(1);
  });

  it("draws every star row as one empty element, the summary's at 20 px", async () => {
    const html = await (await fetch(snippet("tee"))).text();
    const rows = html.match(/<span class="plaudit-stars[ "][^>]*>(<\/span>)?/g) ?? [];
    // The summary and the ten cards; 2.75 on average is 28 tenths of a star.
    expect(rows).toHaveLength(11);
    expect(rows[0]).toBe(
      '<span class="plaudit-stars plaudit-stars--20 plaudit-tens-2 plaudit-units-8" role="img" aria-label="2.8 out of 5 stars"></span>',
    );
    for (const row of rows.slice(1)) {
      expect(row).toMatch(
        /^<span class="plaudit-stars plaudit-tens-[1-5] plaudit-units-0" role="img" aria-label="[1-5] out of 5 stars"><\/span>$/,
      );
    }
  });

  it("is cacheable: ETag, stale-while-revalidate, 304 on If-None-Match", async () => {
    const first = await fetch(snippet("tee"));
    await first.text();
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
    const again = await fetch(snippet("tee"), { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // Another rendering (another locale) is another representation.
    const german = await fetch(snippet("tee", "?locale=de"), { headers: { "if-none-match": etag! } });
    expect(german.status).toBe(200);
  });

  it("renders anew when a review arrives: the old ETag no longer matches", async () => {
    const first = await fetch(snippet("cached"));
    const etag = first.headers.get("etag")!;
    expect(await first.text()).not.toContain("Fresh review");
    const res = await postJson(
      `${server.url}/v1/stores/${storeId}/products/cached/reviews`,
      reviewBody({ title: "Fresh review" }),
    );
    expect(res.status).toBe(201);
    const second = await fetch(snippet("cached"), { headers: { "if-none-match": etag } });
    expect(second.status).toBe(200);
    expect(second.headers.get("etag")).not.toBe(etag);
    expect(await second.text()).toContain("Fresh review");
  });

  it("writes the product facts from the query only as escaped text", async () => {
    const name = '"><script>alert(1)</script>';
    const query = new URLSearchParams({
      name,
      image: "https://shop.example/tee.jpg",
      url: "https://shop.example/products/tee",
      brand: "Fern & Field",
      price: "28.00",
      currency: "USD",
      availability: "InStock",
    });
    const html = await (await fetch(snippet("tee", `?${query}`))).text();
    expect(html).not.toContain("<script>alert");
    expect(html).toContain('data-product-name="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    const ld = /<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(html)![1]!;
    expect(ld).not.toContain("<");
    expect(JSON.parse(ld)).toMatchObject({
      "@type": "Product",
      name,
      image: "https://shop.example/tee.jpg",
      brand: { "@type": "Brand", name: "Fern & Field" },
      offers: {
        "@type": "Offer",
        price: "28.00",
        priceCurrency: "USD",
        availability: "https://schema.org/InStock",
      },
      aggregateRating: { reviewCount: 12 },
    });
  });

  it("answers bad parameters with 422 validation_failed (API.md) and one message per field, an unknown store with 404", async () => {
    const bad = await getJson(
      snippet("tee", "?theme=neon&image=javascript:alert(1)&price=abc&currency=usd&locale=x_y"),
    );
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe("validation_failed");
    expect(Object.keys(bad.json.error.fields).sort()).toEqual([
      "currency",
      "image",
      "locale",
      "price",
      "theme",
    ]);
    const long = await getJson(snippet("tee", `?name=${"x".repeat(201)}`));
    expect(long.status).toBe(422);
    expect(long.json.error).toEqual({
      code: "validation_failed",
      message: expect.stringContaining("name"),
      fields: { name: expect.any(String) },
    });
    const missing = await getJson(`${server.url}/v1/stores/no-such-store/products/tee/snippet`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("store_not_found");
  });

  it("answers a URL over Node's 16 KB head, or a request that is not HTTP, in API.md's error shape", async () => {
    // A theme template that puts long facts into the URL: 2000-character image and page URLs of
    // non-Latin text, percent-encoded (9 bytes a character), are more than Node reads of a head.
    const long = "ß".repeat(1000);
    const query = new URLSearchParams({
      name: "Tee",
      image: `https://shop.example/${long}`,
      url: `https://shop.example/p/${long}`,
    });
    const tooLong = await fetch(
      snippet("tee", `?${query}&description=${encodeURIComponent("€".repeat(1000))}`),
    );
    expect(tooLong.status).toBe(431);
    expect(tooLong.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await tooLong.json()).toEqual({
      error: { code: "bad_request", message: expect.stringContaining("16 KB") },
    });
    // Not HTTP at all: a raw socket's garbage is answered (400) and the connection closed.
    const raw = await new Promise<string>((done) => {
      const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
      let heard = "";
      socket.on("data", (chunk) => {
        heard += chunk.toString();
      });
      socket.on("close", () => done(heard));
      socket.on("error", () => undefined);
      socket.write("GET /v1/stores/x/products/y/snippet HTTP/1.1\r\nHost x\r\n\r\n");
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4))).toEqual({
      error: { code: "bad_request", message: expect.any(String) },
    });
  });

  it("serves the star badge alone, and a product without reviews without rating markup", async () => {
    const stars = await (await fetch(snippet("tee", "?widget=stars"))).text();
    expect(stars).toMatch(
      /^<div data-plaudit="stars"[^>]*data-href="#plaudit-reviews"><template shadowrootmode="open">/,
    );
    expect(stars).toContain("(12)");
    expect(stars).not.toContain("ld+json");
    const empty = await (await fetch(snippet("new-product"))).text();
    const ld = JSON.parse(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(empty)![1]!);
    expect(ld.aggregateRating).toBeUndefined();
    expect(ld.review).toBeUndefined();
  });

  it("serves the widget CSS as a content-hashed file cached forever", async () => {
    const response = await fetch(`${server.url}/${widgetCssFile}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await response.text()).toBe(widgetCss);
    const link = await (await fetch(snippet("tee", "?styles=link"))).text();
    expect(link).toContain(`<link rel="stylesheet" href="${server.url}/${widgetCssFile}">`);
    expect(link).not.toContain("<style>");
  });

  it("puts a per-request nonce on the inline styles without caching it: no-store, no ETag", async () => {
    const withNonce = await fetch(snippet("tee", "?nonce=r4nd0m%2BNonce%3D%3D"));
    expect(withNonce.status).toBe(200);
    expect(withNonce.headers.get("cache-control")).toBe("no-store");
    expect(withNonce.headers.get("etag")).toBeNull();
    const html = await withNonce.text();
    expect(html.match(/<style nonce="r4nd0m\+Nonce==">/g)).toHaveLength(1);
    expect(html).not.toContain("<style>");
    // The rendering is shared, the nonce is not: the next page view without one gets none.
    const plain = await fetch(snippet("tee"));
    expect(plain.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
    expect(await plain.text()).not.toContain("nonce");
    for (const nonce of ['"><script>alert(1)</script>', "a b", "x".repeat(129)]) {
      const bad = await getJson(snippet("tee", `?${new URLSearchParams({ nonce })}`));
      expect(bad.status).toBe(422);
      expect(bad.json.error.code).toBe("validation_failed");
      expect(Object.keys(bad.json.error.fields)).toEqual(["nonce"]);
    }
  });

  it("names the inline style's sha256 for style-src in Plaudit-Style-Src", async () => {
    for (const widget of ["reviews", "stars"]) {
      const response = await fetch(snippet("tee", `?widget=${widget}`));
      const css = /<style>(.*?)<\/style>/s.exec(await response.text())![1]!;
      const digest = createHash("sha256").update(css).digest("base64");
      expect(response.headers.get("plaudit-style-src")).toBe(`'sha256-${digest}'`);
      expect(widgetStyleHashes[widget as "reviews" | "stars"]).toBe(`sha256-${digest}`);
    }
    const linked = await fetch(snippet("tee", "?styles=link"));
    expect(linked.headers.get("plaudit-style-src")).toBeNull();
  });

  it("links a stylesheet on the merchant's own origin when asked", async () => {
    const own = await (await fetch(snippet("tee", "?styles=link&stylesheet=/assets/plaudit.css"))).text();
    expect(own).toContain('<link rel="stylesheet" href="/assets/plaudit.css">');
    expect(own).not.toContain(widgetCssFile);
    for (const stylesheet of ["javascript:alert(1)", "//evil.example/x.css", '/a"b.css']) {
      const bad = await getJson(snippet("tee", `?${new URLSearchParams({ styles: "link", stylesheet })}`));
      expect(bad.status).toBe(422);
      expect(bad.json.error.code).toBe("validation_failed");
      expect(Object.keys(bad.json.error.fields)).toEqual(["stylesheet"]);
    }
  });
});
