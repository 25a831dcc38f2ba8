import { afterEach, describe, expect, it, vi } from "vitest";
import { makeReview, summarize } from "../testing/fake-api.ts";
import { acquireProductJsonLd } from "./json-ld-manager.ts";

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
  document.body.replaceChildren();
});

/** A theme's microdata product, as Magento's Luma or BigCommerce's Cornerstone write it. */
function microdataTheme(sku: string, extra = "") {
  document.body.innerHTML = `<main><div class="product" itemscope itemtype="http://schema.org/Product" ${extra}>
    <h1 itemprop="name">Classic tee</h1><meta itemprop="sku" content="${sku}">
    <div itemprop="offers" itemscope itemtype="http://schema.org/Offer"><meta itemprop="sku" content="other">
      <meta itemprop="price" content="28.00"><meta itemprop="priceCurrency" content="USD"></div>
  </div></main>`;
  return document.querySelector<HTMLElement>("[itemscope]")!;
}
/** The microdata code is a chunk of its own: the first write waits for it. */
const microdataWritten = async () => {
  await vi.dynamicImportSettled();
  await Promise.resolve();
};
/** An item's own property elements (not its nested items'), by name. */
const props = (item: Element, name: string) =>
  [...item.querySelectorAll(`[itemprop="${name}"]`)].filter(
    (el) => el.parentElement?.closest("[itemscope]") === item,
  );

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

  it("puts the rating into the theme's Product that has an @id, inside @graph, in the theme's script", () => {
    const original = JSON.stringify({
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "Organization", name: "Shop" },
        { "@type": "Product", "@id": "https://shop.test/tee#product", sku: "tee", name: "Classic tee" },
      ],
    });
    const theme = themeScript(JSON.parse(original));
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({ summary, reviews });
    expect(document.querySelector("script[data-plaudit-jsonld]")).toBeNull();
    expect(products()).toHaveLength(1);
    expect(products()[0]).toMatchObject({
      "@id": "https://shop.test/tee#product",
      name: "Classic tee",
      aggregateRating: { reviewCount: 2 },
    });
    expect(nodes().map((node) => node["@type"])).toEqual(["Organization", "Product"]);
    handle.release();
    expect(theme.textContent).toBe(original);
  });

  it("merges into the page's only Product whatever its sku (themes write the variant's SKU)", () => {
    themeScript({ "@context": "https://schema.org", "@type": "Product", sku: "TEE-BLUE-M", name: "Tee" });
    const handle = acquireProductJsonLd(document, "tee-classic");
    handle.update({ summary, reviews });
    expect(scripts()).toHaveLength(1);
    expect(products()).toHaveLength(1);
    expect(products()[0]).toMatchObject({ sku: "TEE-BLUE-M", aggregateRating: { reviewCount: 2 } });
    handle.release();
  });

  it("merges into the page's only ProductGroup, not into one of its variants", () => {
    themeScript([
      {
        "@context": "https://schema.org",
        "@type": "ProductGroup",
        name: "Tee",
        productGroupID: "T1",
        hasVariant: [
          { "@type": "Product", sku: "T1-S", name: "Tee S" },
          { "@type": "Product", sku: "T1-M", name: "Tee M" },
        ],
      },
    ]);
    const handle = acquireProductJsonLd(document, "tee-classic");
    handle.update({ summary, reviews });
    expect(scripts()).toHaveLength(1);
    const [group] = nodes();
    expect(group).toMatchObject({ "@type": "ProductGroup", aggregateRating: { reviewCount: 2 } });
    expect((group!.hasVariant as Node[]).every((variant) => variant.aggregateRating === undefined)).toBe(
      true,
    );
    handle.release();
  });

  it("merges into the node the merchant names with data-product-jsonld-id", () => {
    themeScript({
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "Product", "@id": "#related", sku: "mug", name: "Mug" },
        { "@type": "Product", "@id": "#main", sku: "TEE-M", name: "Tee" },
      ],
    });
    const handle = acquireProductJsonLd(document, "tee", "#main");
    handle.update({ summary, reviews });
    expect(scripts()).toHaveLength(1);
    const byId = Object.fromEntries(products().map((product) => [product["@id"], product]));
    expect(byId["#main"]).toMatchObject({ aggregateRating: { reviewCount: 2 } });
    expect(byId["#related"]!.aggregateRating).toBeUndefined();
    handle.release();
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

  it("leaves a theme script alone that keeps putting its own text back, without a second node", async () => {
    const original = JSON.stringify({ "@context": "https://schema.org", "@type": "Product", sku: "tee" });
    const theme = themeScript(JSON.parse(original));
    // A theme guarding its script: whatever else is written there, it writes its own text back
    // (stopping itself after 50 times, so that the test ends even when we would not).
    let putBack = 0;
    const guard = new MutationObserver(() => {
      if (theme.textContent !== original && putBack < 50) {
        putBack++;
        theme.textContent = original;
      }
    });
    guard.observe(theme, { childList: true, characterData: true, subtree: true });
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({ summary, reviews });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(putBack).toBeLessThanOrEqual(3);
    expect(theme.textContent).toBe(original);
    expect(scripts()).toHaveLength(1);
    // The next change of the reviews starts no new fight either.
    handle.update({ summary: summarize("tee", reviews.slice(0, 1)), reviews: reviews.slice(0, 1) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(putBack).toBeLessThanOrEqual(3);
    guard.disconnect();
    handle.release();
    expect(theme.textContent).toBe(original);
  });

  it("leaves another app's rating in the theme's node while it has no reviews to add", () => {
    const original = JSON.stringify({
      "@context": "https://schema.org",
      "@type": "Product",
      sku: "TEE-M",
      aggregateRating: { "@type": "AggregateRating", ratingValue: 4, reviewCount: 12 },
    });
    const theme = themeScript(JSON.parse(original));
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({ summary: summarize("tee", []), reviews: [] });
    expect(theme.textContent).toBe(original);
    expect(scripts()).toHaveLength(1);
    handle.release();
  });

  it("leaves other products' nodes alone when several are on the page and none is this one", () => {
    themeScript([
      { "@context": "https://schema.org", "@type": "Product", sku: "hoodie", name: "Hoodie" },
      { "@context": "https://schema.org", "@type": "Product", sku: "mug", name: "Mug" },
    ]);
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({ productName: "Tee", summary, reviews });
    expect(
      products()
        .map((product) => product.name)
        .sort(),
    ).toEqual(["Hoodie", "Mug", "Tee"]);
    handle.release();
  });

  it("puts the rating into a Product that is a page node's mainEntity, not beside it", () => {
    const original = JSON.stringify({
      "@context": "https://schema.org",
      "@type": "ItemPage",
      name: "Classic tee",
      mainEntity: { "@type": "Product", sku: "TEE-M", name: "Classic tee" },
    });
    const theme = themeScript(JSON.parse(original));
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({ summary, reviews });
    expect(scripts()).toHaveLength(1);
    const [page] = nodes();
    expect(page).toMatchObject({
      "@type": "ItemPage",
      mainEntity: { sku: "TEE-M", aggregateRating: { reviewCount: 2 } },
    });
    handle.release();
    expect(theme.textContent).toBe(original);
  });

  it("puts the rating into the theme's microdata Product as microdata, and takes it out at the end", async () => {
    const item = microdataTheme("TEE-BLUE-M");
    const themeHtml = document.body.innerHTML;
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({ summary, reviews });
    await microdataWritten();
    // No JSON-LD node of ours: it would be a second product beside the theme's.
    expect(scripts()).toHaveLength(0);
    const [rating] = props(item, "aggregateRating");
    expect(rating?.getAttribute("itemtype")).toBe("https://schema.org/AggregateRating");
    expect(props(rating!, "reviewCount")[0]?.getAttribute("content")).toBe("2");
    const reviewItems = props(item, "review");
    expect(reviewItems).toHaveLength(2);
    expect(props(props(reviewItems[0]!, "author")[0]!, "name")[0]?.getAttribute("content")).toBe(
      reviews[0]!.author.name,
    );
    // Hidden: nothing of it shows or takes space in the theme.
    expect(rating!.closest("[hidden]")).not.toBeNull();
    handle.update({ summary, reviews: reviews.slice(0, 1) });
    await microdataWritten();
    expect(props(item, "review")).toHaveLength(1);
    expect(props(item, "aggregateRating")).toHaveLength(1);
    handle.release();
    expect(document.body.innerHTML).toBe(themeHtml);
  });

  it("picks the microdata Product by its sku, or the one the merchant names by itemid", async () => {
    document.body.innerHTML = `
      <div itemscope itemtype="https://schema.org/Product" itemid="#mug"><meta itemprop="sku" content="mug"></div>
      <div itemscope itemtype="https://schema.org/Product" itemid="#tee"><meta itemprop="sku" content="tee"></div>`;
    const [mug, tee] = document.querySelectorAll("[itemscope]");
    const bySku = acquireProductJsonLd(document, "tee");
    bySku.update({ summary, reviews });
    await microdataWritten();
    expect(props(tee!, "aggregateRating")).toHaveLength(1);
    expect(props(mug!, "aggregateRating")).toHaveLength(0);
    bySku.release();
    const named = acquireProductJsonLd(document, "tee-classic", "#mug");
    named.update({ summary, reviews });
    await microdataWritten();
    expect(props(mug!, "aggregateRating")).toHaveLength(1);
    expect(props(tee!, "aggregateRating")).toHaveLength(0);
    named.release();
    expect(scripts()).toHaveLength(0);
  });

  // The JSON-LD rule (json-ld-choice.ts), not "the page's only item": the microdata path reads the
  // same evidence, so another product's item never takes the rating.
  /** The rating is in `rated`'s own properties, and in none of `others`'. */
  const ratingOnlyIn = (rated: Element, ...others: Element[]) => {
    expect(props(rated, "aggregateRating")).toHaveLength(1);
    for (const other of others) expect(props(other, "aggregateRating")).toHaveLength(0);
  };
  const item = (name: string, sku: string) =>
    `<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">${name}</span><meta itemprop="sku" content="${sku}"></div>`;

  it("gives a quick view's microdata Product added later nothing, on a page with no item of its own", async () => {
    document.body.innerHTML = "<main></main>";
    const handle = acquireProductJsonLd(document, "tee-classic");
    handle.update({ productName: "Classic tee", summary, reviews });
    expect(products()).toEqual([expect.objectContaining({ productID: "tee-classic" })]);
    document.body.insertAdjacentHTML("beforeend", `<dialog open>${item("Enamel mug", "MUG-1")}</dialog>`);
    // The next write (a page of reviews, a vote) looks at the page again.
    handle.update({ productName: "Classic tee", summary, reviews: reviews.slice(0, 1) });
    await microdataWritten();
    await microdataWritten();
    const mug = document.querySelector("dialog [itemscope]")!;
    expect(props(mug, "aggregateRating")).toHaveLength(0);
    // Ours stays the one rated node: the mug's item is the mug's.
    expect(products()).toEqual([expect.objectContaining({ productID: "tee-classic" })]);
    handle.release();
    expect(mug.querySelector("[data-plaudit-microdata]")).toBeNull();
  });

  it("keeps the rating in the product's item when a related product's item comes later", async () => {
    document.body.innerHTML = item("Classic tee", "TEE-BLUE-M");
    const tee = document.querySelector("[itemscope]")!;
    const handle = acquireProductJsonLd(document, "tee-classic");
    handle.update({ summary, reviews });
    await microdataWritten();
    expect(props(tee, "aggregateRating")).toHaveLength(1);
    // Even unnamed (no data-product-name) and only one item besides ours: the later one takes nothing.
    document.body.insertAdjacentHTML("beforeend", `<section>${item("Enamel mug", "MUG-1")}</section>`);
    await microdataWritten();
    handle.update({ summary, reviews: reviews.slice(0, 1) });
    await microdataWritten();
    ratingOnlyIn(tee, document.querySelector("section [itemscope]")!);
    expect(scripts()).toHaveLength(0);
    handle.release();
  });

  it("puts the rating into the item named as the product, not the first of several", async () => {
    document.body.innerHTML = `${item("Enamel mug", "MUG-1")}${item("Classic tee – Blue / M", "TEE-BLUE-M")}`;
    const [mug, tee] = document.querySelectorAll("[itemscope]");
    const handle = acquireProductJsonLd(document, "tee-classic");
    handle.update({ productName: "Classic tee", summary, reviews });
    await microdataWritten();
    ratingOnlyIn(tee!, mug!);
    handle.release();
    // Named otherwise, the only item is another product's: a node of ours, the item left alone.
    document.body.innerHTML = item("Enamel mug", "MUG-1");
    const named = acquireProductJsonLd(document, "tee-classic");
    named.update({ productName: "Classic tee", summary, reviews });
    await microdataWritten();
    expect(document.querySelector("[data-plaudit-microdata]")).toBeNull();
    expect(products()).toEqual([expect.objectContaining({ productID: "tee-classic" })]);
    named.release();
  });

  it("finds the product's item by a ProductGroup variant's sku or the handle in its url", async () => {
    document.body.innerHTML = `${item("Enamel mug", "MUG-1")}
      <div itemscope itemtype="https://schema.org/ProductGroup"><meta itemprop="productGroupID" content="TEE">
        <div itemprop="hasVariant" itemscope itemtype="https://schema.org/Product"><meta itemprop="sku" content="tee-classic"></div></div>
      <div itemscope itemtype="https://schema.org/Product"><link itemprop="url" href="https://shop.example/products/cap-canvas/"></div>`;
    const [, group, , cap] = document.querySelectorAll("[itemscope]");
    const tee = acquireProductJsonLd(document, "tee-classic");
    const capHandle = acquireProductJsonLd(document, "cap-canvas");
    tee.update({ summary, reviews });
    capHandle.update({ summary, reviews: reviews.slice(0, 1) });
    await microdataWritten();
    expect(props(group!, "aggregateRating")).toHaveLength(1);
    expect(props(cap!, "review")).toHaveLength(1);
    expect(scripts()).toHaveLength(0);
    tee.release();
    capHandle.release();
  });

  it("writes no microdata when the last widget went before its code came", async () => {
    const themeHtml = microdataTheme("tee").outerHTML;
    // A fresh copy of the module: its microdata code not loaded yet.
    vi.resetModules();
    const fresh = await import("./json-ld-manager.ts");
    const handle = fresh.acquireProductJsonLd(document, "tee");
    handle.update({ summary, reviews });
    handle.release();
    await microdataWritten();
    expect(document.querySelector("[itemscope]")!.outerHTML).toBe(themeHtml);
    expect(scripts()).toHaveLength(0);
  });

  it("writes review text into microdata as attribute values only", async () => {
    const item = microdataTheme("tee");
    const handle = acquireProductJsonLd(document, "tee");
    const body = `"><img src=x onerror=alert(1)><meta itemprop="ratingValue" content="5`;
    handle.update({ summary, reviews: [makeReview(9, { body })] });
    await microdataWritten();
    expect(document.querySelector("img")).toBeNull();
    expect(props(props(item, "review")[0]!, "reviewBody")[0]?.getAttribute("content")).toBe(body);
    handle.release();
  });

  it("follows a theme that rewrites its script's text node, or adds its Product in a body section", async () => {
    const theme = themeScript({
      "@context": "https://schema.org",
      "@type": "Product",
      sku: "TEE-M",
      name: "Tee",
    });
    const handle = acquireProductJsonLd(document, "tee-classic");
    handle.update({ productName: "Tee", summary, reviews });
    // A variant picker writing into the script's text node (no childList change on the script).
    (theme.firstChild as Text).data = JSON.stringify({ "@type": "Product", sku: "TEE-L", name: "Tee" });
    await Promise.resolve();
    expect(products()).toEqual([
      expect.objectContaining({ sku: "TEE-L", aggregateRating: expect.anything() }),
    ]);
    // The theme's product block, JSON-LD inside, replaced in the body (the old one goes with it).
    theme.remove();
    document.body.innerHTML = `<section><div><script type="application/ld+json">${JSON.stringify({
      "@type": "Product",
      sku: "TEE-XL",
      name: "Tee",
    })}</script></div></section>`;
    await Promise.resolve();
    expect(products()).toEqual([
      expect.objectContaining({ sku: "TEE-XL", aggregateRating: expect.anything() }),
    ]);
    expect(document.querySelector("script[data-plaudit-jsonld]")).toBeNull();
    handle.release();
  });

  it("writes no node of its own for a product without reviews", () => {
    const handle = acquireProductJsonLd(document, "tee");
    handle.update({ productName: "Tee", summary: summarize("tee", []), reviews: [] });
    expect(scripts()).toHaveLength(0);
    handle.update({ productName: "Tee", summary, reviews });
    expect(scripts()).toHaveLength(1);
    handle.update({ productName: "Tee", summary: summarize("tee", []), reviews: [] });
    expect(scripts()).toHaveLength(0);
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
