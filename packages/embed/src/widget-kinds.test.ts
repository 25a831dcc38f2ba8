import { entryOf } from "@plaudit/core";
import { readConfig } from "@plaudit/core/config";
import { mountLoyalty, mountPoints, mountPointsFor } from "@plaudit/loyalty";
import { mountGallery, mountReviews, mountStars } from "@plaudit/reviews";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineElements, WIDGET_DEFINITIONS } from "./plaudit-elements.ts";
import { type PlauditApi, startPlaudit } from "./start-plaudit.ts";

// Each of the six widget kinds mounts all three ways — a data-plaudit host found by the loader, an
// npm mount call, a custom element — from its one definition, against a stand-in API. The quick
// check in the test DOM; e2e/widget-kinds.test.ts does the same in Chromium against the real
// server, with plaudit.js and @plaudit/embed's built package.

const API = "https://reviews.test";
const program = {
  pointsName: "points",
  earning: [{ action: "purchase", points: 1, label: "1 point per $1" }],
  rewards: [],
  tiers: [],
};

function answer(url: URL): unknown {
  const path = url.pathname;
  if (path.endsWith("/summaries"))
    return {
      items: (url.searchParams.get("products") ?? "").split(",").map((productId) => ({
        productId,
        count: 0,
        average: 0,
        histogram: [0, 0, 0, 0, 0],
        mediaCount: 0,
      })),
    };
  if (path.endsWith("/summary"))
    return { productId: "tee", count: 0, average: 0, histogram: [0, 0, 0, 0, 0], mediaCount: 0 };
  if (path.endsWith("/reviews")) return { items: [], nextCursor: null, total: 0 };
  if (path.endsWith("/media")) return { items: [], nextCursor: null };
  if (path.endsWith("/loyalty/program")) return program;
  if (path.endsWith("/loyalty/me"))
    return {
      customerId: "c-1",
      balance: 120,
      tier: null,
      nextTier: null,
      referral: { code: "C1", url: "" },
      history: [],
    };
  return undefined;
}

class Viewport {
  static current: Viewport | undefined;
  readonly observed = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    Viewport.current = this;
  }
  observe(el: Element) {
    this.observed.add(el);
    // Everything is near the viewport here.
    queueMicrotask(() =>
      this.callback([{ target: el, isIntersecting: true } as IntersectionObserverEntry], this as never),
    );
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** Attributes each kind needs, data-* for hosts and plain for elements. */
const NEEDS: Record<string, Record<string, string>> = {
  reviews: { "product-id": "tee" },
  stars: { "product-id": "tee" },
  gallery: {},
  loyalty: {},
  points: {},
  "points-for": { amount: "49.99" },
};

const npmMounts: Record<string, (el: HTMLElement) => () => void> = {
  reviews: (el) => mountReviews(el, { store: "demo", apiBase: API, productId: "tee" }),
  stars: (el) => mountStars(el, { store: "demo", apiBase: API, productId: "tee" }),
  gallery: (el) => mountGallery(el, { store: "demo", apiBase: API }),
  loyalty: (el) => mountLoyalty(el, { store: "demo", apiBase: API }),
  points: (el) => mountPoints(el, { store: "demo", apiBase: API }),
  "points-for": (el) => mountPointsFor(el, { store: "demo", apiBase: API, amount: 49.99 }),
};

let api: PlauditApi | undefined;
beforeEach(() => {
  vi.stubGlobal("IntersectionObserver", Viewport);
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const body = answer(url);
      return body === undefined
        ? new Response(JSON.stringify({ error: { code: "not_found", message: "no" } }), { status: 404 })
        : new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
    }),
  );
  document.body.replaceChildren();
  document.head.replaceChildren();
});
afterEach(() => {
  api?.destroy();
  api = undefined;
  delete (window as { Plaudit?: unknown }).Plaudit;
  vi.unstubAllGlobals();
});

const rendered = (el: Element) => (el.shadowRoot?.childNodes.length ?? 0) > 0;

describe("every widget kind, three ways", () => {
  it("has six kinds, each with its own custom element", () => {
    expect(WIDGET_DEFINITIONS.map((d) => d.kind)).toEqual([
      "reviews",
      "stars",
      "gallery",
      "loyalty",
      "points",
      "points-for",
    ]);
    defineElements();
    for (const { kind } of WIDGET_DEFINITIONS)
      expect(customElements.get(`plaudit-${kind}`)).toBeTypeOf("function");
  });

  it.each(WIDGET_DEFINITIONS.map((d) => [d.kind, d] as const))(
    "%s mounts from a data attribute, an npm call and a custom element",
    async (kind, definition) => {
      // 1. data-plaudit host, found and mounted by the loader with the kind's entry.
      const script = document.createElement("script");
      script.src = `${API}/plaudit.js`;
      script.setAttribute("data-store", "demo");
      // The shopper, once for the page (the balance widget shows nothing to a guest).
      script.setAttribute("data-customer-token", "c-1.1767225600.00");
      script.type = "text/plain"; // the test DOM does not fetch it; the loader is started below
      document.head.append(script);
      const host = document.createElement("div");
      host.setAttribute("data-plaudit", kind);
      for (const [name, value] of Object.entries(NEEDS[kind]!)) host.setAttribute(`data-${name}`, value);
      document.body.append(host);
      api = startPlaudit({
        window,
        script,
        chunks: { [kind]: `chunks/${kind}.js` },
        version: "test",
        importChunk: async () => ({ readConfig, mount: entryOf(definition) }),
      });
      await settle();
      expect(rendered(host), "data attribute").toBe(true);

      // 2. The npm mount function.
      const target = document.createElement("div");
      document.body.append(target);
      const unmount = npmMounts[kind]!(target);
      await settle();
      expect(rendered(target), "npm call").toBe(true);
      unmount();

      // 3. The custom element.
      defineElements();
      const element = document.createElement(`plaudit-${kind}`);
      element.setAttribute("store", "demo");
      element.setAttribute("api", API);
      for (const [name, value] of Object.entries(NEEDS[kind]!)) element.setAttribute(name, value);
      document.body.append(element);
      await settle();
      expect(rendered(element), "custom element").toBe(true);
      element.remove();
      expect(rendered(element), "custom element after removal").toBe(false);
    },
  );
});
