// The reviews widget's first paint: the server renders it (the snippet route, docs/ssr.md) and the
// page only puts the markup into the host's shadow root — no Preact, no store, no formatting in
// the shopper's browser until they reach for the widget. Its state goes into the host as server
// rendering writes it, so the widget's code, when it comes, hydrates in place with no request.
import {
  followFocus,
  nextTask,
  type Painted,
  type PaintOptions,
  pageSizeOf,
  resolveLocale,
  type WidgetConfig,
} from "@plaudit/core";
import { deferredJsonLd } from "../deferred-json-ld.ts";
import { DEFAULT_PAGE_SIZE, readServerState, STATE_ATTRIBUTE } from "../hydration/server-state.ts";
import { type CardsLater, cardsLater } from "./cards-later.ts";
import {
  adoptRefusedStyles,
  letGo,
  markContent,
  type PutPainted,
  paintAgain,
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

/** The snippet route's answer, taken apart; undefined when it is not one. */
function snippetOf(doc: Document, text: string): Snippet | undefined {
  const host = parseInert(doc, text).querySelector('[data-plaudit="reviews"]');
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

/** Where the snippet for `host` is read: the same address, the same markup. */
function snippetUrl(host: HTMLElement, config: WidgetConfig): string {
  const { productId, apiBase, store, theme } = config;
  const pageSize = pageSizeOf(config, DEFAULT_PAGE_SIZE);
  const query = new URLSearchParams({ locale: config.locale ?? resolveLocale(host), theme });
  if (pageSize !== DEFAULT_PAGE_SIZE) query.set("pageSize", String(pageSize));
  return `${apiBase}/v1/stores/${enc(store)}/products/${enc(productId!)}/snippet?${query}`;
}

export async function paintReviews({ host, config, root }: PaintOptions): Promise<Painted | undefined> {
  const { productId } = config;
  // The widget's own code says what is missing.
  if (!productId) return undefined;
  const doc = host.ownerDocument;
  const pageSize = pageSizeOf(config, DEFAULT_PAGE_SIZE);
  const stands = standing(root, readServerState(host, config, productId, pageSize));
  if (!stands) return undefined;
  const url = snippetUrl(host, config);
  // The snippet as it came: what a host put in place of this one is painted with (`again`).
  let text: string | undefined;
  let snippet: Snippet | undefined;
  if (stands === "empty") {
    const response = await readPainted(url);
    if (!response.ok) return undefined;
    text = await response.text();
    snippet = snippetOf(doc, text);
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
  }
  return show(host, root, config, snippet);

  // Puts the snippet in (none: the server painted the host), in one task. `now`: every card at
  // once, as the host it replaces showed them.
  function show(
    host: HTMLElement,
    root: ShadowRoot | null,
    config: WidgetConfig,
    snippet?: Snippet,
    now?: boolean,
  ): Painted | undefined {
    let painted: PutPainted | undefined;
    let later: CardsLater | undefined;
    if (snippet) {
      // Before the cards that wait are taken out: they get theirs too.
      showPlaceholders(snippet.content);
      later = now ? undefined : cardsLater(host, snippet.content);
      try {
        painted = putPainted(host, snippet.content, snippet.css);
      } catch (error) {
        later?.stop();
        throw error;
      }
      root = painted.root;
      painted.keep(snippet.state);
    }
    const state = readServerState(host, config, productId!, pageSize);
    if (!state) {
      later?.stop();
      painted?.takeBack();
      return undefined;
    }
    // Painted by the server, with its style refused: styled now, not on first use.
    const dropRefused = snippet ? undefined : adoptRefusedStyles(root!);
    if (!snippet) showPlaceholders(root!);
    markContent(doc, "reviews");
    // Painted now, or by the server: either way there is a root.
    const use = untilUsed(host, root!);
    const focus = followFocus(host);
    // data-json-ld="off" leaves structured data to a merchant who writes their own.
    const jsonLd =
      config.options.jsonLd === "off"
        ? undefined
        : deferredJsonLd(doc, productId!, config.options.productJsonldId);
    jsonLd?.update({
      ...(config.options.productName ? { productName: config.options.productName } : {}),
      summary: state.summary,
      reviews: state.reviews?.items ?? [],
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
        focus.stop.abort();
        dropRefused?.(true);
        later?.stop();
        use.stop();
        jsonLd?.release();
        letGo(root, painted ? painted.takeBack : () => root?.replaceChildren(), leave);
      },
      // Every card at once, as the host it replaces showed them.
      again: (other, inherited) =>
        text === undefined
          ? undefined
          : paintAgain(other, inherited, snippetUrl, url, focus.at, (next) =>
              show(other, null, next, snippetOf(doc, text!), true),
            ),
    };
  }
}
