// The star badge's first paint: every badge on the page, rendered by the server in one batched
// request (`GET /v1/stores/{store}/badges`, docs/ssr.md), put into each host's shadow root. A badge
// is a link: it needs no code to be used, and its code loads only when a widget that does (the
// reviews) comes alive, to keep it in step with the page's store.
import {
  createIdBatcher,
  type Painted,
  type PaintOptions,
  resolveLocale,
  type Summary,
  type WidgetConfig,
} from "@plaudit/core";
import { readServerState, STATE_ATTRIBUTE, scriptJson } from "../hydration/server-state.ts";
import { reviewsHref } from "../stars-badge/reviews-href.ts";
import { markContent, type PutPainted, putPainted, standing } from "./painted-host.ts";

interface Badge {
  summary: Summary;
  /** The markup inside the badge's shadow root (escaped by the server's renderer). */
  html: string;
  css: string;
}

const enc = encodeURIComponent;

async function fetchBadges(
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
    { credentials: "omit" },
  );
  if (!response.ok) throw new Error(`[plaudit] badges: HTTP ${response.status}`);
  const body = (await response.json()) as {
    css: string;
    items: Array<Omit<Badge, "css"> & { productId: string }>;
  };
  return new Map(
    body.items.map(({ productId, summary, html }) => [productId, { summary, html, css: body.css }]),
  );
}

// One batcher per server, store, language and theme: 24 badges of a collection page, one request.
const batchers = new Map<string, (productId: string) => Promise<Badge>>();
function badgeOf(config: WidgetConfig, locale: string, productId: string): Promise<Badge> {
  const key = JSON.stringify([config.apiBase, config.store, locale, config.theme]);
  let batch = batchers.get(key);
  if (!batch) {
    batch = createIdBatcher(
      (ids) => fetchBadges(config, locale, ids),
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
    const badge = await badgeOf(config, config.locale ?? resolveLocale(host), productId).catch(
      () => undefined,
    );
    if (!badge) return undefined;
    const doc = host.ownerDocument;
    // The summary rides along, so the badge's code, when it loads, needs no request.
    const state = doc.createElement("script");
    state.type = "application/json";
    state.setAttribute(STATE_ATTRIBUTE, "");
    state.textContent = scriptJson({ v: 1, store: config.store, productId, summary: badge.summary });
    painted = putPainted(host, root, badge.html, badge.css, state);
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
