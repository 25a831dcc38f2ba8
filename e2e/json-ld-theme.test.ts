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

// The forms themes and apps write in the wild, and pages that change after the widget mounted.
// Read as a JSON-LD consumer does: `@type` may be a list or a schema.org URL, a node may sit in
// `@graph` or under a page's `mainEntity`, and a broken script is skipped, not fatal.
const READ_ANY = `(() => {
  const type = (node) => [].concat(node["@type"] ?? []).map((t) => String(t).replace(/^https?:\\/\\/schema\\.org\\//, ""));
  const top = [];
  let own = 0;
  const broken = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    if (script.hasAttribute("data-plaudit-jsonld")) own++;
    let doc;
    try { doc = JSON.parse(script.textContent); } catch { broken.push(script.textContent); continue; }
    for (const node of [].concat(doc).flatMap((n) => n["@graph"] || [n])) top.push(node);
  }
  const rated = [];
  const visit = (node) => {
    if (!node || typeof node !== "object") return;
    if (node.aggregateRating) rated.push({ ...node, types: type(node) });
    for (const value of Object.values(node)) visit(value);
  };
  top.forEach(visit);
  const entities = top.flatMap((n) => [n, ...[].concat(n.mainEntity ?? []).filter((m) => m && m["@type"])]);
  const products = entities.filter((n) => type(n).some((t) => t === "Product" || t === "ProductGroup"));
  const microdata = document.querySelectorAll("[data-plaudit-microdata]").length;
  return { rated, products: products.length, own, broken, microdata };
})()`;

interface Read {
  rated: (Node & { types: string[] })[];
  products: number;
  own: number;
  /** The text of every script that is not JSON, as the page has it now. */
  broken: string[];
  /** Our microdata elements. */
  microdata: number;
}

const ld = (doc: unknown) => `<script type="application/ld+json">${JSON.stringify(doc)}</script>`;
const PRODUCT = { "@context": "https://schema.org", "@type": "Product", sku: "TEE-BLUE-M", ...FACTS };

const generalPage = (head: string, hosts: string, body = "") => `<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>Classic Cotton Tee</title><link rel="icon" href="data:,">${head}</head><body>
${hosts}${body}
<script src="/plaudit.js" data-store="demo" async></script></body></html>`;
const REVIEWS = `<div data-plaudit="reviews" data-product-id="tee-classic" data-product-name="Classic Cotton Tee" style="min-height:640px"></div>`;

interface GeneralCase {
  name: string;
  html: string;
  /** What the theme does once our markup is on the page (an SPA, a variant change). */
  afterMount?: string;
  /** Checks on what a consumer reads, once one node carries this product's rating. */
  check(read: Read): void;
  /** The theme's node had what Google needs: no validator errors. */
  complete: boolean;
  /** Products whose reviews the page shows (each rated once): 1 unless said. */
  products?: number;
  /** Our markup is in (where the theme's own rating could pass for it before). */
  written?(read: Read): boolean;
}

/** The tee's rating is in exactly one node, and the page describes one product (or one group). */
const oneRatedProduct = (read: Read, sku?: string, products = 1) => {
  expect(read.rated).toHaveLength(1);
  expect(read.rated[0]!.types).toContain(sku === undefined ? "ProductGroup" : "Product");
  if (sku) expect(read.rated[0]!.sku).toBe(sku);
  expect(read.rated[0]!.review).toBeInstanceOf(Array);
  expect(read.products).toBe(products);
  expect(read.own).toBe(0);
  expect(read.microdata).toBe(0);
};

/** Another product's node: a "related products" or "recently viewed" section's, a quick view's. */
const MUG = {
  ...PRODUCT,
  name: "Enamel Mug",
  sku: "MUG-1",
  url: "https://shop.example/products/mug-enamel",
};
const CAP = { ...MUG, name: "Canvas Cap", sku: "CAP-1", url: "https://shop.example/products/cap-canvas" };
const related = (...docs: unknown[]) => `<section class="related">${docs.map(ld).join("")}</section>`;
/** Scripts a consumer cannot parse, as themes write them: left exactly as they are. */
const BROKEN = [
  `<!-- ${JSON.stringify({ "@context": "https://schema.org", "@type": "Organization", name: "Fern" })} -->`,
  `//<![CDATA[\n${JSON.stringify({ "@context": "https://schema.org", "@type": "WebSite", name: "Fern" })}\n//]]>`,
  `{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [],}`,
];
const brokenScripts = BROKEN.map((text) => `<script type="application/ld+json">${text}</script>`).join("");

const GENERAL: GeneralCase[] = [
  {
    name: "one Product beside BreadcrumbList and Organization scripts",
    html: generalPage(
      ld({
        "@context": "https://schema.org",
        "@type": "Organization",
        name: "Fern & Field",
        url: "https://shop.example/",
      }) +
        ld({ "@context": "https://schema.org", "@type": "BreadcrumbList", itemListElement: [] }) +
        ld(PRODUCT),
      REVIEWS,
    ),
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M"),
    complete: true,
  },
  {
    name: "@graph whose WebPage refers to the Product by @id, the merchant pointing at that @id",
    html: generalPage(
      ld({
        "@context": "https://schema.org",
        "@graph": [
          {
            "@type": "WebPage",
            "@id": "https://shop.example/tee",
            mainEntity: { "@id": "https://shop.example/tee#product" },
          },
          { ...PRODUCT, "@context": undefined, "@id": "https://shop.example/tee#product" },
        ],
      }),
      REVIEWS.replace("<div ", '<div data-product-jsonld-id="https://shop.example/tee#product" '),
    ),
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M"),
    complete: true,
  },
  {
    name: "@type as a list",
    html: generalPage(ld({ ...PRODUCT, "@type": ["Product", "Thing"] }), REVIEWS),
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M"),
    complete: false, // the validator files a node by its one @type
  },
  {
    name: "a ProductGroup whose variant SKU is the host's product id",
    html: generalPage(
      ld({
        "@context": "https://schema.org",
        "@type": "ProductGroup",
        name: "Classic Cotton Tee",
        productGroupID: "TEE",
        hasVariant: [
          { "@type": "Product", sku: "tee-classic", size: "S", ...FACTS },
          { "@type": "Product", sku: "TEE-M", size: "M", ...FACTS },
        ],
      }),
      REVIEWS,
    ),
    check: (read) => oneRatedProduct(read),
    complete: true,
  },
  {
    name: "a Product under an ItemPage's mainEntity",
    html: generalPage(
      ld({
        "@context": "https://schema.org",
        "@type": "ItemPage",
        name: "Tee",
        mainEntity: { ...PRODUCT, "@context": undefined },
      }),
      REVIEWS,
    ),
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M"),
    complete: true,
  },
  {
    name: "a theme node with another app's rating and reviews",
    html: generalPage(
      ld({
        ...PRODUCT,
        aggregateRating: { "@type": "AggregateRating", ratingValue: 1, reviewCount: 999 },
        review: [
          {
            "@type": "Review",
            author: { "@type": "Person", name: "X" },
            reviewRating: { "@type": "Rating", ratingValue: 1 },
          },
        ],
      }),
      REVIEWS,
    ),
    written: (read) => read.rated.every((node) => (node.aggregateRating as Node).reviewCount !== 999),
    check: (read) => {
      oneRatedProduct(read, "TEE-BLUE-M");
      expect((read.rated[0]!.aggregateRating as Node).reviewCount).not.toBe(999);
    },
    complete: true,
  },
  {
    name: "a malformed theme script beside the Product",
    html: generalPage(
      `<script type="application/ld+json">{"@type": "Organization", "name": "Fern</script>${ld(PRODUCT)}`,
      REVIEWS,
    ),
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M"),
    complete: true,
  },
  {
    name: "a theme that adds its Product after the widget mounted (an SPA)",
    html: generalPage("", REVIEWS),
    afterMount: `document.head.insertAdjacentHTML("beforeend", ${JSON.stringify(ld(PRODUCT))})`,
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M"),
    complete: true,
  },
  {
    name: "a variant change that replaces the theme's script",
    html: generalPage(
      `<script type="application/ld+json" id="theme-ld">${JSON.stringify(PRODUCT)}</script>`,
      REVIEWS,
    ),
    afterMount: `(() => { document.getElementById("theme-ld").remove();
      const s = document.createElement("script"); s.type = "application/ld+json";
      s.textContent = ${JSON.stringify(JSON.stringify({ ...PRODUCT, sku: "TEE-RED-L" }))}; document.head.append(s); })()`,
    check: (read) => oneRatedProduct(read, "TEE-RED-L"),
    complete: true,
  },
  {
    name: "a variant change that rewrites the theme's script in place",
    html: generalPage(
      `<script type="application/ld+json" id="theme-ld">${JSON.stringify(PRODUCT)}</script>`,
      REVIEWS,
    ),
    afterMount: `document.getElementById("theme-ld").textContent = ${JSON.stringify(JSON.stringify({ ...PRODUCT, sku: "TEE-RED-L" }))}`,
    check: (read) => oneRatedProduct(read, "TEE-RED-L"),
    complete: true,
  },
  {
    name: "two hosts for the same product",
    html: generalPage(
      ld(PRODUCT),
      `<div data-plaudit="stars" data-product-id="tee-classic"></div>${REVIEWS}${REVIEWS.replace("reviews", "reviews").replace('style="min-height:640px"', 'style="min-height:640px" id="second"')}`,
    ),
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M"),
    complete: true,
  },
  {
    name: "a second product's reviews on the page (the theme's node is the tee's, not the mug's)",
    html: generalPage(
      ld(PRODUCT),
      `${REVIEWS}<div data-plaudit="reviews" data-product-id="mug-enamel" data-product-name="Enamel Mug" style="min-height:640px"></div>`,
    ),
    check: (read) => {
      expect(read.rated).toHaveLength(2);
      const [theme, mug] = [
        read.rated.find((n) => n.sku === "TEE-BLUE-M"),
        read.rated.find((n) => n.sku !== "TEE-BLUE-M"),
      ];
      // The theme's node carries the tee's rating (shown first); the mug gets a node of its own.
      expect(theme).toBeDefined();
      expect(mug).toMatchObject({ productID: "mug-enamel", name: "Enamel Mug" });
      expect((theme!.aggregateRating as Node).reviewCount).not.toBe(
        (mug!.aggregateRating as Node).reviewCount,
      );
      expect(read.own).toBe(1);
    },
    complete: false, // the mug's own node has no image or offer
    products: 2,
  },
  {
    name: "a related-products section adds another product's node after ours",
    html: generalPage(ld(PRODUCT), REVIEWS),
    afterMount: `document.body.insertAdjacentHTML("beforeend", ${JSON.stringify(related(MUG))})`,
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M", 2),
    complete: true,
  },
  {
    name: "a quick-view modal opens with another product's node on a page with none of its own",
    html: generalPage("", REVIEWS),
    afterMount: `document.body.insertAdjacentHTML("beforeend", ${JSON.stringify(`<dialog open>${ld(MUG)}</dialog>`)})`,
    check: (read) => {
      // Our own node keeps the tee's rating; the mug's stays as the modal wrote it.
      expect(read.rated).toHaveLength(1);
      expect(read.rated[0]).toMatchObject({ productID: "tee-classic", name: "Classic Cotton Tee" });
      expect(read.own).toBe(1);
      expect(read.products).toBe(2);
    },
    complete: false, // our node has no image or offer
  },
  {
    name: "other products' nodes before and after the product's own (recently viewed, related)",
    html: generalPage(
      ld(CAP) + ld(PRODUCT),
      REVIEWS,
      related(MUG, { ...CAP, name: "Wool Scarf", sku: "SCARF" }),
    ),
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M", 4),
    complete: true,
  },
  {
    name: "@context over http, and as an object with @vocab",
    html: generalPage(
      ld({ "@context": "http://schema.org", "@type": "BreadcrumbList", itemListElement: [] }) +
        ld({ ...PRODUCT, "@context": { "@vocab": "http://schema.org/" } }),
      REVIEWS,
    ),
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M"),
    complete: false, // the validator reads only "schema.org" contexts that are strings
  },
  {
    name: "@context over http with a trailing slash",
    html: generalPage(ld({ ...PRODUCT, "@context": "http://schema.org/" }), REVIEWS),
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M"),
    complete: true,
  },
  {
    name: "theme scripts with HTML comments, CDATA and a trailing comma beside the Product",
    html: generalPage(brokenScripts + ld(PRODUCT), REVIEWS),
    check: (read) => {
      oneRatedProduct(read, "TEE-BLUE-M");
      expect(read.broken).toEqual(BROKEN);
    },
    complete: true,
  },
  {
    name: "a Product only in a script that is not JSON (CDATA): left alone, ours beside it",
    html: generalPage(
      `<script type="application/ld+json">//<![CDATA[\n${JSON.stringify(PRODUCT)}\n//]]></script>`,
      REVIEWS,
    ),
    check: (read) => {
      expect(read.rated).toHaveLength(1);
      expect(read.rated[0]).toMatchObject({ productID: "tee-classic" });
      expect(read.own).toBe(1);
      expect(read.broken).toEqual([`//<![CDATA[\n${JSON.stringify(PRODUCT)}\n//]]>`]);
    },
    complete: false,
  },
  {
    name: "a theme with microdata and a JSON-LD Product: the rating goes into the JSON-LD only",
    html: generalPage(
      ld(PRODUCT),
      REVIEWS,
      `<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Classic Cotton Tee</span><meta itemprop="sku" content="TEE-BLUE-M"></div>`,
    ),
    check: (read) => oneRatedProduct(read, "TEE-BLUE-M"),
    complete: false, // the theme's microdata item has neither offer nor rating: its own error
  },
];

describe("structured data in the forms themes write, and as the theme changes it", () => {
  for (const c of GENERAL) {
    it(c.name, async () => {
      const shop = await plaudit.open("/healthz", { viewport: { width: 1280, height: 1600 } });
      const url = `${plaudit.baseUrl}/demo/json-ld-general.html`;
      const before = shop.problems().length;
      await shop.page.route(url, (route) => route.fulfill({ contentType: "text/html", body: c.html }));
      await shop.page.goto(url);
      await shop.page.locator('[data-plaudit="reviews"] article').first().waitFor();
      const read = async () => (await shop.page.evaluate(READ_ANY)) as Read;
      await expect.poll(async () => (await read()).rated.length).toBe(c.products ?? 1);
      if (c.written) await expect.poll(async () => c.written!(await read())).toBe(true);
      if (c.afterMount) await shop.page.evaluate(c.afterMount);
      // Settled (every widget's data in, the theme's change seen): two reads a frame apart agree.
      await expect
        .poll(async () => {
          const first = JSON.stringify(await read());
          await shop.page.evaluate(() => new Promise(requestAnimationFrame));
          return first === JSON.stringify(await read()) ? "settled" : "changing";
        })
        .toBe("settled");
      c.check(await read());
      if (c.complete) {
        const { errors } = await validateStructuredData(await shop.page.content());
        // The theme's own broken script is reported as it is; nothing else may be.
        expect(errors.filter((error) => !error.startsWith("Could not parse JSON-LD"))).toEqual([]);
      }
      expect(shop.problems().slice(before)).toEqual([]);
      await shop.close();
    });
  }
});

/** Opens `html` at a page of the demo's origin (the API answers it); answers the open shop. */
async function openPage(html: string, name: string) {
  const shop = await plaudit.open("/healthz", { viewport: { width: 1280, height: 1600 } });
  const url = `${plaudit.baseUrl}/demo/${name}.html`;
  const before = shop.problems().length;
  await shop.page.route(url, (route) => route.fulfill({ contentType: "text/html", body: html }));
  await shop.page.goto(url);
  return { shop, problems: () => shop.problems().slice(before) };
}
const readAny = (shop: { page: { evaluate(script: string): Promise<unknown> } }) =>
  shop.page.evaluate(READ_ANY) as Promise<Read>;
const themeText = (shop: { page: { evaluate(script: string): Promise<unknown> } }) =>
  shop.page.evaluate(`document.getElementById("theme-ld").textContent`);

describe("structured data as widgets and products come and go", () => {
  for (const theme of [false, true])
    it(`writes nothing for a product with no reviews yet (${theme ? "a theme node" : "no theme node"}): no rating of 0, no node of ours`, async () => {
      const head = theme
        ? `<script type="application/ld+json" id="theme-ld">${JSON.stringify(PRODUCT)}</script>`
        : "";
      const html = generalPage(head, REVIEWS.replace("tee-classic", "kettle-new"));
      const { shop, problems } = await openPage(html, "json-ld-no-reviews");
      // The widget says there are none, the JSON-LD chunk is in, and the page has been idle since.
      await shop.page.getByText("No reviews yet").waitFor();
      await shop.page.waitForFunction(() =>
        performance.getEntriesByType("resource").some((entry) => /json-ld-manager/.test(entry.name)),
      );
      for (let i = 0; i < 2; i++)
        await shop.page.evaluate(
          () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })),
        );
      const read = await readAny(shop);
      expect(read.rated).toEqual([]);
      expect(read.own).toBe(0);
      if (theme) expect(await themeText(shop)).toBe(JSON.stringify(PRODUCT));
      expect((await validateStructuredData(await shop.page.content())).errors).toEqual([]);
      expect(problems()).toEqual([]);
      await shop.close();
    });

  it("takes our additions out when the widget is removed: the theme's text as it was, no node of ours", async () => {
    const html = generalPage(
      `<script type="application/ld+json" id="theme-ld">${JSON.stringify(PRODUCT)}</script>`,
      REVIEWS.replace("<div ", '<div id="reviews" '),
    );
    const { shop, problems } = await openPage(html, "json-ld-removed");
    await expect.poll(async () => (await readAny(shop)).rated.length).toBe(1);
    await shop.page.evaluate(() => document.getElementById("reviews")!.remove());
    await expect.poll(() => themeText(shop)).toBe(JSON.stringify(PRODUCT));
    expect(await readAny(shop)).toMatchObject({ rated: [], own: 0 });
    expect(problems()).toEqual([]);
    await shop.close();
  });

  it("puts the rating into the microdata item a theme renders again (an SPA's variant switch)", async () => {
    const { shop, problems } = await openPage(MICRODATA_PAGE, "microdata-again");
    await shop.page.locator("[itemscope] [data-plaudit-microdata]").waitFor({ state: "attached" });
    // The theme renders its product block again from its template: our element goes with the old one.
    await shop.page.evaluate(() => {
      const item = document.querySelector(".product-info-main")!;
      const fresh = item.cloneNode(true) as Element;
      fresh.querySelector("[data-plaudit-microdata]")!.remove();
      fresh.querySelector('[itemprop="sku"]')!.setAttribute("content", "TEE-RED-L");
      item.replaceWith(fresh);
    });
    await expect
      .poll(() => shop.page.locator(".product-info-main > [data-plaudit-microdata]").count())
      .toBe(1);
    const report = await validateStructuredData(await shop.page.content());
    expect(report.microdataProducts).toHaveLength(1);
    expect(report.microdataProducts[0]).toMatchObject({ sku: "TEE-RED-L" });
    expect(report.errors).toEqual([]);
    expect(problems()).toEqual([]);
    await shop.close();
  });
});

// Product data as real platforms' themes and plugins emit it (their shapes, learned from their
// templates and documentation: Shopify Dawn and Shopify's `structured_data` filter, WooCommerce
// with Yoast's and Rank Math's `@graph`s, BigCommerce Stencil, Magento 2 Luma, PrestaShop's classic
// theme), each beside the scripts the theme's own code reads. For each: one Product (or group)
// carries our rating, Google's rules find no error where the theme gave what they need, and the
// theme's code still reads its JSON — every script still parses, a non-LD one is left byte for
// byte, and an ld+json one holds what the theme wrote (key order aside) besides the rating.
const SHOP = "https://shop.example";
const teeOffer = (price: string, availability = "InStock", extra: Node = {}) => ({
  "@type": "Offer",
  price,
  priceCurrency: "USD",
  availability: `http://schema.org/${availability}`,
  ...extra,
});
/** An ld+json script as themes print it: `/` escaped in `</` (PHP's json_encode, Stencil's helper). */
const ldEscaped = (doc: unknown) =>
  `<script type="application/ld+json">${JSON.stringify(doc).replace(/<\//g, "<\\/")}</script>`;
const json = (attributes: string, doc: unknown) => `<script ${attributes}>${JSON.stringify(doc)}</script>`;

/** The theme's own code: its scripts as they were at load, and a reader for later (ours are not its). */
const THEME_CODE = `<script>
  const themed = () => [...document.querySelectorAll('script[type="application/ld+json"]:not([data-plaudit-jsonld]), script[type="application/json"], script[type="text/x-magento-init"], script[type="text/template"]')];
  const scripts = themed();
  window.themeOriginal = scripts.map((s) => s.textContent);
  window.themeRead = () => scripts.map((s) => ({ type: s.type, text: s.textContent, json: s.type === "text/template" ? null : JSON.parse(s.textContent) }));
</script>`;

const themePage = (title: string, head: string, host: string, body = "") =>
  generalPage(
    head,
    `<div data-plaudit="reviews" data-product-id="tee-classic" ${host} style="min-height:640px"></div>`,
    body + THEME_CODE,
  ).replace("<title>Classic Cotton Tee</title>", `<title>${title}</title>`);

interface ThemeFixture {
  name: string;
  html: string;
  /** What the theme does once the rating is in (a section rendered by its code later). */
  afterMount?: string;
  /** The node that carries the rating, as a JSON-LD consumer reads it. */
  rated?: { types: string; sku?: string; "@id"?: string };
  /** Product and ProductGroup nodes in ld+json (others' stay as they were): 1 unless said. */
  products?: number;
  /** Product nodes the validator checks (it files a ProductGroup apart): `products` unless said. */
  validated?: number;
  /** The rating went into a microdata item (this sku's), not into JSON-LD. */
  microdataSku?: string;
  /** Our own node: the page has no ld+json or microdata Product of its own. */
  own?: boolean;
  /** The theme's node had what Google needs: no validator errors. */
  complete: boolean;
  /** The old app's rating the theme's node held, which ours replaces. */
  oldRating?: boolean;
}

const DAWN_VARIANTS = [
  { id: 4101, title: "Blue / M", sku: "TEE-BLUE-M", price: 2800, available: true },
  { id: 4102, title: "Red / L", sku: "TEE-RED-L", price: 2800, available: false },
];
const OLD_REVIEW = {
  "@type": "Review",
  author: { "@type": "Person", name: "Old App Shopper" },
  reviewRating: { "@type": "Rating", ratingValue: "3", bestRating: "5", worstRating: "1" },
  reviewBody: "From the store's previous reviews app.",
  datePublished: "2024-01-02T10:00:00+00:00",
};
const OLD_RATING = { "@type": "AggregateRating", ratingValue: "3.00", reviewCount: "999" };
const WOO = `${SHOP}/product/fern-field-tee/`;
const RANK = `${SHOP}/product/cotton-tee/`;

const THEMES: ThemeFixture[] = [
  {
    name: "Shopify Dawn: a Product with an Offer per variant, the variants' JSON for the theme's code",
    html: themePage(
      "Classic Cotton Tee – Fern &amp; Field",
      "",
      'data-product-name="Classic Cotton Tee"',
      `<product-info>${json('type="application/json" data-product-variants', DAWN_VARIANTS)}
      ${ld({
        "@context": "http://schema.org/",
        "@type": "Product",
        name: "Classic Cotton Tee",
        url: `${SHOP}/products/tee-classic`,
        image: [`${SHOP}/cdn/shop/files/tee.jpg?v=1&width=1920`],
        description: "A heavyweight tee \u0026 a boxy fit.",
        sku: "TEE-BLUE-M",
        brand: { "@type": "Brand", name: "Fern & Field" },
        offers: DAWN_VARIANTS.map((variant) =>
          teeOffer("28.00", variant.available ? "InStock" : "OutOfStock", {
            sku: variant.sku,
            url: `${SHOP}/products/tee-classic?variant=${variant.id}`,
          }),
        ),
      })}</product-info>`,
    ),
    rated: { types: "Product", sku: "TEE-BLUE-M" },
    complete: true,
  },
  {
    name: "Shopify's structured_data filter: a ProductGroup with hasVariant, each with its Offer",
    html: themePage(
      "Classic Cotton Tee",
      ld({
        "@context": "http://schema.org/",
        "@type": "ProductGroup",
        "@id": `${SHOP}/products/tee-classic#product`,
        name: "Classic Cotton Tee",
        url: `${SHOP}/products/tee-classic`,
        productGroupID: "7981234",
        brand: { "@type": "Brand", name: "Fern & Field" },
        variesBy: ["https://schema.org/color", "https://schema.org/size"],
        hasVariant: DAWN_VARIANTS.map((variant) => ({
          "@type": "Product",
          "@id": `${SHOP}/products/tee-classic?variant=${variant.id}#variant`,
          name: `Classic Cotton Tee - ${variant.title}`,
          sku: variant.sku,
          image: `${SHOP}/cdn/shop/files/tee.jpg`,
          offers: teeOffer("28.00", variant.available ? "InStock" : "OutOfStock", {
            url: `${SHOP}/products/tee-classic?variant=${variant.id}`,
          }),
        })),
      }),
      "",
      json('type="application/json" id="ProductJSON-template--main"', { variants: DAWN_VARIANTS }),
    ),
    rated: { types: "ProductGroup", "@id": `${SHOP}/products/tee-classic#product` },
    validated: 0,
    complete: true,
  },
  {
    name: "WooCommerce with Yoast: one @graph (ItemPage, WebSite, Organization, Product), WooCommerce's own rating in the Product, entities in names",
    html: themePage(
      "Fern &amp; Field Tee &#8211; Blue - Fern &amp; Field",
      ldEscaped({
        "@context": "https://schema.org",
        "@graph": [
          {
            "@type": ["WebPage", "ItemPage"],
            "@id": WOO,
            url: WOO,
            name: "Fern &amp; Field Tee &#8211; Blue - Fern &amp; Field",
            isPartOf: { "@id": `${SHOP}/#website` },
            breadcrumb: { "@id": `${WOO}#breadcrumb` },
          },
          {
            "@type": "BreadcrumbList",
            "@id": `${WOO}#breadcrumb`,
            itemListElement: [
              { "@type": "ListItem", position: 1, name: "Home", item: `${SHOP}/` },
              { "@type": "ListItem", position: 2, name: "Fern &amp; Field Tee &#8211; Blue" },
            ],
          },
          { "@type": "WebSite", "@id": `${SHOP}/#website`, url: `${SHOP}/`, name: "Fern &amp; Field" },
          {
            "@type": "Organization",
            "@id": `${SHOP}/#organization`,
            name: "Fern &amp; Field",
            url: `${SHOP}/`,
          },
          {
            "@type": "Product",
            "@id": `${WOO}#product`,
            name: "Fern &amp; Field Tee &#8211; Blue",
            url: WOO,
            description: "<p>Heavyweight cotton.</p>",
            image: `${SHOP}/wp-content/uploads/tee.jpg`,
            sku: "FF-TEE-01",
            offers: [
              teeOffer("28.00", "InStock", {
                url: WOO,
                priceValidUntil: "2027-12-31",
                priceSpecification: {
                  "@type": "UnitPriceSpecification",
                  price: "28.00",
                  priceCurrency: "USD",
                },
                seller: { "@id": `${SHOP}/#organization` },
              }),
            ],
            mainEntityOfPage: { "@id": WOO },
            aggregateRating: OLD_RATING,
            review: [OLD_REVIEW],
          },
        ],
      }),
      'data-product-name="Fern & Field Tee"',
    ),
    rated: { types: "Product", sku: "FF-TEE-01" },
    complete: true,
    oldRating: true,
  },
  {
    name: "WooCommerce with Rank Math: the ItemPage names its Product by mainEntity @id, an AggregateOffer, breadcrumbs in a script of their own, a related product's node",
    html: themePage(
      "Classic Cotton Tee - Fern &amp; Field",
      ld({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        itemListElement: [{ "@type": "ListItem", position: 1, item: { "@id": `${SHOP}/`, name: "Home" } }],
      }) +
        ld({
          "@context": "https://schema.org",
          "@graph": [
            { "@type": "Organization", "@id": `${SHOP}/#organization`, name: "Fern &amp; Field" },
            {
              "@type": "ItemPage",
              "@id": `${RANK}#webpage`,
              url: RANK,
              name: "Classic Cotton Tee - Fern &amp; Field",
              mainEntity: { "@id": `${RANK}#richSnippet` },
            },
            {
              "@type": "Product",
              "@id": `${RANK}#richSnippet`,
              name: "Classic Cotton Tee",
              sku: "FF-CT",
              image: [`${SHOP}/wp-content/uploads/cotton-tee.jpg`],
              mainEntityOfPage: { "@id": `${RANK}#webpage` },
              offers: {
                "@type": "AggregateOffer",
                lowPrice: "24",
                highPrice: "32",
                offerCount: "3",
                priceCurrency: "USD",
                availability: "http://schema.org/InStock",
                seller: { "@type": "Organization", "@id": `${SHOP}/#organization`, name: "Fern &amp; Field" },
                url: RANK,
              },
            },
          ],
        }),
      "",
      related({ ...MUG, url: `${SHOP}/product/enamel-mug/` }),
    ),
    rated: { types: "Product", "@id": `${RANK}#richSnippet` },
    products: 2,
    complete: true,
  },
  {
    name: "BigCommerce Stencil: breadcrumbs and Product in two scripts, <\\/script> escaped in the description",
    html: themePage(
      "Classic Cotton Tee - Fern & Field",
      ld({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        itemListElement: [
          { "@type": "ListItem", position: 1, item: { "@id": `${SHOP}/`, name: "Home" } },
          { "@type": "ListItem", position: 2, item: { "@id": `${SHOP}/apparel/`, name: "Apparel" } },
        ],
      }) +
        ldEscaped({
          "@context": "https://schema.org/",
          "@type": "Product",
          name: "Classic Cotton Tee",
          sku: "CCT-01",
          mpn: "CCT-01",
          gtin13: "0123456789012",
          url: `${SHOP}/classic-cotton-tee/`,
          description: '<p>Soft cotton.</p><script src="https://video.example/embed.js"></script>',
          image: `${SHOP}/product_images/tee.jpg`,
          brand: { "@type": "Brand", name: "Fern & Field", url: `${SHOP}/brands/fern-field/` },
          offers: teeOffer("28.00", "InStock", {
            itemCondition: "https://schema.org/NewCondition",
            url: `${SHOP}/classic-cotton-tee/`,
            priceValidUntil: "2027-12-31",
          }),
        }),
      "",
    ),
    rated: { types: "Product", sku: "CCT-01" },
    complete: true,
  },
  {
    name: "Magento 2 Luma: a microdata Product, x-magento-init JSON, a recently-viewed item rendered later",
    html: themePage(
      "Classic Cotton Tee",
      "",
      "",
      `<div class="product-info-main" itemscope itemtype="http://schema.org/Product">
        <h1 class="page-title"><span class="base" itemprop="name">Classic Cotton Tee</span></h1>
        <div class="product attribute sku"><div class="value" itemprop="sku">MH01-M-Blue</div></div>
        <div class="price-box" itemprop="offers" itemscope itemtype="http://schema.org/Offer">
          <span class="price">$28.00</span><meta itemprop="price" content="28"><meta itemprop="priceCurrency" content="USD">
          <link itemprop="availability" href="http://schema.org/InStock"></div>
        <meta itemprop="image" content="${SHOP}/media/catalog/product/tee.jpg">
      </div>
      ${json('type="text/x-magento-init"', { "[data-gallery-role=gallery-placeholder]": { "mage/gallery/gallery": { data: [{ img: `${SHOP}/media/tee.jpg`, isMain: true }] } } })}
      ${json('type="text/x-magento-init"', { "*": { "Magento_Catalog/js/product/view/provider": { data: { items: { 1: { name: "Classic Cotton Tee" } } } } } })}`,
    ),
    afterMount: `document.body.insertAdjacentHTML("beforeend", ${JSON.stringify(`<div class="block widget block-viewed-products-grid"><div class="product-item" itemscope itemtype="http://schema.org/Product"><strong itemprop="name">Enamel Mug</strong><meta itemprop="sku" content="MUG-1"><meta itemprop="image" content="${SHOP}/media/mug.jpg"><div itemprop="offers" itemscope itemtype="http://schema.org/Offer"><meta itemprop="price" content="12"><meta itemprop="priceCurrency" content="USD"><link itemprop="availability" href="http://schema.org/InStock"></div></div></div>`)})`,
    microdataSku: "MH01-M-Blue",
    products: 0,
    complete: true,
  },
  {
    name: "PrestaShop classic: Organization, WebPage, BreadcrumbList and Product scripts, HTML-escaped names, productcomments' rating, a same-brand accessory's node",
    html: themePage(
      "Classic Cotton Tee – Fern &amp; Field",
      ld({
        "@context": "https://schema.org",
        "@type": "Organization",
        name: "Fern &amp; Field",
        url: `${SHOP}/`,
      }) +
        ld({
          "@context": "https://schema.org",
          "@type": "WebPage",
          isPartOf: { "@type": "WebSite", url: `${SHOP}/`, name: "Fern &amp; Field" },
          name: "Classic Cotton Tee &#8211; Fern &amp; Field",
          url: `${SHOP}/men/1-7-classic-cotton-tee.html`,
        }) +
        ld({
          "@context": "https://schema.org",
          "@type": "BreadcrumbList",
          itemListElement: [{ "@type": "ListItem", position: 1, name: "Home", item: `${SHOP}/` }],
        }) +
        ldEscaped({
          "@context": "https://schema.org/",
          "@type": "Product",
          name: "Classic Cotton Tee &#8211; Fern &amp; Field",
          description: "Men&#039;s tee, 100% cotton.",
          category: "Men",
          image: `${SHOP}/1-home_default/classic-cotton-tee.jpg`,
          sku: "demo_1",
          mpn: "demo_1",
          brand: { "@type": "Brand", name: "Fern &amp; Field" },
          aggregateRating: { "@type": "AggregateRating", ratingValue: "3", reviewCount: "999" },
          offers: {
            "@type": "Offer",
            priceCurrency: "USD",
            name: "Classic Cotton Tee &#8211; Fern &amp; Field",
            price: "28",
            url: `${SHOP}/men/1-7-classic-cotton-tee.html#/1-size-m`,
            priceValidUntil: "2027-12-31",
            image: [`${SHOP}/1-large_default/classic-cotton-tee.jpg`],
            sku: "demo_1",
            availability: "https://schema.org/InStock",
            seller: { "@type": "Organization", name: "Fern &amp; Field" },
          },
        }),
      'data-product-name="Classic Cotton Tee – Fern & Field"',
      `<section class="product-accessories">${ld({ ...MUG, name: "Fern &amp; Field Cap", sku: "demo_9", url: `${SHOP}/accessories/9-cap.html` })}</section>`,
    ),
    rated: { types: "Product", sku: "demo_1" },
    products: 2,
    complete: true,
    oldRating: true,
  },
  {
    name: "a Product only in scripts that are not JSON-LD (__NEXT_DATA__, the theme's application/json, a text/template): ours is the one node, theirs untouched",
    html: themePage(
      "Classic Cotton Tee",
      json('id="__NEXT_DATA__" type="application/json"', {
        props: { pageProps: { product: PRODUCT, jsonLd: { ...PRODUCT, "@id": `${SHOP}/p/tee#product` } } },
        page: "/p/[handle]",
      }),
      'data-product-name="Classic Cotton Tee"',
      `${json('type="application/json" data-product-json', PRODUCT)}<script type="text/template" id="quick-view"><div itemscope itemtype="https://schema.org/Product"><span itemprop="name">{{ title }}</span><meta itemprop="sku" content="{{ sku }}"></div></script>`,
    ),
    rated: { types: "Product" },
    own: true,
    complete: false, // only the theme's scripts know image and offer, and search engines read none of them
  },
];

/** The document without the rating and reviews anywhere: what the theme wrote. */
const withoutRating = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutRating)
    : value && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([key]) => key !== "aggregateRating" && key !== "review")
            .map(([key, inner]) => [key, withoutRating(inner)]),
        )
      : value;

describe("structured data as real platforms' themes write it", () => {
  for (const c of THEMES) {
    it(c.name, async () => {
      const { shop, problems } = await openPage(c.html, "json-ld-platform");
      await shop.page.locator('[data-plaudit="reviews"] article').first().waitFor();
      const microdataCount = () => shop.page.locator("[data-plaudit-microdata]").count();
      if (c.microdataSku) await expect.poll(microdataCount).toBe(1);
      else await expect.poll(async () => (await readAny(shop)).rated.length).toBe(1);
      if (c.oldRating)
        await expect
          .poll(async () => (await readAny(shop)).rated.map((n) => (n.aggregateRating as Node).reviewCount))
          .not.toEqual(["999"]);
      if (c.afterMount) await shop.page.evaluate(c.afterMount);
      await expect
        .poll(async () => {
          const first = JSON.stringify([await readAny(shop), await microdataCount()]);
          await shop.page.evaluate(() => new Promise(requestAnimationFrame));
          return first === JSON.stringify([await readAny(shop), await microdataCount()])
            ? "settled"
            : "changing";
        })
        .toBe("settled");

      const read = await readAny(shop);
      const report = await validateStructuredData(await shop.page.content());
      expect(read.products).toBe(c.products ?? 1);
      expect(read.own).toBe(c.own ? 1 : 0);
      expect(read.broken).toEqual([]);
      if (c.microdataSku) {
        // Into the theme's item, none of ours in JSON-LD; the item rendered later took nothing.
        expect(read.rated).toEqual([]);
        const rated = report.microdataProducts.filter((item) => item.aggregateRating);
        expect(rated).toEqual([expect.objectContaining({ sku: c.microdataSku })]);
      } else {
        expect(read.rated).toHaveLength(1);
        expect(read.microdata).toBe(0);
        const [node] = read.rated;
        expect(node!.types).toContain(c.rated!.types);
        if (c.rated!.sku) expect(node!.sku).toBe(c.rated!.sku);
        if (c.rated!["@id"]) expect(node!["@id"]).toBe(c.rated!["@id"]);
        if (c.own) expect(node).toMatchObject({ productID: "tee-classic", name: "Classic Cotton Tee" });
        // Ours replaced the old app's: numbers, not its strings; none of its reviews.
        expect(node!.aggregateRating).toMatchObject({ reviewCount: expect.any(Number), bestRating: 5 });
        expect(JSON.stringify(node!.review)).not.toContain("Old App Shopper");
      }
      // The validator reads what search engines read: JSON-LD and microdata, never other scripts.
      expect(report.products).toHaveLength(c.validated ?? c.products ?? 1);
      if (c.complete) expect(report.errors).toEqual([]);

      // The theme's code still reads its scripts: each parses; non-LD ones as they were, byte for
      // byte; ld+json ones hold what the theme wrote, besides the rating (key order aside).
      const { original, now } = (await shop.page.evaluate(
        "({ original: window.themeOriginal, now: window.themeRead() })",
      )) as { original: string[]; now: { type: string; text: string; json: unknown }[] };
      expect(now).toHaveLength(original.length);
      now.forEach((script, i) => {
        if (script.type !== "application/ld+json") expect(script.text).toBe(original[i]);
        else expect(withoutRating(script.json)).toEqual(withoutRating(JSON.parse(original[i]!)));
      });
      expect(problems()).toEqual([]);
      await shop.close();
    });
  }
});
