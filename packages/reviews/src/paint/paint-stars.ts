// The star badge's first paint: every badge on the page, rendered by the server in one batched
// request (`GET /v1/stores/{store}/badges`, docs/ssr.md), put into each host's shadow root. A badge
// is a link: it needs no code to be used, and its code loads only when a widget that does (the
// reviews) comes alive, to keep it in step with the page's store.
import {
  createIdBatcher,
  followFocus,
  type Painted,
  type PaintOptions,
  resolveLocale,
  type Summary,
  type WidgetConfig,
} from "@plaudit/core";
import { readServerState } from "../hydration/server-state.ts";
import { reviewsHref } from "../stars-badge/reviews-href.ts";
import {
  adoptRefusedStyles,
  letGo,
  markContent,
  type PutPainted,
  paintAgain,
  parseInert,
  putPainted,
  readPainted,
  standing,
  stateScript,
} from "./painted-host.ts";

interface Badge {
  summary: Summary;
  /** The markup inside the badge's shadow root, parsed: the first host that shows it takes it. */
  markup: () => DocumentFragment;
  css: string;
}

const enc = encodeURIComponent;

async function fetchBadges(
  doc: Document,
  { apiBase, store, theme }: WidgetConfig,
  locale: string,
  productIds: string[],
): Promise<Map<string, Badge>> {
  // An id holding a comma cannot travel in the list (id-batcher gives it a batch of its own): that
  // badge mounts the usual way.
  if (productIds.some((id) => id.includes(","))) return new Map();
  const query = new URLSearchParams({ locale, theme });
  const response = await readPainted(
    `${apiBase}/v1/stores/${enc(store)}/badges?products=${productIds.map(enc).join(",")}&${query}`,
  );
  if (!response.ok) throw new Error(`[plaudit] badges: HTTP ${response.status}`);
  const body = (await response.json()) as {
    css: string;
    items: Array<{ productId: string; summary: Summary; html: string }>;
  };
  // Every badge's markup in one parse (a parse per badge costs more than the badges): each in a
  // <template> of its own.
  const markups = parseInert(doc, body.items.map((item) => `<template>${item.html}</template>`).join(""))
    .children as HTMLCollectionOf<HTMLTemplateElement>;
  return new Map(
    body.items.map(({ productId, summary, html }, i) => {
      let parsed: DocumentFragment | undefined = markups[i]!.content;
      const markup = () => {
        // The same product's badge twice on a page: the second gets a parse of its own.
        const taken = parsed ?? parseInert(doc, html);
        parsed = undefined;
        return taken;
      };
      return [productId, { summary, markup, css: body.css }];
    }),
  );
}

/** What a badge's markup depends on besides its product: its server, store, language and theme. */
const batchOf = (config: WidgetConfig, locale: string) =>
  JSON.stringify([config.apiBase, config.store, locale, config.theme]);
/** What a badge's markup is read by: its batch and its product. */
const badgeAddress = (host: HTMLElement, config: WidgetConfig) =>
  `${config.productId} ${batchOf(config, config.locale ?? resolveLocale(host))}`;

// One batcher per server, store, language and theme: 24 badges of a collection page, one request.
const batchers = new Map<string, (productId: string) => Promise<Badge>>();
function badgeOf(doc: Document, config: WidgetConfig, locale: string, productId: string): Promise<Badge> {
  const key = batchOf(config, locale);
  let batch = batchers.get(key);
  if (!batch) {
    batch = createIdBatcher(
      (ids) => fetchBadges(doc, config, locale, ids),
      (id) => new Error(`[plaudit] no badge for product "${id}"`),
    );
    batchers.set(key, batch);
  }
  return batch(productId);
}

/** Answers undefined, not a rejection, when there is nothing to paint with: the badge mounts as usual. */
export async function paintStars({ host, root, config }: PaintOptions): Promise<Painted | undefined> {
  const { productId } = config;
  if (!productId) return undefined;
  const stands = standing(root, readServerState(host, config, productId));
  if (!stands) return undefined;
  const locale = config.locale ?? resolveLocale(host);
  const address = badgeAddress(host, config);
  let badge: Badge | undefined;
  if (stands === "empty") {
    badge = await badgeOf(host.ownerDocument, config, locale, productId).catch(() => undefined);
    // Painted meanwhile (the product changed and its answer came first): that markup stays.
    if (!badge || standing(host.shadowRoot, readServerState(host, config, productId)) !== "empty") {
      return undefined;
    }
  }
  return show(host, root, config);

  // Puts the badge in (none: the server painted the host).
  function show(host: HTMLElement, root: ShadowRoot | null, config: WidgetConfig): Painted {
    const focus = followFocus(host);
    let painted: PutPainted | undefined;
    if (badge) {
      painted = putPainted(host, badge.markup(), badge.css);
      painted.root.querySelector("a")?.setAttribute("href", reviewsHref(host, config));
      if (badge.summary.count > 0) markContent(host.ownerDocument, "stars");
    }
    // Painted by the server, with its style refused: styled now (the badge's code may never come).
    const dropRefused = !badge && root ? adoptRefusedStyles(root, true) : undefined;
    return {
      used: new Promise(() => undefined),
      handOver() {
        // The summary goes along, so the badge's code needs no request. Written only now: a page of
        // badges that never come alive (a collection page) never pays for it.
        if (painted && badge) {
          painted.keep(
            stateScript(host.ownerDocument, {
              v: 1,
              store: config.store,
              productId: productId!,
              summary: badge.summary,
            }),
          );
        }
        // The badge's code renders its link anew: a shopper's focus on the painted one goes with it.
        const shadow = host.shadowRoot;
        const focused = shadow?.activeElement;
        return () => {
          painted?.dropCss();
          dropRefused?.();
          if (focused && !focused.isConnected) shadow?.querySelector("a")?.focus({ preventScroll: true });
        };
      },
      release(leave) {
        focus.stop.abort();
        dropRefused?.(true);
        letGo(root, painted ? painted.takeBack : () => root?.replaceChildren(), leave);
      },
      again: (other, inherited) =>
        badge &&
        paintAgain(other, inherited, badgeAddress, address, focus.at, (next) => show(other, null, next)),
    };
  }
}
