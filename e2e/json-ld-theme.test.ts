// Structured data on product pages whose theme already describes the product (docs/widgets.md,
// "Structured data"): the reviews widget puts its rating INTO the theme's node — whatever its sku,
// wherever it sits (top level, @graph, with an @id, a ProductGroup) — and writes a node of its own
// only when the theme has none. Checked with Google's rules offline (Adobe's validator).
import { describe, expect, it } from "vitest";
import { harnessOfFile } from "./harness.ts";
import { validateStructuredData } from "./ssr-helpers.ts";

const plaudit = harnessOfFile();

/** What Google's merchant rules want on a Product besides the rating: a theme usually has it. */
const FACTS = {
  name: "Classic Cotton Tee",
  image: "https://shop.example/tee.jpg",
  offers: {
    "@type": "Offer",
    price: "28.00",
    priceCurrency: "USD",
    availability: "https://schema.org/InStock",
  },
};

interface Case {
  name: string;
  /** The theme's JSON-LD documents (one script each); none for a theme without structured data. */
  theme: unknown[];
  hostAttributes?: string;
  /** Which node must carry the rating. */
  expect: { type: "Product" | "ProductGroup"; sku?: string; id?: string };
  /** false where nothing on the page gives Google a product's image and offer. */
  complete: boolean;
}

const CASES: Case[] = [
  {
    name: "a theme Product named by the selected variant's SKU",
    theme: [{ "@context": "https://schema.org", "@type": "Product", sku: "TEE-BLUE-M", ...FACTS }],
    expect: { type: "Product", sku: "TEE-BLUE-M" },
    complete: true,
  },
  {
    name: "a theme Product inside @graph",
    theme: [
      {
        "@context": "https://schema.org",
        "@graph": [
          { "@type": "Organization", name: "Fern & Field", url: "https://shop.example/" },
          { "@type": "BreadcrumbList", itemListElement: [] },
          { "@type": "Product", sku: "TEE-1", ...FACTS },
        ],
      },
    ],
    expect: { type: "Product", sku: "TEE-1" },
    complete: true,
  },
  {
    name: "a theme Product with an @id, and a related product the merchant does not point at",
    theme: [
      {
        "@context": "https://schema.org",
        "@graph": [
          { "@type": "Product", "@id": "https://shop.example/tee#product", sku: "TEE-2", ...FACTS },
          {
            "@type": "Product",
            "@id": "https://shop.example/mug#product",
            sku: "MUG-1",
            ...FACTS,
            name: "Enamel Mug",
          },
        ],
      },
    ],
    hostAttributes: 'data-product-jsonld-id="https://shop.example/tee#product"',
    expect: { type: "Product", id: "https://shop.example/tee#product" },
    complete: true,
  },
  {
    name: "a theme ProductGroup with its variants",
    theme: [
      {
        "@context": "https://schema.org",
        "@type": "ProductGroup",
        name: "Classic Cotton Tee",
        productGroupID: "TEE",
        variesBy: ["https://schema.org/size"],
        hasVariant: [
          { "@type": "Product", sku: "TEE-S", size: "S", ...FACTS },
          { "@type": "Product", sku: "TEE-M", size: "M", ...FACTS },
        ],
      },
    ],
    expect: { type: "ProductGroup" },
    complete: true,
  },
  {
    name: "no theme node",
    theme: [],
    expect: { type: "Product", sku: undefined },
    complete: false,
  },
];

const pageHtml = (c: Case) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Classic Cotton Tee</title><link rel="icon" href="data:,">
${c.theme.map((doc) => `<script type="application/ld+json">${JSON.stringify(doc)}</script>`).join("\n")}
</head><body>
<div data-plaudit="reviews" data-product-id="tee-classic" data-product-name="Classic Cotton Tee" ${c.hostAttributes ?? ""} style="min-height:640px"></div>
<script src="/plaudit.js" data-store="demo" async></script>
</body></html>`;

type Node = Record<string, unknown>;

/** Every top-level node of every JSON-LD script, and the nodes carrying a rating anywhere. */
const READ_NODES = `(() => {
  const top = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const doc = JSON.parse(script.textContent);
    for (const node of (Array.isArray(doc) ? doc : [doc]).flatMap((n) => n["@graph"] || [n])) top.push(node);
  }
  const rated = [];
  const visit = (node) => {
    if (!node || typeof node !== "object") return;
    if (node.aggregateRating) rated.push(node);
    for (const value of Object.values(node)) visit(value);
  };
  top.forEach(visit);
  return { top, rated, scripts: document.querySelectorAll('script[type="application/ld+json"]').length };
})()`;

describe("structured data when the theme describes the product", () => {
  for (const c of CASES) {
    it(`${c.name}: one ${c.expect.type} carries the rating`, async () => {
      const shop = await plaudit.open("/healthz", { viewport: { width: 1280, height: 1200 } });
      const url = `${plaudit.baseUrl}/demo/json-ld-theme.html`;
      const before = shop.problems().length; // the blank first page's favicon 404 is not ours
      await shop.page.route(url, (route) => route.fulfill({ contentType: "text/html", body: pageHtml(c) }));
      await shop.page.goto(url);
      await shop.page.locator('[data-plaudit="reviews"] article').first().waitFor();
      const read = async () =>
        (await shop.page.evaluate(READ_NODES)) as { top: Node[]; rated: Node[]; scripts: number };
      await expect.poll(async () => (await read()).rated.length).toBe(1);
      const { top, rated, scripts } = await read();

      // One script per theme document (edited in place), plus ours only when the theme had none.
      expect(scripts).toBe(Math.max(1, c.theme.length));
      const [node] = rated;
      expect(node!["@type"]).toBe(c.expect.type);
      if ("sku" in c.expect) expect(node!.sku).toBe(c.expect.sku);
      if (c.expect.id) expect(node!["@id"]).toBe(c.expect.id);
      expect(node!.review).toBeInstanceOf(Array);
      // The page still describes one product (or one group): ours was not added beside the theme's.
      const kinds = top.filter((n) => n["@type"] === "Product" || n["@type"] === "ProductGroup");
      const pointedAway = c.hostAttributes ? 1 : 0; // the related mug stays as the theme wrote it
      expect(kinds).toHaveLength(1 + pointedAway);

      const report = await validateStructuredData(await shop.page.content());
      if (c.complete) expect(report.errors).toEqual([]);
      else expect(report.products).toHaveLength(1);
      expect(shop.problems().slice(before)).toEqual([]);
      await shop.close();
    });
  }
});

// Magento's Luma and BigCommerce's Cornerstone describe the product in microdata, not JSON-LD: a
// JSON-LD node of ours would be a second product beside it (ours without image and offer).
const MICRODATA_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Classic Cotton Tee</title><link rel="icon" href="data:,"></head><body>
<div class="product-info-main" itemscope itemtype="http://schema.org/Product">
  <h1 itemprop="name">Classic Cotton Tee</h1><meta itemprop="sku" content="TEE-BLUE-M">
  <link itemprop="image" href="https://shop.example/tee.jpg">
  <div itemprop="offers" itemscope itemtype="http://schema.org/Offer">
    <span itemprop="price" content="28.00">$28.00</span><meta itemprop="priceCurrency" content="USD">
    <link itemprop="availability" href="http://schema.org/InStock">
  </div>
  <p class="after-product">Free returns</p>
</div>
<div data-plaudit="reviews" data-product-id="tee-classic" style="min-height:640px"></div>
<script src="/plaudit.js" data-store="demo" async></script>
</body></html>`;

describe("structured data when the theme describes the product in microdata", () => {
  it("puts the rating into the theme's microdata item: one product, no JSON-LD of ours, no errors", async () => {
    const shop = await plaudit.open("/healthz", { viewport: { width: 1280, height: 1200 } });
    const url = `${plaudit.baseUrl}/demo/microdata-theme.html`;
    const before = shop.problems().length;
    await shop.page.route(url, (route) => route.fulfill({ contentType: "text/html", body: MICRODATA_PAGE }));
    await shop.page.goto(url);
    await shop.page.locator('[data-plaudit="reviews"] article').first().waitFor();
    const freeReturns = await shop.page.locator(".after-product").boundingBox();
    await shop.page.locator("[data-plaudit-microdata]").waitFor({ state: "attached" });
    // Hidden inside the theme's element: nothing of the theme moved.
    expect(await shop.page.locator(".after-product").boundingBox()).toEqual(freeReturns);
    expect(await shop.page.locator("[data-plaudit-microdata]").isHidden()).toBe(true);

    const report = await validateStructuredData(await shop.page.content());
    expect(report.products).toEqual([]);
    expect(report.microdataProducts).toHaveLength(1);
    const [product] = report.microdataProducts;
    expect(product).toMatchObject({ sku: "TEE-BLUE-M", aggregateRating: { "@type": "AggregateRating" } });
    expect(Number((product!.aggregateRating as Node).reviewCount)).toBeGreaterThan(0);
    expect(product!.review).toBeDefined();
    expect(report.errors).toEqual([]);
    expect(shop.problems().slice(before)).toEqual([]);
    await shop.close();
  });
});
