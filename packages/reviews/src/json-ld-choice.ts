// Which of the theme's JSON-LD nodes (or microdata items, read as nodes by json-ld-microdata.ts) is
// the page's product, for each product whose reviews the page shows: docs/widgets.md, "Structured
// data", has the rule in words. Pure (no DOM): the manager
// reads the scripts and the page, and this decides. A wrong answer puts our rating on another
// product (a "related products" section's node, a quick-view modal's), so weak evidence — the
// page's only Product, whatever it is called — counts only for a node that was on the page when
// the widgets first wrote and whose name does not say it is something else.
import { isRecord } from "@plaudit/core";
import type { JsonLdNode } from "./json-ld.ts";

export interface Candidate {
  node: JsonLdNode;
  /** A page node's `mainEntity` (nested in it): the page says it is about this node. */
  main?: boolean;
  /** Its script came after the widgets first wrote (a section, a modal, an SPA's new view). */
  late?: boolean;
}

export interface Shown {
  productId: string;
  /** `data-product-jsonld-id`: the `@id` the merchant names. */
  pointer?: string;
  /** `data-product-name`, else what the page calls itself (og:title, title, first h1). */
  names: string[];
  /**
   * The names are the merchant's `data-product-name`: a node named otherwise is another product.
   * A page's title may be anything ("Shop"): it only ever speaks for a node, never against one.
   */
  named?: boolean;
}

// `Product`, `schema:Product` and `https://schema.org/Product` are one type; `@type` may be a list.
const typeName = (type: unknown) => String(type).replace(/^(https?:\/\/(www\.)?schema\.org\/|schema:)/, "");
const hasType = (node: JsonLdNode, type: string) =>
  (Array.isArray(node["@type"]) ? node["@type"] : [node["@type"]]).some((t) => typeName(t) === type);
export const isProduct = (node: JsonLdNode) => hasType(node, "Product");
const isGroup = (node: JsonLdNode) => hasType(node, "ProductGroup");
// Core's check, one copy on the page: a JSON-LD node is any JSON object.
export const isNode = isRecord as (value: unknown) => value is JsonLdNode;
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/**
 * Nodes at the top level, in a top-level array, or in `@graph`, and such a node's `mainEntity`
 * (`{"@type": "ItemPage", "mainEntity": {"@type": "Product", …}}`), marked main; not other nested
 * ones such as variants or related products.
 */
export const topNodes = (doc: unknown): Candidate[] =>
  asList(doc)
    .flatMap((node) => (isNode(node) && Array.isArray(node["@graph"]) ? node["@graph"] : [node]))
    .filter(isNode)
    .flatMap((node) => [
      { node },
      ...asList(node.mainEntity)
        .filter(isNode)
        .map((node) => ({ node, main: true })),
    ]);

/** A URL without query, hash or trailing slash. */
const bare = (url: unknown) => (typeof url === "string" ? url.replace(/[?#].*$/, "").replace(/\/$/, "") : "");

/** The node names this product: an identifier (its own or, for a group, a variant's), or its URL's handle. */
function names(node: JsonLdNode, productId: string): boolean {
  const ids = [node, ...asList(node.hasVariant).filter(isNode)].flatMap((n) =>
    [n.sku, n.productID, n.mpn, n.productGroupID, n.gtin, n.gtin13, n.gtin12, n.gtin14, n.gtin8].map(String),
  );
  // `…/products/tee-classic` or `…/products/tee-classic#product`, as Shopify and others write it.
  return (
    ids.includes(productId) || [node.url, node["@id"]].some((url) => bare(url).split("/").pop() === productId)
  );
}

/**
 * Lowercase words between spaces, so that `includes` matches whole words only. HTML entities count
 * as a space: themes that print the name through an HTML escaper write "Fern &amp; Field" and
 * "Tee &#8211; Blue" into their JSON (WooCommerce, PrestaShop), which is "Fern & Field" on the page.
 */
const words = (text: unknown) =>
  typeof text === "string"
    ? ` ${text
        .toLocaleLowerCase()
        .replace(/&#?\w+;/g, " ")
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .join(" ")} `
    : " ";

/**
 * How well the node's `name` matches the product's names: 2 when one holds the other ("Classic Tee"
 * and "Classic Tee – Blue / M"), 1 when they share a word, 0 when nothing (another product),
 * undefined when either is unknown.
 */
export function nameMatch(node: JsonLdNode, productNames: readonly string[]): 0 | 1 | 2 | undefined {
  const own = words(node.name);
  const known = productNames.map(words).filter((name) => name.trim());
  if (!own.trim() || !known.length) return undefined;
  const shared = (name: string) =>
    own.split(" ").some((word) => word.length > 2 && name.includes(` ${word} `));
  return known.some((name) => name.includes(own) || own.includes(name)) ? 2 : known.some(shared) ? 1 : 0;
}

/**
 * The theme's node for each shown product, in this order: the `@id` the merchant names; the
 * Product or ProductGroup that names the product (identifier, variant's identifier, URL handle);
 * the one the page says it is about (`mainEntity`, `mainEntityOfPage`, its URL is the page's) or
 * whose name is the product's; else the only ProductGroup, or only Product, among those there from
 * the start whose name is not another product's (by `data-product-name`). A node goes to one product only, and never
 * to one when it names another product shown on the page. Ties: a group, else the first on the page.
 */
export function chooseNodes<C extends Candidate, S extends Shown>(
  found: readonly C[],
  shown: readonly S[],
  pageUrls: readonly string[],
): Map<S, C> {
  const result = new Map<S, C>();
  const taken = new Set<C>();
  const give = (product: S, target: C | undefined) => {
    if (!target || result.has(product)) return;
    result.set(product, target);
    taken.add(target);
  };
  for (const product of shown) {
    if (!product.pointer) continue;
    const named = found.filter((c) => c.node["@id"] === product.pointer && !taken.has(c));
    // The typed node, not a bare `{"@id": …}` reference to it (a WebPage's mainEntity in @graph).
    give(product, named.find(({ node }) => node["@type"] !== undefined) ?? named[0]);
  }
  const products = found.filter(({ node }) => isProduct(node) || isGroup(node));
  for (const product of shown)
    give(
      product,
      products.find((c) => !taken.has(c) && names(c.node, product.productId)),
    );

  // `@id`s a page node's mainEntity refers to, and the page's own addresses.
  const referred = new Set<unknown>(
    found.flatMap(({ node }) =>
      asList(node.mainEntity).flatMap((m) => (isNode(m) && m["@id"] ? [m["@id"]] : [])),
    ),
  );
  const here = new Set(pageUrls.map(bare).filter(Boolean));
  const main = (c: C) =>
    c.main ||
    referred.has(c.node["@id"]) ||
    c.node.mainEntityOfPage !== undefined ||
    here.has(bare(c.node.url)) ||
    here.has(bare(c.node["@id"]));
  const free = (product: Shown) =>
    products.filter(
      (c) => !taken.has(c) && !shown.some((other) => other !== product && names(c.node, other.productId)),
    );
  const pick = (list: C[]) => list.find(({ node }) => isGroup(node)) ?? list[0];
  // The page's word and the name together first, then either.
  for (const strength of [3, 2, 1])
    for (const product of shown)
      give(
        product,
        pick(
          free(product).filter(
            (c) => (main(c) ? 2 : 0) + (nameMatch(c.node, product.names) === 2 ? 1 : 0) === strength,
          ),
        ),
      );
  for (const product of shown) {
    // Nodes that came later neither count nor take it: a related section or a quick view moves nothing.
    const left = free(product).filter(
      (c) => !c.late && !(product.named && nameMatch(c.node, product.names) === 0),
    );
    const groups = left.filter(({ node }) => isGroup(node));
    const only = groups.length
      ? groups.length === 1
        ? groups[0]
        : undefined
      : left.length === 1
        ? left[0]
        : undefined;
    give(product, only);
  }
  return result;
}
