// Keeps exactly one Product node per product on the page, however many widgets show it:
// widgets acquire a handle per product (ref-counted), push what they show, and release on unmount.
//
// How the one node is guaranteed (docs/widgets.md, "Structured data"): when the theme already
// describes the product, our rating and reviews go INTO that node, in the theme's own script (every
// consumer reads that script; a second node — even one sharing an `@id` — is a second product to
// some of them). The theme's node is, in order: the one the merchant names with
// `data-product-jsonld-id`; the one whose sku/productID/mpn/productGroupID is the product id; the
// page's only ProductGroup; the page's only Product — whatever its sku, since themes write the
// selected variant's SKU while our host names the product by handle. The original text is put
// back when the last widget goes. Only a page with none of these gets a Product node of our own.
import { isRecord, type Review, type Summary, setJson } from "@plaudit/core";
import { buildProductJsonLd, type JsonLdNode, mergeRatingInto, serializeJsonLd } from "./json-ld.ts";

// Microdata themes are the few: their code is a chunk of its own, loaded on such a page only.
type Microdata = typeof import("./json-ld-microdata.ts");
let microdata: Microdata | undefined;
const MICRODATA_PRODUCT = '[itemscope][itemtype*="schema.org/Product"]';

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
  /** `data-product-jsonld-id`: the `@id` of the theme's node to merge into. */
  pointer?: string;
  own?: HTMLScriptElement;
  edited?: { script: HTMLScriptElement; original: string };
  /** The server-rendered script we took over (docs/ssr.md): its node keeps the merchant's facts. */
  adopted?: { script: HTMLScriptElement; original: string; node: JsonLdNode };
  /** Our element inside the theme's microdata Product (json-ld-microdata.ts). */
  microdata?: Element;
}

const OWN = "data-plaudit-jsonld";
const pages = new WeakMap<Document, Map<string, Entry>>();

const hasType = (node: JsonLdNode, type: string) =>
  node["@type"] === type || (Array.isArray(node["@type"]) && node["@type"].includes(type));
const isProduct = (node: JsonLdNode) => hasType(node, "Product");
// Core's check, one copy on the page: a JSON-LD node is any JSON object.
const isNode = isRecord as (value: unknown) => value is JsonLdNode;

/**
 * Nodes at the top level, in a top-level array, or in `@graph`, and such a node's `mainEntity`
 * (`{"@type": "ItemPage", "mainEntity": {"@type": "Product", …}}`); not other nested ones such as
 * variants or related products.
 */
function topNodes(doc: unknown): JsonLdNode[] {
  return (Array.isArray(doc) ? doc : [doc])
    .flatMap((node) => (isNode(node) && Array.isArray(node["@graph"]) ? node["@graph"] : [node]))
    .filter(isNode)
    .flatMap((node) => (isNode(node.mainEntity) ? [node, node.mainEntity] : [node]));
}

interface Found {
  script: HTMLScriptElement;
  parsed: unknown;
  node: JsonLdNode;
}

const identifiers = (node: JsonLdNode) =>
  [node.sku, node.productID, node.mpn, node.productGroupID].filter((v) => v !== undefined);

/**
 * The theme's node for this product (see the top of this file for the order), or undefined when
 * the page has none we can tell is this product's.
 */
function findPageProduct(
  document: Document,
  productId: string,
  pointer: string | undefined,
  edited?: Entry["edited"],
): Found | undefined {
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
    for (const node of topNodes(parsed)) found.push({ script, parsed, node });
  }
  if (pointer) {
    const named = found.find(({ node }) => node["@id"] === pointer);
    if (named) return named;
  }
  const products = found.filter(({ node }) => isProduct(node) || hasType(node, "ProductGroup"));
  const byId = products.find(({ node }) => identifiers(node).some((id) => String(id) === productId));
  if (byId) return byId;
  const groups = products.filter(({ node }) => hasType(node, "ProductGroup"));
  if (groups.length === 1) return groups[0];
  const singles = products.filter(({ node }) => isProduct(node));
  return groups.length === 0 && singles.length === 1 ? singles[0] : undefined;
}

function pageName(document: Document): string | undefined {
  const og = document.querySelector<HTMLMetaElement>('meta[property="og:title"]')?.content;
  return og || document.title || undefined;
}

function restoreEdited(entry: Entry) {
  if (entry.edited) setJson(entry.edited.script, entry.edited.original);
  entry.edited = undefined;
  entry.microdata?.remove();
  // The server's script is the page's own: it stays, as the server wrote it.
  if (entry.adopted) setJson(entry.adopted.script, entry.adopted.original);
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
    setJson(
      entry.adopted.script,
      serializeJsonLd(mergeRatingInto(entry.adopted.node, latest.summary, latest.reviews)),
    );
    return;
  }
  const pageProduct = findPageProduct(document, productId, entry.pointer, entry.edited);
  if (pageProduct) {
    entry.own?.remove();
    entry.own = undefined;
    if (entry.edited?.script !== pageProduct.script) {
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
          : isNode(value)
            ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replace(inner)]))
            : value;
    setJson(pageProduct.script, serializeJsonLd(replace(pageProduct.parsed)));
    return;
  }
  if (document.querySelector(MICRODATA_PRODUCT)) {
    if (!microdata) {
      // Written once its code is in, with whatever is latest then (if a widget still holds it).
      void import("./json-ld-microdata.ts").then((loaded) => {
        microdata = loaded;
        write(document, productId, entry);
      });
      return;
    }
    const item = microdata.findMicrodataProduct(document, productId, entry.pointer);
    if (item) {
      entry.own?.remove();
      entry.own = undefined;
      restoreEdited(entry);
      entry.microdata = microdata.putMicrodata(item, mergeRatingInto({}, latest.summary, latest.reviews));
      return;
    }
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
  });
  if (!entry.own) {
    entry.own = document.createElement("script");
    entry.own.type = "application/ld+json";
    entry.own.setAttribute(OWN, productId);
  }
  setJson(entry.own, serializeJsonLd(node));
  // In the page only with its JSON: a page refusing it (Trusted Types) gets no empty script.
  if (entry.own.text) document.head.append(entry.own);
}

/**
 * One handle per mounted widget; the product's markup lives while any handle does. `pointer` is
 * the `@id` of the theme's node to merge into (`data-product-jsonld-id`), when the merchant names it.
 */
export function acquireProductJsonLd(document: Document, productId: string, pointer?: string): JsonLdHandle {
  const products = pages.get(document) ?? new Map<string, Entry>();
  pages.set(document, products);
  const entry: Entry = products.get(productId) ?? { contributions: new Map(), holders: 0 };
  entry.pointer ??= pointer || undefined;
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
