// Themes that describe the product in microdata (`itemscope itemtype="…schema.org/Product"`:
// Magento's Luma, BigCommerce's Cornerstone, older Shopify themes) and not in JSON-LD: a JSON-LD
// node of our own beside theirs is a second product to search engines (ours without the image and
// offer only the theme knows, theirs without a rating). So the rating goes into the theme's item,
// as microdata: one hidden element of ours inside it, taken out again when the last widget goes.
// The theme's elements themselves are never changed. docs/widgets.md, "Structured data".
import type { JsonLdNode } from "./json-ld.ts";

const MARK = "data-plaudit-microdata";

const isProductType = (type: string) => /^https?:\/\/(www\.)?schema\.org\/Product(Group)?$/.test(type);

/** An item is top-level when it is no other item's property. */
const topItems = (doc: Document) =>
  [...doc.querySelectorAll<HTMLElement>("[itemscope][itemtype]:not([itemprop])")].filter((item) =>
    (item.getAttribute("itemtype") ?? "").split(/\s+/).some(isProductType),
  );

/** The value of the item's own property `name` (not one of a nested item's), or undefined. */
function ownValue(item: HTMLElement, name: string): string | undefined {
  for (const el of item.querySelectorAll(`[itemprop~="${name}"]`)) {
    if (el.parentElement?.closest("[itemscope]") !== item) continue;
    return (el.getAttribute("content") ?? el.textContent ?? "").trim();
  }
  return undefined;
}

/**
 * The page's microdata Product (or ProductGroup) for this product: the one whose `itemid` the
 * merchant names (`data-product-jsonld-id`), else the one whose sku/productID/mpn/productGroupID
 * is the product id, else the page's only one.
 */
export function findMicrodataProduct(
  doc: Document,
  productId: string,
  pointer: string | undefined,
): HTMLElement | undefined {
  const items = topItems(doc);
  return (
    (pointer ? items.find((item) => item.getAttribute("itemid") === pointer) : undefined) ??
    items.find((item) =>
      ["sku", "productID", "mpn", "productGroupID"].some((name) => ownValue(item, name) === productId),
    ) ??
    (items.length === 1 ? items[0] : undefined)
  );
}

/** `value` as microdata properties under `parent`: nested nodes become items, the rest `<meta>`s. */
function append(parent: Element, name: string, value: unknown): void {
  if (Array.isArray(value)) {
    for (const each of value) append(parent, name, each);
    return;
  }
  const doc = parent.ownerDocument;
  if (value && typeof value === "object") {
    const node = value as JsonLdNode;
    const item = doc.createElement("div");
    item.setAttribute("itemprop", name);
    item.setAttribute("itemscope", "");
    item.setAttribute("itemtype", `https://schema.org/${node["@type"]}`);
    for (const [key, inner] of Object.entries(node)) if (!key.startsWith("@")) append(item, key, inner);
    parent.append(item);
    return;
  }
  // As an attribute's value, never markup: review text stays text.
  const meta = doc.createElement("meta");
  meta.setAttribute("itemprop", name);
  meta.setAttribute("content", String(value));
  parent.append(meta);
}

/**
 * Puts `parts` (the rating and reviews, as JSON-LD properties) into `item` in a hidden element of
 * ours, answered for `remove()` (the next update puts a new one; the last widget's release takes it
 * out). No parts (no ratings yet): nothing is put.
 */
export function putMicrodata(item: HTMLElement, parts: JsonLdNode): Element | undefined {
  if (Object.keys(parts).length === 0) return undefined;
  const holder = item.ownerDocument.createElement("div");
  holder.setAttribute(MARK, "");
  holder.hidden = true;
  for (const [key, value] of Object.entries(parts)) append(holder, key, value);
  item.append(holder);
  return holder;
}
