// Keeps exactly one Product node per product on the page, however many widgets show it:
// widgets acquire a handle per product (ref-counted), push what they show, and release on unmount.
//
// How the one node is guaranteed (docs/widgets.md, "Structured data"): when the theme already
// describes the product, our rating and reviews go INTO that node, in the theme's own script (every
// consumer reads that script; a second node — even one sharing an `@id` — is a second product to
// some of them). Which node (or microdata item) is the theme's for the product is json-ld-choice.ts's rule: the one the
// merchant names, the one naming the product, the one the page is about or named as the product,
// else the page's only one — never another product's (a related section's, a quick view's). The
// original text is put back when the last widget goes. Only a page with none of these gets a
// Product node of our own, and only for a product with reviews.
// A node takes one product's rating only (a page showing two products' reviews gets the other a
// node of its own). The theme may add, replace or rewrite its scripts later (an SPA, a variant
// change): a MutationObserver on them lays our rating into whatever the theme wrote last.
import { type Review, type Summary, setJson } from "@plaudit/core";
import { buildProductJsonLd, type JsonLdNode, mergeRatingInto, serializeJsonLd } from "./json-ld.ts";
import { type Candidate, chooseNodes, isNode, isProduct, topNodes } from "./json-ld-choice.ts";

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
  productId: string;
  contributions: Map<symbol, JsonLdContribution>;
  holders: number;
  /** `data-product-jsonld-id`: the `@id` of the theme's node to merge into. */
  pointer?: string;
  own?: HTMLScriptElement;
  /** The server-rendered script we took over (docs/ssr.md): its node keeps the merchant's facts. */
  adopted?: { script: HTMLScriptElement; original: string; node: JsonLdNode };
  /** Our element inside the theme's microdata Product (json-ld-microdata.ts). */
  microdata?: Element;
}

/** The theme's text of a script we changed (put back at the end), and what we last wrote into it. */
interface Edit {
  original: string;
  written: string;
  /** How often the theme put its text back over ours since it last wrote a new one. */
  undone: number;
}

interface Page {
  /** By product id, in the order the products were first shown. */
  entries: Map<string, Entry>;
  edited: Map<HTMLScriptElement, Edit>;
  /** Watches the theme's scripts: an SPA or a variant change may add, replace or rewrite them. */
  observer?: MutationObserver;
  /** Theme scripts whose own text the observer watches. */
  watched: WeakSet<Node>;
  /** Theme scripts and microdata items on the page when the widgets first wrote (the others came later). */
  initial: WeakSet<Node>;
  /** The page describes a product in microdata: its items' coming and going matters too. */
  microdata?: boolean;
}

const OWN = "data-plaudit-jsonld";
const THEME_SCRIPT = `script[type="application/ld+json"]:not([${OWN}])`;
const pages = new WeakMap<Document, Page>();

interface Found extends Candidate {
  script: HTMLScriptElement;
  parsed: unknown;
}

/**
 * Every top node of every theme script, read from the theme's own text (not our edit of it). Each
 * script's own text is watched from now on (a theme may rewrite it in place).
 */
function themeNodes(document: Document, page: Page): Found[] {
  const found: Found[] = [];
  for (const script of document.querySelectorAll<HTMLScriptElement>(THEME_SCRIPT)) {
    if (!page.watched.has(script)) {
      page.watched.add(script);
      page.observer?.observe(script, { characterData: true, subtree: true });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(page.edited.get(script)?.original ?? script.textContent ?? "");
    } catch {
      continue; // a broken theme script (HTML comments, CDATA, a trailing comma) is not ours to fix
    }
    const late = !page.initial.has(script);
    for (const candidate of topNodes(parsed)) found.push({ ...candidate, script, parsed, late });
  }
  return found;
}

const latestOf = (entry: Entry) => [...entry.contributions.values()].at(-1);
/** The product's name as any of its widgets knows it (`data-product-name`). */
const productNameOf = (entry: Entry) =>
  latestOf(entry)?.productName ?? [...entry.contributions.values()].find((c) => c.productName)?.productName;
const meta = (document: Document, property: string) =>
  document.querySelector<HTMLMetaElement>(`meta[property="${property}"]`)?.content;

function pageName(document: Document): string | undefined {
  return meta(document, "og:title") || document.title || undefined;
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

/** Writes only a change: the observer hears every write, and an equal one must not start another. */
function writeJson(script: HTMLScriptElement, json: string) {
  if (script.textContent !== json) setJson(script, json);
}

/** Our own markup of a product that has no theme node (or none left): gone. */
function removeOurs(entry: Entry) {
  entry.own?.remove();
  entry.own = undefined;
  entry.microdata?.remove();
  entry.microdata = undefined;
}

/**
 * Puts the page's structured data in line with what the widgets show: the theme's scripts with
 * our rating in their nodes (from the theme's own text each time), or our own node, per product.
 * Run on every widget change and whenever the theme changes its scripts.
 */
function render(document: Document, page: Page) {
  for (const [script, edit] of page.edited) {
    const text = script.textContent ?? "";
    if (!script.isConnected) page.edited.delete(script);
    else if (text !== edit.written) {
      // Rewritten by the theme since (a variant change): its new text is the theme's own now.
      if (text !== edit.original) edit.undone = 0;
      else edit.undone++;
      edit.original = text;
    }
  }
  const live: Entry[] = [];
  for (const entry of page.entries.values()) {
    const latest = latestOf(entry);
    if (!latest) {
      // Widgets still mounted but none has data (yet): say nothing rather than something stale.
      removeOurs(entry);
      if (entry.adopted) setJson(entry.adopted.script, entry.adopted.original);
      continue;
    }
    // Server-rendered markup already holds the one Product node: take it over, keep its facts.
    if (!entry.own) entry.adopted ??= serverScript(document, entry.productId);
    if (entry.adopted) {
      const merged = mergeRatingInto(entry.adopted.node, latest.summary, latest.reviews);
      setJson(entry.adopted.script, serializeJsonLd(merged));
    } else live.push(entry);
  }

  const location = document.location;
  const pageUrls = [
    location?.href,
    document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href,
    meta(document, "og:url"),
  ].filter((url): url is string => !!url);
  // The merchant's name for the product, else what the page calls itself.
  const pageNames = [meta(document, "og:title"), document.title, document.querySelector("h1")?.textContent];
  const shown = live.map((entry) => {
    const name = productNameOf(entry);
    return {
      entry,
      productId: entry.productId,
      pointer: entry.pointer,
      names: (name ? [name] : pageNames).filter((n): n is string => !!n),
      named: !!name,
    };
  });
  // The one rule (json-ld-choice.ts) for the theme's JSON-LD nodes, and then its microdata items.
  const targets = chooseNodes(themeNodes(document, page), shown, pageUrls);
  const changes = new Map<HTMLScriptElement, { parsed: unknown; nodes: Map<JsonLdNode, JsonLdNode> }>();
  for (const [{ entry }, target] of targets) {
    removeOurs(entry);
    const latest = latestOf(entry)!;
    const change = changes.get(target.script) ?? { parsed: target.parsed, nodes: new Map() };
    changes.set(target.script, change);
    // With no reviews we have nothing to add, and a rating another app put there stays.
    if (latest.summary.count > 0)
      change.nodes.set(target.node, mergeRatingInto(target.node, latest.summary, latest.reviews));
  }
  for (const [script, edit] of page.edited) {
    if (changes.has(script)) continue;
    writeJson(script, edit.original);
    page.edited.delete(script);
  }
  for (const [script, { parsed, nodes }] of changes) {
    const edit = page.edited.get(script) ?? { original: script.textContent ?? "", written: "", undone: 0 };
    // A theme that puts its text back whenever we write (its own observer on the script) would
    // write back and forth with us for ever, in one task: after the third time, the script is its.
    if (edit.undone > 2) continue;
    // Rewrite the parsed document with our nodes replaced, keeping everything else as it was.
    const replace = (value: unknown): unknown => {
      const merged = isNode(value) ? nodes.get(value) : undefined;
      if (merged) return merged;
      if (Array.isArray(value)) return value.map(replace);
      return isNode(value)
        ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replace(inner)]))
        : value;
    };
    writeJson(script, nodes.size ? serializeJsonLd(replace(parsed)) : edit.original);
    edit.written = script.textContent ?? "";
    page.edited.set(script, edit);
  }

  const items = microdata && chooseNodes(microdata.candidates(document, page.initial), shown, pageUrls);
  for (const product of shown) {
    if (targets.has(product)) continue;
    const { entry } = product;
    // No ratings yet: a node of ours would hold nothing Google takes (a reviewCount of 0 is an error).
    if (latestOf(entry)!.summary.count > 0)
      writeOwn(document, entry, latestOf(entry)!, items?.get(product)?.item);
    else removeOurs(entry);
  }
  // What we just wrote is not news to the observer (it would only run this again).
  page.observer?.takeRecords();
}

/** A product with no theme JSON-LD node: into its microdata `item` (chosen), else a node of our own. */
function writeOwn(document: Document, entry: Entry, latest: JsonLdContribution, item?: HTMLElement) {
  if (document.querySelector(MICRODATA_PRODUCT)) {
    const page = pages.get(document);
    if (page) page.microdata = true;
    if (!microdata) {
      // Written once its code is in, with whatever is latest then (if a widget still holds it).
      void import("./json-ld-microdata.ts").then((loaded) => {
        microdata = loaded;
        const now = pages.get(document);
        if (now) render(document, now);
      });
      return;
    }
    if (item) {
      removeOurs(entry);
      entry.microdata = microdata.putMicrodata(item, mergeRatingInto({}, latest.summary, latest.reviews));
      return;
    }
  }
  entry.microdata?.remove();
  entry.microdata = undefined;
  const location = document.location;
  const pageUrl = location ? location.origin + location.pathname : undefined;
  const node = buildProductJsonLd({
    productId: entry.productId,
    // Any widget that knows the product's name speaks for all of them.
    productName: productNameOf(entry) ?? pageName(document),
    url: pageUrl,
    idBase: pageUrl,
    summary: latest.summary,
    reviews: latest.reviews,
  });
  if (!entry.own) {
    entry.own = document.createElement("script");
    entry.own.type = "application/ld+json";
    entry.own.setAttribute(OWN, entry.productId);
  }
  writeJson(entry.own, serializeJsonLd(node));
  // In the page only with its JSON: a page refusing it (Trusted Types) gets no empty script.
  if (entry.own.text && !entry.own.isConnected) document.head.append(entry.own);
}

const isJsonLd = (node: Node) =>
  node.nodeName === "SCRIPT" && (node as HTMLScriptElement).type === "application/ld+json";

/** An added or removed node is, or holds, a JSON-LD script (or, on a microdata page, an item). */
function holds(node: Node, microdata: boolean | undefined): boolean {
  if (node.nodeType !== 1) return false; // text and comments: a cart counter, a ticker
  if (isJsonLd(node)) return true;
  const element = node as Element;
  if (element.firstElementChild) {
    // Elements by tag name: faster than a selector, and most subtrees hold no script at all.
    const scripts = element.getElementsByTagName("script");
    for (let i = 0; i < scripts.length; i++) if (isJsonLd(scripts[i]!)) return true;
  }
  return !!microdata && (element.hasAttribute("itemscope") || element.querySelector("[itemscope]") !== null);
}

/**
 * Whether a batch of DOM changes can change what we write: a JSON-LD script added or removed
 * anywhere (themes put them in body sections too), a theme script's text rewritten, and on a
 * microdata page an item added or removed. The observer sees every change of the shop's page
 * (carousels, cart counters, an SPA's swaps) on its main thread, so this is cheap for the rest:
 * text nodes are passed over, and only an added or removed element is searched, by tag name.
 */
function touchesStructuredData(records: MutationRecord[], page: Page): boolean {
  for (let r = 0; r < records.length; r++) {
    const { type, target, addedNodes, removedNodes } = records[r]!;
    // Only the theme's scripts are watched for text (themeNodes).
    if (type === "characterData") return true;
    // `script.textContent = …`: the script is the target. Ours are written only by render.
    if (isJsonLd(target)) {
      if (!(target as Element).hasAttribute(OWN)) return true;
      continue;
    }
    for (let i = 0; i < addedNodes.length; i++) if (holds(addedNodes[i]!, page.microdata)) return true;
    for (let i = 0; i < removedNodes.length; i++) if (holds(removedNodes[i]!, page.microdata)) return true;
  }
  return false;
}

/**
 * One handle per mounted widget; the product's markup lives while any handle does. `pointer` is
 * the `@id` of the theme's node to merge into (`data-product-jsonld-id`), when the merchant names it.
 */
export function acquireProductJsonLd(document: Document, productId: string, pointer?: string): JsonLdHandle {
  let page = pages.get(document);
  if (!page) {
    const created: Page = {
      entries: new Map(),
      edited: new Map(),
      watched: new WeakSet(),
      initial: new WeakSet(document.querySelectorAll(`${THEME_SCRIPT},${MICRODATA_PRODUCT}`)),
    };
    created.observer = new MutationObserver((records) => {
      if (touchesStructuredData(records, created)) render(document, created);
    });
    // Scripts coming and going anywhere; the text of the theme's scripts only (themeNodes), not
    // of every node of the page.
    created.observer.observe(document, { childList: true, subtree: true });
    pages.set(document, created);
    page = created;
  }
  const current = page;
  const entry: Entry = current.entries.get(productId) ?? { productId, contributions: new Map(), holders: 0 };
  entry.pointer ??= pointer || undefined;
  current.entries.set(productId, entry);
  entry.holders++;
  const me = Symbol(productId);
  let released = false;
  return {
    update(contribution) {
      if (released) return;
      // Re-inserting makes this the latest contribution: the widget that changed last is shown.
      entry.contributions.delete(me);
      entry.contributions.set(me, contribution);
      render(document, current);
    },
    release() {
      if (released) return;
      released = true;
      entry.contributions.delete(me);
      if (--entry.holders > 0) {
        render(document, current);
        return;
      }
      removeOurs(entry);
      // The server's script is the page's own: it stays, as the server wrote it.
      if (entry.adopted) setJson(entry.adopted.script, entry.adopted.original);
      current.entries.delete(productId);
      render(document, current);
      if (current.entries.size === 0) {
        current.observer?.disconnect();
        pages.delete(document);
      }
    },
  };
}
