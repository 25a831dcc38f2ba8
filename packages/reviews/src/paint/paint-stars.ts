// The star badge's first paint: every badge on the page, rendered by the server in one batched
// request (`GET /v1/stores/{store}/badges`, docs/ssr.md), put into each host's shadow root. A badge
// is a link: it needs no code to be used, and its code loads only when a widget that does (the
// reviews) comes alive, to keep it in step with the page's store.
import {
  createIdBatcher,
  type Painted,
  type PaintOptions,
  readCacheMode,
  resolveLocale,
  type Summary,
  type WidgetConfig,
} from "@plaudit/core";
import { readServerState, STATE_ATTRIBUTE, scriptJson } from "../hydration/server-state.ts";
import { reviewsHref } from "../stars-badge/reviews-href.ts";
import { markContent, type PutPainted, putPainted, standing } from "./painted-host.ts";

interface Badge {
  summary: Summary;
  /** The markup inside the badge's shadow root, parsed (a copy for each host that shows it). */
  markup: DocumentFragment;
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
  const response = await fetch(
    `${apiBase}/v1/stores/${enc(store)}/badges?products=${productIds.map(enc).join(",")}&${query}`,
    { credentials: "omit", ...readCacheMode(apiBase) },
  );
  if (!response.ok) throw new Error(`[plaudit] badges: HTTP ${response.status}`);
  const body = (await response.json()) as {
    css: string;
    items: Array<{ productId: string; summary: Summary; html: string }>;
  };
  // Every badge's markup in one parse (a parse per badge costs more than the badges): each in a
  // <template> of its own, inert. The markup is our server's renderer's, every text in it escaped.
  const parsed = doc.createElement("template");
  parsed.innerHTML = body.items.map((item) => `<template>${item.html}</template>`).join("");
  const markups = parsed.content.children as HTMLCollectionOf<HTMLTemplateElement>;
  return new Map(
    body.items.map(({ productId, summary }, i) => [
      productId,
      { summary, markup: markups[i]!.content, css: body.css },
    ]),
  );
}

// One batcher per server, store, language and theme: 24 badges of a collection page, one request.
const batchers = new Map<string, (productId: string) => Promise<Badge>>();
function badgeOf(doc: Document, config: WidgetConfig, locale: string, productId: string): Promise<Badge> {
  const key = JSON.stringify([config.apiBase, config.store, locale, config.theme]);
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
  let painted: PutPainted | undefined;
  if (stands === "empty") {
    const doc = host.ownerDocument;
    const locale = config.locale ?? resolveLocale(host);
    const badge = await badgeOf(doc, config, locale, productId).catch(() => undefined);
    if (!badge) return undefined;
    // The summary rides along, so the badge's code, when it loads, needs no request.
    const state = doc.createElement("script");
    state.type = "application/json";
    state.setAttribute(STATE_ATTRIBUTE, "");
    state.textContent = scriptJson({ v: 1, store: config.store, productId, summary: badge.summary });
    painted = putPainted(host, root, doc.importNode(badge.markup, true), badge.css, state);
    root.querySelector("a")?.setAttribute("href", reviewsHref(host, config));
    if (badge.summary.count > 0) markContent(doc, "stars");
  }
  return {
    used: new Promise(() => undefined),
    handOver: () => () => painted?.dropCss(),
    release() {
      if (painted) painted.takeBack();
      else root.replaceChildren();
    },
  };
}
