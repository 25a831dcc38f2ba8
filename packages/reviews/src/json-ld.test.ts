import { describe, expect, it } from "vitest";
import { makeReview, summarize } from "../testing/fake-api.ts";
import { scriptJson } from "./hydration/server-state.ts";
import { buildProductJsonLd, serializeJsonLd } from "./json-ld.ts";

const reviews = [makeReview(1, { rating: 5 }), makeReview(2, { rating: 4, title: "" })];
const summary = { ...summarize("tee", reviews), average: 4.5 };

describe("buildProductJsonLd", () => {
  it("builds one Product with aggregateRating and the visible reviews", () => {
    const node = buildProductJsonLd({
      productId: "tee",
      productName: "Classic tee",
      url: "https://shop.test/tee",
      idBase: "https://shop.test/tee",
      summary,
      reviews,
    });
    expect(node).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Product",
      "@id": "https://shop.test/tee#plaudit-product-tee",
      name: "Classic tee",
      aggregateRating: {
        "@type": "AggregateRating",
        ratingValue: 4.5,
        reviewCount: 2,
        bestRating: 5,
        worstRating: 1,
      },
    });
    expect(node.review).toEqual([
      {
        "@type": "Review",
        author: { "@type": "Person", name: "Shopper 1" },
        reviewRating: { "@type": "Rating", ratingValue: 5, bestRating: 5, worstRating: 1 },
        datePublished: reviews[0]!.createdAt.slice(0, 10),
        reviewBody: reviews[0]!.body,
        name: "Review number 1",
      },
      expect.not.objectContaining({ name: expect.anything() }),
    ]);
    expect(JSON.stringify(node)).toContain('"ratingValue":4.5');
  });

  it("keeps author names under 100 characters", () => {
    const long = makeReview(3, { author: { name: "A".repeat(150) } });
    const node = buildProductJsonLd({ productId: "tee", summary, reviews: [long] });
    const name = (node.review as { author: { name: string } }[])[0]!.author.name;
    expect(name.length).toBeLessThan(100);
  });

  it("adds no rating to a product nobody has reviewed (reviewCount 0 is invalid)", () => {
    const node = buildProductJsonLd({
      productId: "tee",
      productName: "Tee",
      summary: summarize("tee", []),
      reviews: [],
    });
    expect(node.aggregateRating).toBeUndefined();
    expect(node.review).toBeUndefined();
  });

  it("writes only the rating under the page's own @id when merging", () => {
    const node = buildProductJsonLd({
      productId: "tee",
      productName: "Tee",
      summary,
      reviews,
      mergeIntoId: "/tee#product",
    });
    expect(Object.keys(node).sort()).toEqual(["@context", "@id", "@type", "aggregateRating", "review"]);
    expect(node["@id"]).toBe("/tee#product");
  });
});

describe("serializeJsonLd", () => {
  it("cannot close its script element early", () => {
    const text = serializeJsonLd({ reviewBody: "great</script><script>alert(1)</script>" });
    expect(text).not.toContain("</");
    expect(JSON.parse(text).reviewBody).toBe("great</script><script>alert(1)</script>");
  });

  it("has no `<!--` either, which would double-escape a serialized script", () => {
    const text = serializeJsonLd({ reviewBody: "</script><script>x()</script><!--" });
    expect(text).not.toContain("<");
    expect(JSON.parse(text).reviewBody).toBe("</script><script>x()</script><!--");
  });
});

describe("on a page whose arrays have their own toJSON (Prototype.js 1.6)", () => {
  it("writes the reviews and the painted state's lists as lists", () => {
    Object.defineProperty(Array.prototype, "toJSON", {
      configurable: true,
      value(this: unknown[]) {
        return `[${this.join(", ")}]`;
      },
    });
    try {
      const node = buildProductJsonLd({
        productId: "tee",
        summary: summarize("tee", [makeReview(1)]),
        reviews: [makeReview(1)],
      });
      expect(Array.isArray(JSON.parse(serializeJsonLd(node)).review)).toBe(true);
      expect(JSON.parse(scriptJson({ summary: { histogram: [0, 1] } })).summary.histogram).toEqual([0, 1]);
    } finally {
      delete (Array.prototype as unknown as { toJSON?: unknown }).toJSON;
    }
  });
});
