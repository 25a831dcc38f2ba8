import { afterEach, describe, expect, it } from "vitest";
import { PRODUCT_ID_MAX } from "./api-types.ts";
import { PlauditConfigError, readConfig, scriptOrigin, type WidgetConfig } from "./config.ts";
import { defineWidget, mountFunctionOf } from "./define-widget.ts";

function host(html: string): Element {
  document.body.innerHTML = html;
  return document.body.firstElementChild!;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe("readConfig", () => {
  it("reads the host's data attributes and keeps the rest as options", () => {
    const el = host(
      '<div data-plaudit="reviews" data-store="demo" data-api="https://r.example.com/" data-locale="de-AT" data-theme="dark" data-product-id="tee 1" data-page-size="5"></div>',
    );
    expect(readConfig(el)).toEqual({
      store: "demo",
      apiBase: "https://r.example.com",
      locale: "de-AT",
      theme: "dark",
      productId: "tee 1",
      options: { pageSize: "5" },
    });
  });

  it("lets the host's attributes override the script tag's", () => {
    const el = host('<div data-plaudit="stars" data-store="other" data-product-id="p1"></div>');
    const config = readConfig(el, {
      store: "demo",
      apiBase: "https://r.example.com",
      theme: "light",
      locale: "en",
    });
    expect(config).toMatchObject({
      store: "other",
      apiBase: "https://r.example.com",
      theme: "light",
      locale: "en",
    });
  });

  it("defaults the theme to auto and leaves locale unset", () => {
    const config = readConfig(host('<div data-store="demo" data-api="https://r.example.com"></div>'));
    expect(config.theme).toBe("auto");
    expect(config).not.toHaveProperty("locale");
  });

  it("says what to add when data-store is missing", () => {
    const el = host('<div data-plaudit="reviews" data-api="https://r.example.com"></div>');
    expect(() => readConfig(el)).toThrow(PlauditConfigError);
    expect(() => readConfig(el)).toThrow(
      '[plaudit] data-store is missing on <div data-plaudit="reviews">: add data-store="your-store-id"',
    );
  });

  it.each([
    ['data-store="my store"', /data-store="my store" .* is not a store id/],
    ['data-store="demo" data-api="ftp://x"', /data-api="ftp:\/\/x" .* is not an http\(s\) URL/],
    ['data-store="demo"', /data-api is missing/],
    [
      'data-store="demo" data-api="https://x" data-theme="blue"',
      /data-theme="blue" .*: use "light", "dark" or "auto"/,
    ],
    [
      'data-store="demo" data-api="https://x" data-locale="en_US!"',
      /data-locale="en_US!" .* is not a language tag/,
    ],
    [`data-store="demo" data-api="https://x" data-product-id="${"x".repeat(201)}"`, /1 to 200 characters/],
  ])("refuses %s with a [plaudit] message", (attrs, message) => {
    const el = host(`<div ${attrs}></div>`);
    expect(() => readConfig(el)).toThrow(message);
    expect(() => readConfig(el)).toThrow(/^\[plaudit\] /);
  });
});

describe("scriptOrigin", () => {
  it("is the origin plaudit.js was loaded from", () => {
    const script = document.createElement("script");
    script.src = "https://cdn.reviews.example.com/v1/plaudit.js?x=1";
    expect(scriptOrigin(script)).toBe("https://cdn.reviews.example.com");
  });
});

describe("an npm mount call's options", () => {
  const mounted: WidgetConfig[] = [];
  const mountStars = mountFunctionOf(
    defineWidget({
      kind: "stars",
      options: () => ({}),
      mount({ config }) {
        mounted.push(config);
        return () => {};
      },
    }),
  );
  const good = { store: "demo", apiBase: "https://r.example.com/", productId: "tee" };

  it("are checked as the script tag's data-* are, and a wrong one is named in a [plaudit] error", () => {
    for (const [bad, said] of [
      [
        { store: "my store" },
        'store="my store" in the options of the stars widget\'s mount call is not a store id',
      ],
      [
        { apiBase: "ftp://x" },
        'apiBase="ftp://x" in the options of the stars widget\'s mount call is not an http(s) URL',
      ],
      [{ apiBase: "" }, "apiBase is missing in the options of the stars widget's mount call"],
      [
        { locale: "not a tag!" },
        'locale="not a tag!" in the options of the stars widget\'s mount call is not a language tag',
      ],
      [
        { theme: "purple" },
        'theme="purple" in the options of the stars widget\'s mount call: use "light", "dark" or "auto"',
      ],
      [
        { productId: "p".repeat(PRODUCT_ID_MAX + 1) },
        "productId in the options of the stars widget's mount call must be 1 to",
      ],
    ] as const) {
      const options = { ...good, ...bad } as Parameters<typeof mountStars>[1];
      expect(() => mountStars(document.createElement("div"), options), said).toThrow(PlauditConfigError);
      expect(() => mountStars(document.createElement("div"), options)).toThrow(`[plaudit] ${said}`);
    }
    expect(mounted).toEqual([]);
  });

  it("give the config the same data-* would", () => {
    mountStars(document.createElement("div"), {
      ...good,
      locale: "de-AT",
      theme: "dark",
      href: "#r",
    } as never);
    const el = host(
      '<div data-store="demo" data-api="https://r.example.com/" data-product-id="tee" data-locale="de-AT" data-theme="dark" data-href="#r"></div>',
    );
    expect(mounted).toEqual([readConfig(el)]);
  });
});
