// The app view: product pages swapped client-side (history.pushState), replacing the DOM nodes
// like a SPA router does. It never calls Plaudit: the loader notices the new hosts by itself.
import { PRODUCTS } from "./catalog.js";

const outlet = document.querySelector("[data-spa-outlet]");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function productView(product) {
  const main = el("main", { id: "product-page" });
  const article = el("article", { class: "product", "data-product": product.id });
  const gallery = el(
    "div",
    { class: "gallery", role: "img", "aria-label": "Product photos" },
    el("div", { class: `gallery-main tone-${product.tone}` }),
  );
  const form = el(
    "form",
    { class: "buy", "data-add-to-cart": "" },
    el("label", { class: "visually-hidden", for: `qty-${product.id}` }, "Quantity"),
    el("select", { id: `qty-${product.id}`, name: "quantity" }, el("option", {}, "1"), el("option", {}, "2")),
    el("button", { type: "submit" }, "Add to cart"),
  );
  const details = el(
    "div",
    { class: "details" },
    el("h1", {}, product.name),
    el("div", {
      class: "title-stars",
      "data-plaudit": "stars",
      "data-product-id": product.id,
      "data-href": "#reviews",
    }),
    el("p", { class: "price" }, `$${(product.price / 100).toFixed(2)}`),
    el("p", { class: "description" }, product.description),
    form,
  );
  article.append(gallery, details);
  const reviews = el(
    "section",
    { class: "reviews-section", id: "reviews" },
    el("h2", {}, "Customer reviews"),
    el("div", {
      "data-plaudit": "reviews",
      "data-product-id": product.id,
      "data-product-name": product.name,
    }),
  );
  main.append(article, reviews);
  return main;
}

function show(productId) {
  const product = PRODUCTS.find((p) => p.id === productId) ?? PRODUCTS[0];
  outlet.replaceChildren(productView(product));
  document.title = `${product.name} · Fern & Field`;
}

document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("[data-spa-link]") : null;
  if (!link) return;
  event.preventDefault();
  history.pushState({}, "", link.href);
  show(link.getAttribute("data-spa-link"));
});
window.addEventListener("popstate", () => show(new URL(location.href).searchParams.get("product")));

const initial = new URL(location.href).searchParams.get("product");
if (initial && !outlet.querySelector(`[data-product="${CSS.escape(initial)}"]`)) show(initial);
