// The reviews widget's first paint: the server renders it (the snippet route, docs/ssr.md) and the
// page only puts the markup into the host's shadow root — no Preact, no store, no formatting in
// the shopper's browser until they reach for the widget. Its state goes into the host as server
// rendering writes it, so the widget's code, when it comes, hydrates in place with no request.
import { nextTask, type Painted, type PaintOptions, pageSizeOf, resolveLocale } from "@plaudit/core";
import { deferredJsonLd } from "../deferred-json-ld.ts";
import { DEFAULT_PAGE_SIZE, readServerState, STATE_ATTRIBUTE } from "../hydration/server-state.ts";
import { type CardsLater, cardsLater } from "./cards-later.ts";
import {
  adoptRefusedStyles,
  letGo,
  markContent,
  type PutPainted,
  parseInert,
  putPainted,
  readPainted,
  showPlaceholders,
  standing,
} from "./painted-host.ts";
import { untilUsed } from "./until-used.ts";

interface Snippet {
  /** What goes into the shadow root, without its <style>. */
  content: DocumentFragment;
  css: string;
  /** The `data-plaudit-state` script. */
  state: HTMLScriptElement;
}

const enc = encodeURIComponent;

/** The snippet route's answer, taken apart; undefined when it cannot be had or is not one. */
async function fetchSnippet(
  doc: Document,
  { apiBase, store, theme }: PaintOptions["config"],
  productId: string,
  locale: string,
  pageSize: number,
): Promise<Snippet | undefined> {
  const query = new URLSearchParams({ locale, theme });
  if (pageSize !== DEFAULT_PAGE_SIZE) query.set("pageSize", String(pageSize));
  const response = await readPainted(
    `${apiBase}/v1/stores/${enc(store)}/products/${enc(productId)}/snippet?${query}`,
  );
  if (!response.ok) return undefined;
  const host = parseInert(doc, await response.text()).querySelector('[data-plaudit="reviews"]');
  const shadow = host?.querySelector<HTMLTemplateElement>(":scope > template");
  const state = host?.querySelector<HTMLScriptElement>(`:scope > script[${STATE_ATTRIBUTE}]`);
  if (!shadow || !state) return undefined;
  // Moved, not copied, out of the inert template: the nodes are adopted as they are inserted.
  const content = shadow.content;
  let css = "";
  for (const style of content.querySelectorAll("style")) {
    css += style.textContent;
    style.remove();
  }
  return { content, css, state };
}

export async function paintReviews({ host, config, ...options }: PaintOptions): Promise<Painted | undefined> {
  let { root } = options;
  const { productId } = config;
  // The widget's own code says what is missing.
  if (!productId) return undefined;
  const doc = host.ownerDocument;
  const pageSize = pageSizeOf(config, DEFAULT_PAGE_SIZE);
  let state = readServerState(host, config, productId, pageSize);
  const stands = standing(root, state);
  if (!stands) return undefined;
  let painted: PutPainted | undefined;
  let later: CardsLater | undefined;
  if (stands === "empty") {
    const snippet = await fetchSnippet(
      doc,
      config,
      productId,
      config.locale ?? resolveLocale(host),
      pageSize,
    );
    // The parse above and the insertion below, each a task of its own: together they came to 35–45 ms
    // at 4× CPU throttling, a long task in the making on a slower phone.
    await nextTask();
    // Painted meanwhile (the product changed and its answer came first): that markup stays.
    if (
      !snippet ||
      standing(host.shadowRoot, readServerState(host, config, productId, pageSize)) !== "empty"
    ) {
      return undefined;
    }
    // Before the cards that wait are taken out: they get theirs too.
    showPlaceholders(snippet.content);
    later = cardsLater(host, snippet.content);
    try {
      painted = putPainted(host, snippet.content, snippet.css);
    } catch (error) {
      later.stop();
      throw error;
    }
    root = painted.root;
    painted.keep(snippet.state);
    state = readServerState(host, config, productId, pageSize);
    if (!state) {
      later.stop();
      painted.takeBack();
      return undefined;
    }
  }
  // Painted by the server, with its style refused: styled now, not on first use.
  const dropRefused = stands === "server" ? adoptRefusedStyles(root!) : undefined;
  if (stands === "server") showPlaceholders(root!);
  markContent(doc, "reviews");
  // Painted now, or by the server: either way there is a root.
  const use = untilUsed(host, root!);
  // data-json-ld="off" leaves structured data to a merchant who writes their own.
  const jsonLd =
    config.options.jsonLd === "off"
      ? undefined
      : deferredJsonLd(doc, productId, config.options.productJsonldId);
  jsonLd?.update({
    ...(config.options.productName ? { productName: config.options.productName } : {}),
    summary: state!.summary,
    reviews: state!.reviews?.items ?? [],
  });
  return {
    used: use.used,
    handOver() {
      later?.all();
      const replay = use.handOver();
      return () => {
        painted?.dropCss();
        dropRefused?.();
        replay();
      };
    },
    release(leave) {
      dropRefused?.(true);
      later?.stop();
      use.stop();
      jsonLd?.release();
      letGo(root, painted ? painted.takeBack : () => root?.replaceChildren(), leave);
    },
  };
}
