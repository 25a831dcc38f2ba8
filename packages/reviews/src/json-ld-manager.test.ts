import { afterEach, describe, expect, it } from "vitest";
import { acquireProductJsonLd } from "./json-ld-manager.ts";
import { makeReview, summarize } from "./testing/fake-api.ts";

const reviews = [makeReview(1), makeReview(2)];
const summary = summarize("tee", reviews);

type Node = Record<string, unknown>;
const scripts = () => [...document.querySelectorAll<HTMLScriptElement>('script[type="application/ld+json"]')];
const nodes = (): Node[] =>
  scripts().flatMap((script) => {
    const doc = JSON.parse(script.textContent ?? "");
    return (Array.isArray(doc) ? doc : (doc["@graph"] ?? [doc])) as Node[];
  });
const products = () => nodes().filter((node) => node["@type"] === "Product");

function themeScript(doc: unknown) {
  const script = document.createElement("script");
  script.type = "application/ld+json";
  script.textContent = JSON.stringify(doc);
  document.head.append(script);
  return script;
}

afterEach(() => {
  for (const script of scripts()) script.remove();
});

describe("product JSON-LD on the page", () => {
  it("keeps one Product node however many widgets show the product, until the last one goes", () => {
    const handles = [1, 2, 3].map(() => acquireProductJsonLd(document, "tee"));
    for (const handle of handles) handle.update({ productName: "Classic tee", summary, reviews });
    expect(scripts()).toHaveLength(1);
    expect(products()).toHaveLength(1);
    expect(products()[0]).toMatchObject({ name: "Classic tee", aggregateRating: { reviewCount: 2 } });
    handles[0]!.release();
    handles[1]!.release();
    expect(products()).toHaveLength(1);
    handles[2]!.release();
    expect(scripts()).toHaveLength(0);
  });

  it("removes the node when the widgets that had data unmount but one without data stays", () => {
    const waiting = acquireProductJsonLd(document, "tee");
    const shown = acquireProductJsonLd(document, "tee");
    shown.update({ summary, reviews });
    shown.release();
    expect(scripts()).toHaveLength(0);
    waiting.release();
  });

  it("follows the reviews the shopper sees", () => {
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({ summary, reviews: reviews.slice(0, 1) });
    handle.update({ summary, reviews });
    expect((products()[0]!.review as unknown[]).length).toBe(2);
    handle.release();
  });

  it("adds to the theme's Product by its @id instead of writing a second product", () => {
    themeScript({
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "Organization", name: "Shop" },
        { "@type": "Product", "@id": "https://shop.test/tee#product", sku: "tee", name: "Classic tee" },
      ],
    });
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({ summary, reviews });
    const ours = document.querySelector<HTMLScriptElement>("script[data-plaudit-jsonld]")!;
    const node = JSON.parse(ours.textContent!);
    expect(node["@id"]).toBe("https://shop.test/tee#product");
    expect(node.name).toBeUndefined();
    expect(node.aggregateRating.reviewCount).toBe(2);
    // Merged by @id, the page describes exactly one product.
    expect(new Set(products().map((product) => product["@id"])).size).toBe(1);
    handle.release();
    expect(document.querySelector("script[data-plaudit-jsonld]")).toBeNull();
  });

  it("adds the rating to a theme Product that has no @id, and puts the original back at the end", () => {
    const original = JSON.stringify({
      "@context": "https://schema.org",
      "@type": "Product",
      sku: "tee",
      name: "Tee",
    });
    const theme = themeScript(JSON.parse(original));
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({ summary, reviews });
    expect(scripts()).toHaveLength(1);
    expect(products()).toHaveLength(1);
    expect(products()[0]).toMatchObject({ name: "Tee", sku: "tee", aggregateRating: { reviewCount: 2 } });
    handle.release();
    expect(theme.textContent).toBe(original);
  });

  it("leaves another product's node alone", () => {
    themeScript({ "@context": "https://schema.org", "@type": "Product", sku: "hoodie", name: "Hoodie" });
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({ productName: "Tee", summary, reviews });
    expect(
      products()
        .map((product) => product.name)
        .sort(),
    ).toEqual(["Hoodie", "Tee"]);
    handle.release();
  });

  it("escapes review text that tries to close the script", () => {
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({
      summary,
      reviews: [makeReview(9, { body: "nice</script><img src=x onerror=alert(1)>" })],
    });
    const ours = document.querySelector("script[data-plaudit-jsonld]")!;
    expect(ours.textContent).not.toContain("</script>");
    expect(ours.children).toHaveLength(0);
    expect(document.querySelector("img")).toBeNull();
    handle.release();
  });
});
