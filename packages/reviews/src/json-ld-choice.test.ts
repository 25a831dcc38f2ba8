import { describe, expect, it } from "vitest";
import { type Candidate, chooseNodes, nameMatch, type Shown, topNodes } from "./json-ld-choice.ts";

const tee: Shown = { productId: "tee-classic", names: ["Classic Cotton Tee"], named: true };
const product = (fields: Record<string, unknown>, extra: Partial<Candidate> = {}): Candidate => ({
  node: { "@type": "Product", ...fields },
  ...extra,
});
const TEE = product({ name: "Classic Cotton Tee", sku: "TEE-BLUE-M" });
const MUG = product({ name: "Enamel Mug", sku: "MUG-1" });
const choose = (found: Candidate[], shown: Shown[] = [tee], urls: string[] = []) =>
  chooseNodes(found, shown, urls);

describe("which theme node is the page's product", () => {
  it("takes the node the merchant names by @id over every other clue", () => {
    const named = product({ "@id": "#main", name: "Enamel Mug" });
    const shown = { ...tee, pointer: "#main" };
    expect(choose([TEE, named], [shown]).get(shown)).toBe(named);
  });

  it("takes the node that names the product: identifier, a group's variant, or its URL's handle", () => {
    for (const naming of [
      product({ productID: "tee-classic", name: "Enamel Mug" }),
      { node: { "@type": "ProductGroup", hasVariant: [{ "@type": "Product", sku: "tee-classic" }] } },
      product({ url: "https://shop.example/products/tee-classic?variant=1" }),
      product({ "@id": "https://shop.example/products/tee-classic#product" }),
    ])
      expect(choose([TEE, naming]).get(tee)).toBe(naming);
  });

  it("keeps the rating on the product when other products' nodes come, before it or after it", () => {
    const late = { ...MUG, late: true };
    expect(choose([TEE, late]).get(tee)).toBe(TEE);
    expect(choose([late, TEE]).get(tee)).toBe(TEE);
    // Unnamed on both sides: the one there from the start, which no name contradicts.
    const unnamed = product({ sku: "TEE-BLUE-M" });
    expect(choose([unnamed, MUG]).get(tee)).toBe(unnamed);
    // Another unnamed node coming later leaves the rating where it was.
    const nameless = [{ productId: "tee", names: [] }];
    const chosen = choose([unnamed, { ...product({ sku: "MUG-1" }), late: true }], nameless);
    expect([...chosen.values()]).toEqual([unnamed]);
  });

  it("never gives the rating to a node that came later on weak evidence (a quick view)", () => {
    expect(choose([{ ...MUG, late: true }]).size).toBe(0);
    expect(choose([{ ...product({ sku: "X" }), late: true }], [{ productId: "tee", names: [] }]).size).toBe(
      0,
    );
    // …but a later node that is the product's by name (an SPA's view) takes it.
    const again = { ...TEE, late: true };
    expect(choose([again]).get(tee)).toBe(again);
  });

  it("never gives the rating to a node whose name is another product's", () => {
    expect(choose([MUG]).size).toBe(0);
  });

  it("reads the page's title for a node, never against one (a title may be anything)", () => {
    const titled: Shown = { productId: "tee-classic", names: ["Shop – product"] };
    expect(choose([TEE], [titled]).get(titled)).toBe(TEE);
    const related = product({ name: "Enamel Mug" });
    const byTitle: Shown = { productId: "tee-classic", names: ["Classic Cotton Tee – Fern & Field"] };
    expect(choose([related, TEE], [byTitle]).get(byTitle)).toBe(TEE);
    expect(choose([{ ...related, late: true }], [byTitle]).size).toBe(0);
  });

  it("takes the node the page says it is about: mainEntity, mainEntityOfPage, the page's URL", () => {
    const page = { node: { "@type": "WebPage", mainEntity: { "@id": "#p" } } };
    const referred = product({ "@id": "#p" });
    expect(choose([page, MUG, referred], [{ productId: "x", names: [] }])).toEqual(
      new Map([[expect.anything(), referred]]),
    );
    const ofPage = product({ mainEntityOfPage: "https://shop.example/tee" });
    const shown = { productId: "x", names: [] };
    expect(choose([MUG, ofPage], [shown]).get(shown)).toBe(ofPage);
    const here = product({ url: "https://shop.example/tee/" });
    expect(choose([MUG, here], [shown], ["https://shop.example/tee?variant=2#reviews"]).get(shown)).toBe(
      here,
    );
  });

  it("prefers the ProductGroup to its variants written beside it", () => {
    const group = { node: { "@type": "ProductGroup", name: "Classic Cotton Tee" } };
    expect(choose([TEE, group]).get(tee)).toBe(group);
  });

  it("gives a node to one product only, and never to one when it names another product shown", () => {
    const mug: Shown = { productId: "mug-enamel", names: ["Enamel Mug"], named: true };
    const mugNode = product({ sku: "mug-enamel", name: "Classic Cotton Tee mug" });
    const chosen = choose([mugNode, TEE], [tee, mug]);
    expect(chosen.get(tee)).toBe(TEE);
    expect(chosen.get(mug)).toBe(mugNode);
    expect(choose([TEE], [tee, { ...mug, names: ["Classic Cotton Tee"] }]).size).toBe(1);
  });
});

describe("names", () => {
  it("matches whole words, a variant's longer name, and tells other products apart", () => {
    const named = (name: unknown) => ({ "@type": "Product", name });
    expect(nameMatch(named("Classic Cotton Tee – Blue / M"), ["classic cotton tee"])).toBe(2);
    expect(nameMatch(named("Classic Tee"), ["Classic Cotton Tee"])).toBe(1);
    expect(nameMatch(named("Enamel Mug"), ["Classic Cotton Tee"])).toBe(0);
    expect(nameMatch(named("Tee"), ["Teepee"])).toBe(0);
    expect(nameMatch(named(undefined), ["Tee"])).toBeUndefined();
    expect(nameMatch(named("Tee"), ["", "  "])).toBeUndefined();
  });

  it("reads a name written through an HTML escaper as the page shows it", () => {
    const named = (name: unknown) => ({ "@type": "Product", name });
    // WooCommerce and PrestaShop themes print names HTML-escaped into their JSON.
    expect(nameMatch(named("Fern &amp; Field Tee &#8211; Blue"), ["Fern & Field Tee"])).toBe(2);
    expect(nameMatch(named("Men&#039;s Tee"), ["Men's Tee"])).toBe(2);
    expect(nameMatch(named("Fern &amp; Field Mug"), ["Fern & Field Tee"])).toBe(1);
  });

  it("reads nodes at the top, in arrays and @graph, and a page's mainEntity as main", () => {
    const doc = [
      {
        "@graph": [
          { "@type": "BreadcrumbList" },
          { "@type": "ItemPage", mainEntity: { "@type": "Product" } },
        ],
      },
      { "@type": "Product", isRelatedTo: { "@type": "Product" } },
    ];
    expect(topNodes(doc).map((c) => [c.node["@type"], !!c.main])).toEqual([
      ["BreadcrumbList", false],
      ["ItemPage", false],
      ["Product", true],
      ["Product", false],
    ]);
  });
});
