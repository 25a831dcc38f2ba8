// Keeps exactly one Product node per product on the page, however many widgets show it:
// widgets acquire a handle per product (ref-counted), push what they show, and release on unmount.
//
// How the one node is guaranteed (docs/widgets.md, "Structured data"):
// - the page already has that Product with an `@id` → we add one script whose node has the same
//   `@id` and only aggregateRating + review (consumers, Google included, merge nodes by `@id`);
// - it has one without `@id` → we add our rating to that node in its own script, and put the
//   original text back when the last widget goes;
// - it has none → we add one complete Product node of our own.
import type { Review, Summary } from "@plaudit/core";
import { buildProductJsonLd, type JsonLdNode, mergeRatingInto, serializeJsonLd } from "./json-ld.ts";

export interface JsonLdContribution {
  productName?: string;
  summary: Summary;
  reviews: readonly Review[];
}

export interface JsonLdHandle {
  update(contribution: JsonLdContribution): void;
  release(): void;
}

interface Entry {
  contributions: Map<symbol, JsonLdContribution>;
  holders: number;
  own?: HTMLScriptElement;
  edited?: { script: HTMLScriptElement; original: string };
  /** The server-rendered script we took over (docs/ssr.md): its node keeps the merchant's facts. */
  adopted?: { script: HTMLScriptElement; original: string; node: JsonLdNode };
}

const OWN = "data-plaudit-jsonld";
const pages = new WeakMap<Document, Map<string, Entry>>();

const isProduct = (node: JsonLdNode) =>
  node["@type"] === "Product" || (Array.isArray(node["@type"]) && node["@type"].includes("Product"));
const isNode = (value: unknown): value is JsonLdNode =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Product nodes at the top level, in a top-level array, or in `@graph`. */
function productNodes(doc: unknown): JsonLdNode[] {
  const top = Array.isArray(doc) ? doc : [doc];
  const nodes = top.flatMap((node) =>
    isNode(node) && Array.isArray(node["@graph"]) ? node["@graph"] : [node],
  );
  return nodes.filter(isNode).filter(isProduct);
}

interface Found {
  script: HTMLScriptElement;
  parsed: unknown;
  node: JsonLdNode;
}

const identifiers = (node: JsonLdNode) => [node.sku, node.productID, node.mpn].filter((v) => v !== undefined);

/**
 * The page's own Product node for this product: one whose sku/productID is the product id, or —
 * when the page describes a single product and says nothing about its id — that one.
 */
function findPageProduct(document: Document, productId: string, edited?: Entry["edited"]): Found | undefined {
  const found: Found[] = [];
  for (const script of document.querySelectorAll<HTMLScriptElement>(
    `script[type="application/ld+json"]:not([${OWN}])`,
  )) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script === edited?.script ? edited.original : (script.textContent ?? ""));
    } catch {
      continue; // a broken theme script is not ours to fix
    }
    for (const node of productNodes(parsed)) found.push({ script, parsed, node });
  }
  const byId = found.find(({ node }) => identifiers(node).some((id) => String(id) === productId));
  if (byId) return byId;
  const only = found.length === 1 ? found[0] : undefined;
  return only && identifiers(only.node).length === 0 ? only : undefined;
}

function pageName(document: Document): string | undefined {
  const og = document.querySelector<HTMLMetaElement>('meta[property="og:title"]')?.content;
  return og || document.title || undefined;
}

function restoreEdited(entry: Entry) {
  if (entry.edited) entry.edited.script.textContent = entry.edited.original;
  entry.edited = undefined;
  // The server's script is the page's own: it stays, as the server wrote it.
  if (entry.adopted) entry.adopted.script.textContent = entry.adopted.original;
}

/** A Product node the server renderer wrote for this product (marked with our attribute). */
function serverScript(document: Document, productId: string): Entry["adopted"] {
  for (const script of document.querySelectorAll<HTMLScriptElement>(
    `script[type="application/ld+json"][${OWN}]`,
  )) {
    if (script.getAttribute(OWN) !== productId) continue;
    try {
      const original = script.textContent ?? "";
      const node: unknown = JSON.parse(original);
      if (isNode(node) && isProduct(node)) return { script, original, node };
    } catch {
      // not a node we can take over: fall through to writing our own
    }
  }
  return undefined;
}

function write(document: Document, productId: string, entry: Entry) {
  const latest = [...entry.contributions.values()].at(-1);
  if (!latest) {
    // Widgets still mounted but none has data (yet): say nothing rather than something stale.
    entry.own?.remove();
    entry.own = undefined;
    restoreEdited(entry);
    return;
  }
  // Server-rendered markup already holds the one Product node: take it over, keep its facts.
  if (!entry.own) entry.adopted ??= serverScript(document, productId);
  if (entry.adopted) {
    entry.adopted.script.textContent = serializeJsonLd(
      mergeRatingInto(entry.adopted.node, latest.summary, latest.reviews),
    );
    return;
  }
  const pageProduct = findPageProduct(document, productId, entry.edited);
  const pageId = pageProduct?.node["@id"];

  if (pageProduct && typeof pageId !== "string") {
    entry.own?.remove();
    entry.own = undefined;
    if (!entry.edited || entry.edited.script !== pageProduct.script) {
      restoreEdited(entry);
      entry.edited = { script: pageProduct.script, original: pageProduct.script.textContent ?? "" };
    }
    const merged = mergeRatingInto(pageProduct.node, latest.summary, latest.reviews);
    // Rewrite the parsed document with the one node replaced, keeping everything else as it was.
    const replace = (value: unknown): unknown =>
      value === pageProduct.node
        ? merged
        : Array.isArray(value)
          ? value.map(replace)
          : isNode(value) && Array.isArray(value["@graph"])
            ? { ...value, "@graph": value["@graph"].map(replace) }
            : value;
    pageProduct.script.textContent = serializeJsonLd(replace(pageProduct.parsed));
    return;
  }

  restoreEdited(entry);
  const location = document.location;
  const pageUrl = location ? location.origin + location.pathname : undefined;
  const node = buildProductJsonLd({
    productId,
    // Any widget that knows the product's name speaks for all of them.
    productName:
      latest.productName ??
      [...entry.contributions.values()].find((c) => c.productName)?.productName ??
      pageName(document),
    url: pageUrl,
    idBase: pageUrl,
    summary: latest.summary,
    reviews: latest.reviews,
    mergeIntoId: typeof pageId === "string" ? pageId : undefined,
  });
  if (!entry.own) {
    entry.own = document.createElement("script");
    entry.own.type = "application/ld+json";
    entry.own.setAttribute(OWN, productId);
    document.head.append(entry.own);
  }
  entry.own.textContent = serializeJsonLd(node);
}

/** One handle per mounted widget; the product's markup lives while any handle does. */
export function acquireProductJsonLd(document: Document, productId: string): JsonLdHandle {
  const products = pages.get(document) ?? new Map<string, Entry>();
  pages.set(document, products);
  const entry: Entry = products.get(productId) ?? { contributions: new Map(), holders: 0 };
  products.set(productId, entry);
  entry.holders++;
  const me = Symbol(productId);
  let released = false;
  const current = entry;
  return {
    update(contribution) {
      if (released) return;
      // Re-inserting makes this the latest contribution: the widget that changed last is shown.
      current.contributions.delete(me);
      current.contributions.set(me, contribution);
      write(document, productId, current);
    },
    release() {
      if (released) return;
      released = true;
      current.contributions.delete(me);
      if (--current.holders > 0) {
        write(document, productId, current);
        return;
      }
      current.own?.remove();
      restoreEdited(current);
      products.delete(productId);
    },
  };
}
