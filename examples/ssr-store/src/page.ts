// The storefront's HTML: the theme's own markup, with Plaudit's server-rendered widgets and
// Product JSON-LD put in place, and the one script tag that hydrates them.
import type { RenderReviewsResult } from "@plaudit/reviews/server";
import { PRODUCTS, type Product } from "./catalog.ts";

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

export const price = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

/** Where the shop's pages load Plaudit from: its server (script and chunks) and the store id. */
export interface PlauditSite {
  api: string;
  store: string;
}

function layout(title: string, head: string, body: string, plaudit: PlauditSite): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Fern &amp; Field</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/shop.css">
${head}</head>
<body>
<header class="site-header"><a class="logo" href="/">Fern &amp; Field</a></header>
<main>
${body}
</main>
<footer class="site-footer">A server-rendered demo shop for Plaudit. Nothing here is for sale.</footer>
<script src="${escapeHtml(plaudit.api)}/plaudit.js" data-store="${escapeHtml(plaudit.store)}" async></script>
</body>
</html>
`;
}

export function productPage(product: Product, reviews: RenderReviewsResult, plaudit: PlauditSite): string {
  const body = `<article class="product">
  <h1>${escapeHtml(product.name)}</h1>
  ${reviews.stars}
  <p class="price">${price(product.price)}</p>
  <p class="description">${escapeHtml(product.description)}</p>
  <button type="button">Add to cart</button>
</article>
<section class="reviews-section" aria-label="Reviews">
  ${reviews.html}
</section>`;
  // The one Product node: Plaudit's rating merged with the facts this shop knows.
  return layout(product.name, `${reviews.jsonLd}\n`, body, plaudit);
}

export function indexPage(plaudit: PlauditSite): string {
  const items = PRODUCTS.map(
    (p) =>
      `<li><a href="/products/${encodeURIComponent(p.id)}">${escapeHtml(p.name)}</a> ${price(p.price)}</li>`,
  ).join("\n");
  return layout("Shop", "", `<h1>Shop</h1>\n<ul class="products">\n${items}\n</ul>`, plaudit);
}

export const SHOP_CSS = `
body{margin:0;font:16px/1.5 Georgia,serif;color:#222;background:#fbfaf7}
.site-header,.site-footer{padding:16px 24px;background:#eee9df}
.logo{font-weight:700;color:#222;text-decoration:none}
main{max-width:880px;margin:0 auto;padding:24px}
.product h1{margin:0 0 8px;font-size:32px}
.price{font-size:20px;font-weight:700}
.reviews-section{margin-top:32px}
/* Hosts hold their server-rendered markup: nothing to reserve before plaudit.js runs. */
[data-plaudit]{display:block}
`;
