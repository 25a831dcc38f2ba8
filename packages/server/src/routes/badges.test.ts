import { LIMITS } from "@plaudit/contract";
import { renderStars, starsWidgetCss } from "@plaudit/reviews/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";

// GET /v1/stores/{store}/badges: a collection page's star badges in one read (issue #20).

const HOSTILE_ID = '<img src=x onerror=alert(1)>"&';
/** Every element the badge markup is made of: anything else in `html` would be injected. */
const BADGE_TAGS = new Set(["a", "span"]);

describe.each(databasesUnderTest())("star badges for many products on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  const badges = (query: string, headers: Record<string, string> = {}) =>
    getJson(`${server.url}/v1/stores/${storeId}/badges?${query}`, headers);
  const products = (...ids: string[]) => `products=${ids.map(encodeURIComponent).join(",")}`;

  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ storeId } = await makeStore(server.db));
    const review = (product: string, rating: number) =>
      postJson(
        `${server.url}/v1/stores/${storeId}/products/${encodeURIComponent(product)}/reviews`,
        reviewBody({ rating, body: `Review of ${product} with ${rating} stars, honestly written.` }),
      );
    for (const rating of [5, 4, 3]) expect((await review("tee", rating)).status).toBe(201);
    for (const rating of [5, 4]) expect((await review("mug", rating)).status).toBe(201);
    expect((await review(HOSTILE_ID, 5)).status).toBe(201);
  });
  afterAll(() => server.close());

  it("answers every product asked, in order, with /summaries' summaries and the badge stylesheet", async () => {
    const ids = ["ghost", "tee", "mug", "tee"];
    const res = await badges(products(...ids));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.json.css).toBe(starsWidgetCss);
    expect(res.json.items.map((item: { productId: string }) => item.productId)).toEqual(ids);
    const summaries = await getJson(`${server.url}/v1/stores/${storeId}/summaries?${products(...ids)}`);
    expect(res.json.items.map((item: { summary: unknown }) => item.summary)).toEqual(summaries.json.items);
    const [ghost, tee] = res.json.items;
    expect(ghost.summary).toEqual({
      productId: "ghost",
      count: 0,
      average: 0,
      histogram: [0, 0, 0, 0, 0],
      mediaCount: 0,
    });
    expect(ghost.html).toMatch(/^<span class="plaudit-root plaudit-star-badge plaudit-star-badge--empty"/);
    expect(ghost.html).toContain('aria-hidden="true"');
    expect(tee.summary).toMatchObject({ count: 3, average: 4 });
    expect(tee.html).toMatch(/^<a class="plaudit-root plaudit-star-badge" href="#plaudit-reviews"/);
    expect(tee.html).toContain('aria-label="4 out of 5 stars, 3 reviews"');
    expect(tee.html).toContain(">(3)</span></a>");
    // The stars are one element, drawn by the stylesheet (no SVG per badge).
    expect(tee.html).toContain(
      '<span class="plaudit-stars plaudit-tens-4 plaudit-units-0" role="img" aria-label="4 out of 5 stars"></span>',
    );
  });

  it("answers the markup renderStars puts in its shadow root for the same summary (one source)", async () => {
    for (const [locale, theme] of [
      ["en", "auto"],
      ["de", "dark"],
      ["he", "light"],
    ] as const) {
      const res = await badges(`${products("tee", "ghost")}&locale=${locale}&theme=${theme}`);
      for (const item of res.json.items) {
        const rendered = await renderStars({
          store: storeId,
          product: { id: item.productId },
          data: { summary: item.summary },
          locale,
          theme,
        });
        expect(rendered.html).toContain(`<style>${res.json.css}</style>${item.html}</template>`);
      }
    }
  });

  it("speaks German and Hebrew (right to left), and falls back to English", async () => {
    const german = (await badges(`${products("tee", "mug")}&locale=de`)).json.items;
    expect(german[0].html).toContain('aria-label="4 von 5 Sternen, 3 Bewertungen"');
    expect(german[1].html).toContain('aria-label="4,5 von 5 Sternen, 2 Bewertungen"');
    expect(german[0].html).toContain('dir="ltr" lang="de"');
    const hebrew = (await badges(`${products("mug")}&locale=he-IL`)).json.items;
    expect(hebrew[0].html).toContain('aria-label="4.5 מתוך 5 כוכבים, שתי ביקורות"');
    expect(hebrew[0].html).toContain('dir="rtl" lang="he-IL"');
    const french = (await badges(`${products("tee")}&locale=fr`)).json.items;
    expect(french[0].html).toContain("4 out of 5 stars, 3 reviews");
    expect(french[0].html).toContain('dir="ltr"');
    // Empty parameters are the defaults, as on the snippet route.
    const plain = (await badges(`${products("tee")}&locale=&theme=`)).json.items;
    expect(plain[0].html).toContain('data-theme="auto" dir="ltr" lang="en"');
  });

  it("writes the theme asked on every badge", async () => {
    const dark = (await badges(`${products("tee", "ghost")}&theme=dark`)).json.items;
    for (const item of dark) expect(item.html).toContain('data-theme="dark"');
    const auto = (await badges(products("tee"))).json.items;
    expect(auto[0].html).toContain('data-theme="auto"');
  });

  it("keeps a hostile product id in the JSON only: the markup is the badge's elements alone", async () => {
    const res = await badges(products(HOSTILE_ID, "tee"));
    expect(res.status).toBe(200);
    const [hostile] = res.json.items;
    expect(hostile.productId).toBe(HOSTILE_ID);
    expect(hostile.summary.count).toBe(1);
    expect(hostile.html).not.toContain("onerror");
    for (const item of res.json.items) {
      const tags = [...item.html.matchAll(/<\/?([^\s>/]+)/g)].map((m) => m[1]);
      expect(tags.filter((tag) => !BADGE_TAGS.has(tag))).toEqual([]);
    }
  });

  it("answers bad input with 422 validation_failed, one message per parameter, and an unknown store with 404", async () => {
    const expectFields = async (query: string, fields: string[]) => {
      const res = await badges(query);
      expect(res.status, query).toBe(422);
      expect(res.json.error.code).toBe("validation_failed");
      expect(Object.keys(res.json.error.fields).sort(), query).toEqual(fields);
    };
    await expectFields("products=", ["products"]);
    await expectFields("", ["products"]);
    const tooMany = Array.from({ length: LIMITS.summariesMax + 1 }, (_, i) => `p${i}`);
    await expectFields(products(...tooMany), ["products"]);
    await expectFields("products=a,,b", ["products"]);
    await expectFields(`${products("tee")}&locale=x_y`, ["locale"]);
    await expectFields(`${products("tee")}&locale=${encodeURIComponent('en"><b>')}`, ["locale"]);
    await expectFields(`${products("tee")}&theme=neon`, ["theme"]);
    await expectFields("products=&locale=x_y&theme=neon", ["locale", "products", "theme"]);
    const empty = await badges("products=");
    expect(empty.json.error.fields.products).toBe(`must list 1–${LIMITS.summariesMax} product ids`);
    const neon = await badges(`${products("tee")}&theme=neon`);
    expect(neon.json.error.fields.theme).toBe("must be light, dark or auto");
    const exactlyMax = tooMany.slice(0, LIMITS.summariesMax);
    expect((await badges(products(...exactlyMax))).json.items).toHaveLength(LIMITS.summariesMax);

    const missing = await getJson(`${server.url}/v1/stores/no-such-store/badges?${products("tee")}`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("store_not_found");
  });

  it("is cacheable (ETag, public max-age, 304) and answers again when a review arrives", async () => {
    const query = products("cached", "tee");
    const first = await badges(query);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
    const again = await fetch(`${server.url}/v1/stores/${storeId}/badges?${query}`, {
      headers: { "if-none-match": etag! },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // Another language is another representation.
    expect((await badges(`${query}&locale=de`, { "if-none-match": etag! })).status).toBe(200);

    const posted = await postJson(`${server.url}/v1/stores/${storeId}/products/cached/reviews`, reviewBody());
    expect(posted.status).toBe(201);
    const after = await badges(query, { "if-none-match": etag! });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(after.json.items[0].summary.count).toBe(1);
    expect(after.json.items[0].html).toContain("(1)");
  });

  it("may be read by a shop on another origin (CORS), gzipped for clients that take it", async () => {
    const res = await fetch(`${server.url}/v1/stores/${storeId}/badges?${products("tee", "mug")}`, {
      headers: { origin: "https://another-shop.example", "accept-encoding": "gzip" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")).toContain("ETag");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect((await res.json()).items).toHaveLength(2);
  });
});
