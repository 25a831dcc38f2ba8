// Themes that describe the product in microdata (`itemscope itemtype="…schema.org/Product"`:
// Magento's Luma, BigCommerce's Cornerstone, older Shopify themes) and not in JSON-LD: a JSON-LD
// node of our own beside theirs is a second product to search engines (ours without the image and
// offer only the theme knows, theirs without a rating). So the rating goes into the theme's item,
// as microdata: one hidden element of ours inside it, taken out again when the last widget goes.
// The theme's elements themselves are never changed. Which item is the product's is json-ld-choice.ts's
// rule, as for JSON-LD (a related product's or a quick view's item never takes the rating); this
// reads the items for it. docs/widgets.md, "Structured data".
import type { JsonLdNode } from "./json-ld.ts";
import type { Candidate } from "./json-ld-choice.ts";

const MARK = "data-plaudit-microdata";

const isProductType = (type: string) => /^https?:\/\/(www\.)?schema\.org\/Product(Group)?$/.test(type);

/** An item is top-level when it is no other item's property. */
const topItems = (doc: Document) =>
  [...doc.querySelectorAll<HTMLElement>("[itemscope][itemtype]:not([itemprop])")].filter((item) =>
    (item.getAttribute("itemtype") ?? "").split(/\s+/).some(isProductType),
  );

/** The value of the item's own property `name` (not one of a nested item's), or undefined. */
function ownValue(item: Element, name: string): string | undefined {
  for (const el of item.querySelectorAll(`[itemprop~="${name}"]`)) {
    if (el.parentElement?.closest("[itemscope]") !== item) continue;
    // A <meta>'s content, a <link>'s or <a>'s href, else the text (as microdata reads them).
    return (el.getAttribute("content") ?? el.getAttribute("href") ?? el.textContent ?? "").trim();
  }
  return undefined;
}

/** What the choice reads of an item: identifiers, name, url, the page it is the subject of. */
const FACTS = "name url mainEntityOfPage sku productID mpn productGroupID gtin gtin8 gtin12 gtin13 gtin14";
const facts = (item: Element): JsonLdNode => {
  const node: JsonLdNode = {};
  for (const name of FACTS.split(" ")) {
    const value = ownValue(item, name);
    if (value !== undefined) node[name] = value;
  }
  return node;
};

export interface MicrodataCandidate extends Candidate {
  item: HTMLElement;
}

/**
 * The page's top-level Product and ProductGroup items as nodes for json-ld-choice.ts — the one rule
 * for both kinds of markup: `itemid` as `@id`, the item's own identifiers, name and url, a group's
 * `hasVariant` items' identifiers. `initial`: what was on the page when the widgets first wrote.
 */
export const candidates = (doc: Document, initial: WeakSet<Node>): MicrodataCandidate[] =>
  topItems(doc).map((item) => ({
    item,
    late: !initial.has(item),
    node: {
      ...facts(item),
      "@type": (item.getAttribute("itemtype") ?? "").split(/\s+/).find(isProductType),
      "@id": item.getAttribute("itemid") ?? undefined,
      hasVariant: [...item.querySelectorAll("[itemprop~=hasVariant][itemscope]")]
        .filter((variant) => variant.parentElement?.closest("[itemscope]") === item)
        .map(facts),
    },
  }));

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
