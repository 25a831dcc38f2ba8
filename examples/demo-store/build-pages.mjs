#!/usr/bin/env node
// Writes the demo shop's static HTML pages (committed; re-run after changing the catalog or the
// layout: `node examples/demo-store/build-pages.mjs`). The pages are what a merchant's theme
// would serve: plain HTML with the one Plaudit script tag, their own CSS and JS in files.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PRODUCTS, TRANSLATED_PAGES } from "./catalog.js";

const here = dirname(fileURLToPath(import.meta.url));
const PLAUDIT = '<script src="/plaudit.js" data-store="demo" async></script>';

const escapeHtml = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const price = (cents, lang = "en") =>
  new Intl.NumberFormat(lang === "en" ? "en-US" : lang, { style: "currency", currency: "USD" }).format(
    cents / 100,
  );

/** The theme's own words; translated pages bring theirs (catalog.js TRANSLATED_PAGES). Footer is HTML. */
const EN = {
  home: "Home",
  shopAll: "Shop all",
  bestseller: "Bestseller",
  appView: "App view",
  mainNav: "Main",
  cart: "Cart",
  photos: "Product photos",
  quantity: "Quantity",
  addToCart: "Add to cart",
  perks: ["Free shipping over $60", "30-day returns", "Made to last"],
  reviews: "Customer reviews",
  footer: "Fern &amp; Field is a demo shop for Plaudit. Nothing here is for sale.",
};

function page({
  title,
  body,
  head = "",
  plaudit = PLAUDIT,
  css = ["shop.css"],
  bodyClass = "",
  lang = "en",
  dir = "",
  words = EN,
}) {
  return `<!doctype html>
<html lang="${lang}"${dir ? ` dir="${dir}"` : ""}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Fern &amp; Field</title>
<link rel="icon" href="data:,">
${css.map((href) => `<link rel="stylesheet" href="${href}">`).join("\n")}
${head}</head>
<body${bodyClass ? ` class="${bodyClass}"` : ""}>
<header class="site-header">
  <a class="logo" href="index.html">Fern &amp; Field</a>
  <nav aria-label="${words.mainNav}">
    <a href="collection.html">${words.shopAll}</a>
    <a href="${PRODUCTS[0].id}.html">${words.bestseller}</a>
    <a href="spa.html">${words.appView}</a>
  </nav>
  <a href="#cart" class="cart-link">${words.cart} <span class="cart-count" data-cart-count>0</span></a>
</header>
${body}
<footer class="site-footer">${words.footer}</footer>
<script src="shop.js" defer></script>
${plaudit}
</body>
</html>
`;
}

/** The theme's own Product markup, with an @id, so Plaudit adds its rating to it (no second node). */
function productJsonLd(product) {
  const node = {
    "@context": "https://schema.org",
    "@type": "Product",
    "@id": `#product-${product.id}`,
    sku: product.id,
    name: product.name,
    description: product.description,
    image: "https://example.com/images/placeholder.jpg",
    brand: { "@type": "Brand", name: "Fern & Field" },
    offers: {
      "@type": "Offer",
      price: (product.price / 100).toFixed(2),
      priceCurrency: "USD",
      availability: "https://schema.org/InStock",
    },
  };
  return `<script type="application/ld+json">${JSON.stringify(node).replace(/</g, "\\u003c")}</script>\n`;
}

export function productSection(product, words = EN, lang = "en") {
  return `<main id="product-page">
  <p class="breadcrumbs"><a href="index.html">${words.home}</a> / <a href="collection.html">${words.shopAll}</a> / ${escapeHtml(product.name)}</p>
  <article class="product" data-product="${product.id}">
    <div class="gallery" aria-label="${words.photos}" role="img">
      <div class="gallery-main tone-${product.tone}"></div>
      <div class="gallery-thumbs"><span></span><span></span><span></span><span></span></div>
    </div>
    <div class="details">
      <h1>${escapeHtml(product.name)}</h1>
      <div class="title-stars" data-plaudit="stars" data-product-id="${product.id}" data-href="#reviews"></div>
      <p class="price">${price(product.price, lang)}</p>
      <p class="description">${escapeHtml(product.description)}</p>
      <form class="buy" data-add-to-cart>
        <label class="visually-hidden" for="qty-${product.id}">${words.quantity}</label>
        <select id="qty-${product.id}" name="quantity"><option>1</option><option>2</option><option>3</option></select>
        <button type="submit">${words.addToCart}</button>
      </form>
      <ul class="perks">${words.perks.map((perk) => `<li>${perk}</li>`).join("")}</ul>
    </div>
  </article>
  <section class="reviews-section" id="reviews">
    <h2>${words.reviews}</h2>
    <div data-plaudit="reviews" data-product-id="${product.id}" data-product-name="${escapeHtml(product.name)}"></div>
  </section>
</main>`;
}

function card(product) {
  return `    <li>
      <a class="card" href="${product.id}.html">
        <div class="thumb tone-${product.tone}"></div>
        <h3>${escapeHtml(product.name)}</h3>
      </a>
      <div data-plaudit="stars" data-product-id="${product.id}"></div>
      <p class="card-price">${price(product.price)}</p>
    </li>`;
}

const files = {};

for (const product of PRODUCTS) {
  files[`${product.id}.html`] = page({
    title: product.name,
    head: productJsonLd(product),
    body: productSection(product),
  });
}

// The bestseller in German and Hebrew: same markup and script tag, the page's lang picks the widgets' language.
for (const translated of TRANSLATED_PAGES) {
  const product = {
    ...PRODUCTS.find((p) => p.id === translated.productId),
    name: translated.name,
    description: translated.description,
  };
  files[`${product.id}.${translated.lang}.html`] = page({
    title: product.name,
    head: productJsonLd(product),
    body: productSection(product, translated.words, translated.lang),
    lang: translated.lang,
    dir: translated.dir,
    words: translated.words,
  });
}

// 24 cards as on a real collection page: every product once, then the bestsellers again.
const cards = Array.from({ length: 24 }, (_, i) => PRODUCTS[i % PRODUCTS.length]);
files["collection.html"] = page({
  title: "Shop all",
  body: `<main class="collection">
  <h1>Shop all</h1>
  <ul class="grid" aria-label="Products">
${cards.map(card).join("\n")}
  </ul>
</main>`,
});

files["spa.html"] = page({
  title: "App view",
  head: '<script type="module" src="spa.js"></script>\n',
  body: `<div class="spa">
  <nav class="spa-nav" aria-label="Products in this app view">
${PRODUCTS.slice(0, 5)
  .map((p) => `    <a href="spa.html?product=${p.id}" data-spa-link="${p.id}">${escapeHtml(p.name)}</a>`)
  .join("\n")}
  </nav>
  <div data-spa-outlet>
${productSection(PRODUCTS[0])}
  </div>
</div>`,
});

files["hostile.html"] = page({
  title: "Hostile theme",
  css: ["shop.css", "hostile-frame.css", "hostile.css"],
  body: `<main class="hostile">
  <h1>A theme that styles everything</h1>
  <p class="note">hostile.css sets <code>* { all: revert !important; font-size: 40px !important }</code> and worse. The widgets below must look exactly as on the other pages.</p>
  <div class="frame">
    <div data-plaudit="stars" data-product-id="${PRODUCTS[1].id}"></div>
    <div data-plaudit="reviews" data-product-id="${PRODUCTS[1].id}" data-product-name="${escapeHtml(PRODUCTS[1].name)}"></div>
  </div>
</main>`,
});

files["strict-csp.html"] = page({
  title: PRODUCTS[2].name,
  head:
    `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'">\n` +
    productJsonLd(PRODUCTS[2]),
  body: productSection(PRODUCTS[2]),
});

files["api-down.html"] = page({
  title: "API down",
  plaudit: '<script src="/plaudit.js" data-store="demo" data-api="http://127.0.0.1:9" async></script>',
  body: `<p class="note outage">This page's data-api points at a closed port: the widgets stay quiet and the shop keeps working.</p>
${productSection(PRODUCTS[3])}`,
});

// Shoppers' photos and videos from every product's reviews: a carousel that moves by itself (with
// its Pause button) above the full grid; each links back to its product page.
files["gallery.html"] = page({
  title: "Customer photos",
  body: `<main class="gallery-page">
  <h1>Customer photos and videos</h1>
  <p class="note">Photos and videos from reviews across the shop. Add your own from the "Write a review" form on any product page.</p>
  <section class="gallery-section" aria-labelledby="latest-title">
    <h2 id="latest-title">Latest</h2>
    <div data-plaudit="gallery" data-label="Latest customer photos" data-layout="carousel" data-autoplay="6" data-page-size="10" data-product-url-template="{productId}.html"></div>
  </section>
  <section class="gallery-section" aria-labelledby="all-title">
    <h2 id="all-title">All photos and videos</h2>
    <div data-plaudit="gallery" data-product-url-template="{productId}.html"></div>
  </section>
</main>`,
});

files["index.html"] = page({
  title: "Demo",
  body: `<main>
  <h1>Plaudit demo shop</h1>
  <p>Every page here is plain HTML with one script tag: <code>&lt;script src="/plaudit.js" data-store="demo" async&gt;&lt;/script&gt;</code>.</p>
  <ul class="page-list">
    <li><a href="${PRODUCTS[0].id}.html">Product page</a><p>Reviews, a star badge by the title, the theme's own Product JSON-LD.</p></li>
    <li><a href="collection.html">Collection</a><p>24 product cards with star badges, one request for all ratings.</p></li>
    <li><a href="spa.html">App view</a><p>Products swapped client-side with history.pushState; widgets follow with no init calls.</p></li>
    <li><a href="hostile.html">Hostile theme</a><p>A stylesheet that restyles everything; the widgets do not change.</p></li>
    <li><a href="strict-csp.html">Strict CSP</a><p>No inline scripts or styles allowed.</p></li>
    <li><a href="api-down.html">API down</a><p>The API is unreachable; the page keeps working.</p></li>
${TRANSLATED_PAGES.map(
  (t) =>
    `    <li><a href="${t.productId}.${t.lang}.html" hreflang="${t.lang}">Product page in ${new Intl.DisplayNames("en", { type: "language" }).of(t.lang)}</a><p>The widgets follow the page's <code>lang</code>${t.dir === "rtl" ? ", right to left" : ""}.</p></li>`,
).join("\n")}
    <li><a href="gallery.html">Customer photos</a><p>The gallery widget: a carousel with a Pause button and a grid of review photos and videos.</p></li>
  </ul>
  <h2>All products</h2>
  <ul class="page-list">
${PRODUCTS.map((p) => `    <li><a href="${p.id}.html">${escapeHtml(p.name)}</a></li>`).join("\n")}
  </ul>
</main>`,
});

for (const [name, html] of Object.entries(files)) writeFileSync(join(here, name), html);
console.log(`wrote ${Object.keys(files).length} pages to ${here}`);
