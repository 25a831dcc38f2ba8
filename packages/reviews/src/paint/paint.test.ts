// The loader's first paint: the server's markup put into a host with no widget code, then the
// widget's code mounting over it (hydration) with no request, and the shopper's first click and
// typing kept across the hand-over. The answers are what our server renders (renderReviews,
// starsBadgeHtml); only the network between is stubbed.
import { getStore, readConfig } from "@plaudit/core";
import { CODE_SHEETS, type CodeStyled } from "@plaudit/ui";
import { options } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WAIT_FOR_MS } from "../../../../scripts/test-waits.mjs";
import { json, makeReview, settle, summarize } from "../../testing/fake-api.ts";
import { mount as mountReviewsEntry } from "../entries/reviews.ts";
import { mount as mountStarsEntry } from "../entries/stars.ts";
import { renderReviews } from "../server/render-reviews.tsx";
import { starsBadgeHtml } from "../server/render-stars.ts";
import { starsWidgetCss } from "../server/widget-css.ts";
import { FIRST_FRAME, PER_FRAME } from "./cards-later.ts";
import { paint } from "./paint.ts";
import { untilUsed } from "./until-used.ts";

// What comes a frame or more after the paint (the held parts, the cards two a frame): on a machine
// busy with other tests the frames stretch, and vi.waitFor's 1 s default failed there.
const FRAMES_LATER = { timeout: WAIT_FOR_MS };

const API = "https://reviews.test";
const reviews = Array.from({ length: 14 }, (_, i) => makeReview(i + 1));
const data = {
  summary: summarize("tee", reviews),
  reviews: { items: reviews.slice(0, 10), nextCursor: "10", total: 14 },
};

let requests: string[] = [];
/** The cache mode each request asked for. */
let cacheModes: (RequestCache | undefined)[] = [];
let answer: (url: URL) => Response | Promise<Response>;
let mismatches: unknown[] = [];
const hooks = options as unknown as { __m?: (vnode: { type: unknown }) => void };

beforeEach(() => {
  requests = [];
  cacheModes = [];
  mismatches = [];
  hooks.__m = (vnode) => mismatches.push(vnode.type);
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(`${url.pathname}${url.search}`);
    cacheModes.push(init?.cache);
    return answer(url);
  });
});

afterEach(() => {
  hooks.__m = undefined;
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  document.head.replaceChildren();
  getStore().setState({ summaries: {}, reviewLists: {} });
});

function host(kind: string, productId: string, attributes: Record<string, string> = {}) {
  const el = document.createElement("div");
  el.setAttribute("data-plaudit", kind);
  el.setAttribute("data-product-id", productId);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  const root = el.attachShadow({ mode: "open" });
  return { host: el, root, config: readConfig(el, INHERITED) };
}

/**
 * A reviews host the snippet answers for, standing at the top of a 768px viewport (happy-dom lays
 * nothing out): the page's cards surely fill the view, so the paint holds the rest for later frames.
 */
function reviewsAtTop() {
  answer = snippetAnswer;
  const painted = host("reviews", "tee");
  painted.host.getBoundingClientRect = () => ({ top: 0, width: 800, height: 0 }) as DOMRect;
  return painted;
}

/** The script tag's config under every host's own. */
const INHERITED = { store: "demo", apiBase: API };

/** What the snippet route answers (snippet-routes.ts): the reviews host, then the JSON-LD. */
async function snippetAnswer(url?: URL) {
  const id = url ? decodeURIComponent(url.pathname.split("/")[5]!) : "tee";
  const rendered = await renderReviews({
    store: "demo",
    product: { id },
    data: { summary: { ...data.summary, productId: id }, reviews: data.reviews },
    api: API,
  });
  return new Response(`${rendered.html}\n${rendered.jsonLd}\n`, { headers: { "Content-Type": "text/html" } });
}

/** What the badges route answers (routes/badges.ts): each badge's markup and summary, the CSS once. */
function badgesAnswer(url: URL) {
  const ids = url.searchParams.get("products")!.split(",");
  return json({
    css: starsWidgetCss,
    items: ids.map((productId) => {
      const summary = summarize(productId, productId === "none" ? [] : reviews);
      return { productId, summary, html: starsBadgeHtml(summary, { href: "#plaudit-reviews" }) };
    }),
  });
}

describe("painting the reviews", () => {
  it("shows the server's markup, styled by an adopted sheet, and hydrates it later with no request", async () => {
    answer = snippetAnswer;
    const { host: el, root, config } = host("reviews", "tee", { "data-locale": "en" });
    const painted = await paint({ kind: "reviews", host: el, root, config });

    expect(painted).toBeDefined();
    expect(requests).toEqual(["/v1/stores/demo/products/tee/snippet?locale=en&theme=auto"]);
    expect(root.querySelectorAll("article")).toHaveLength(10);
    // No <style> (a strict CSP would refuse it): the CSS is an adopted sheet.
    expect(root.querySelector("style")).toBeNull();
    // A sheet per part: theme, base, stars, icons, the reviews' own.
    const paintedSheets = [...root.adoptedStyleSheets];
    expect(paintedSheets).toHaveLength(5);
    expect((root as CodeStyled)[CODE_SHEETS]).toBeUndefined();
    expect(el.querySelector(":scope > script[data-plaudit-state]")).not.toBeNull();

    const section = root.querySelector("section")!;
    const before = section.outerHTML;
    const replay = painted!.handOver();
    const unmount = mountReviewsEntry({ host: el, root, config });
    replay();
    await settle();
    expect(requests).toEqual(["/v1/stores/demo/products/tee/snippet?locale=en&theme=auto"]);
    expect(mismatches).toEqual([]);
    expect(root.querySelector("section")).toBe(section);
    expect(section.outerHTML).toBe(before);
    // The widget's code adopted the very sheets painted (the same texts: no parse), and kept them.
    expect((root as CodeStyled)[CODE_SHEETS]).toEqual(paintedSheets);
    expect(root.adoptedStyleSheets).toEqual(paintedSheets);

    // Live: "Load more" asks for the page after the server's cursor.
    [...root.querySelectorAll("button")].find((b) => b.textContent === "Load more reviews")!.click();
    await settle();
    expect(requests.at(-1)).toBe("/v1/stores/demo/products/tee/reviews?sort=newest&limit=10&cursor=10");
    unmount();
    painted!.release();
    expect(el.querySelector(":scope > script[data-plaudit-state]")).toBeNull();
  });

  it("paints a host put in place of a painted one at once, from the snippet it had, and the code hydrates it; not one that asks for other markup", async () => {
    answer = snippetAnswer;
    const old = host("reviews", "tee", { "data-locale": "en", "data-variant-id": "1" });
    const painted = await paint({ kind: "reviews", ...old });
    // A section re-render for another variant: the same host anew (its copy of the old state
    // script with it), the variant's id changed.
    const el = document.createElement("div");
    el.innerHTML = old.host.outerHTML.replace('data-variant-id="1"', 'data-variant-id="2"');
    const next = el.firstElementChild as HTMLElement;
    document.body.append(next);
    const again = painted!.again!(next, INHERITED);

    // In this task, with no request: the old markup, every card in, one state script.
    const root = next.shadowRoot!;
    expect(root.innerHTML).toBe(old.root.innerHTML);
    expect(root.querySelectorAll("article")).toHaveLength(10);
    expect(next.querySelectorAll(":scope > script[data-plaudit-state]")).toHaveLength(1);
    expect(requests).toHaveLength(1);
    // Not over a root someone filled; not for another product, language or page size (other markup).
    const filled = host("reviews", "tee", { "data-locale": "en" });
    filled.root.append("theirs");
    expect(painted!.again!(filled.host, INHERITED)).toBeUndefined();
    for (const other of [
      host("reviews", "mug", { "data-locale": "en" }),
      host("reviews", "tee", { "data-locale": "de" }),
      host("reviews", "tee", { "data-locale": "en", "data-page-size": "5" }),
    ]) {
      expect(painted!.again!(other.host, INHERITED)).toBeUndefined();
      expect(other.root.childNodes).toHaveLength(0);
    }

    painted!.release();
    const replay = again!.handOver();
    const unmount = mountReviewsEntry({ host: next, root, config: old.config });
    replay();
    await settle();
    expect(requests).toHaveLength(1);
    expect(mismatches).toEqual([]);
    unmount();
    again!.release();
  });

  it("marks the shopper's own votes once hydrated, and a Load more pressed before moves focus to its page", async () => {
    answer = (url) =>
      url.pathname.endsWith("/snippet")
        ? snippetAnswer()
        : json({ items: reviews.slice(10), nextCursor: null, total: 14 });
    const { host: el, root, config } = host("reviews", "tee", { "data-locale": "en" });
    const painted = await paint({ kind: "reviews", host: el, root, config });
    const first = reviews[0]!.id;
    // Kept in the shopper's browser (my-votes.ts): the server's markup cannot know it.
    getStore().setState({ myVotes: { [first]: "up" } });
    const up = () => root.querySelector(`#plaudit-review-${first} .plaudit-votes button`);
    expect(up()?.getAttribute("aria-pressed")).toBe("false");

    const more = [...root.querySelectorAll("button")].find((b) => b.textContent === "Load more reviews")!;
    const replay = painted!.handOver();
    const unmount = mountReviewsEntry({ host: el, root, config });
    // Done again right after the mount, before the widget's effects have run.
    more.click();
    replay();
    await settle(20);
    expect(up()?.getAttribute("aria-pressed")).toBe("true");
    expect(root.querySelectorAll("article")).toHaveLength(14);
    expect(root.activeElement?.id).toBe(`plaudit-review-${reviews[10]!.id}`);
    unmount();
    painted!.release();
  });

  it("shows the first cards when the page's cards surely fill the view, the rest a few per frame, holding the height", async () => {
    const { host: el, root, config } = reviewsAtTop();
    await paint({ kind: "reviews", host: el, root, config });
    const widget = root.querySelector<HTMLElement>(".plaudit-root")!;
    const loadMore = () =>
      [...root.querySelectorAll("button")].some((b) => b.textContent === "Load more reviews");
    expect(root.querySelectorAll(".plaudit-list > li")).toHaveLength(FIRST_FRAME);
    // Held at what the ten cards surely need (heading 240px, a card 140px: floors), not only as far
    // as the view reaches: a jump to the reviews before the rest are in moves nothing after them.
    expect(widget.style.minBlockSize).toBe(`${240 + 10 * 140}px`);
    expect(loadMore()).toBe(false);
    await vi.waitFor(
      () => expect(root.querySelectorAll(".plaudit-list > li")).toHaveLength(10),
      FRAMES_LATER,
    );
    expect(widget.hasAttribute("style")).toBe(false);
    expect(loadMore()).toBe(true);
  });

  it("holds the histogram and the toolbar out of the first frame too, then puts them in, a frame each, before the cards", async () => {
    const { host: el, root, config } = reviewsAtTop();
    // Every state the shadow root goes through, read after each task that changed it (a mutation
    // observer, not a frame sampler: under load a sampling frame could land after two of the
    // widget's steps and read them as one). Each step is a task after a frame of its own
    // (cards-later.ts), so two parts going in together would show as one state here.
    const observed: string[] = [];
    const seen = () => {
      const summary = root.querySelector(".plaudit-summary");
      observed.push(
        [
          summary ? "summary" : "",
          summary?.querySelector(".plaudit-histogram") ? "histogram" : "",
          root.querySelector(".plaudit-toolbar + .plaudit-list") ? "toolbar" : "",
          `${root.querySelectorAll(".plaudit-list > li").length} cards`,
        ]
          .filter(Boolean)
          .join(" "),
      );
    };
    const steps = new MutationObserver(seen);
    await paint({ kind: "reviews", host: el, root, config });
    seen();
    steps.observe(root, { childList: true, subtree: true });
    await vi.waitFor(
      () => expect(root.querySelectorAll(".plaudit-list > li")).toHaveLength(10),
      FRAMES_LATER,
    );
    steps.disconnect();
    // Every state in order, none skipped, and each part in its place once in.
    const states = observed.filter((state, i) => state !== observed[i - 1]);
    expect(states.slice(0, 4)).toEqual([
      "summary 0 cards",
      "summary histogram 0 cards",
      "summary histogram toolbar 0 cards",
      `summary histogram toolbar ${PER_FRAME} cards`,
    ]);
    expect(states.at(-1)).toBe("summary histogram toolbar 10 cards");
  });

  it("gives the painted thumbnails their photo's placeholder colour, as the code does", async () => {
    const photo = (id: string, placeholder: string) => ({
      id,
      kind: "image" as const,
      url: `${API}/media/${id}/w1280.jpg`,
      thumbnailUrl: `${API}/media/${id}/w320.webp`,
      width: 1280,
      height: 960,
      placeholder,
    });
    const withPhotos = [
      makeReview(1, { media: [photo("p1", "#e8f8f8"), photo("p2", "#336699")] }),
      makeReview(2),
    ];
    answer = async () => {
      const rendered = await renderReviews({
        store: "demo",
        product: { id: "tee" },
        data: {
          summary: summarize("tee", withPhotos),
          reviews: { items: withPhotos, nextCursor: null, total: 2 },
        },
        api: API,
      });
      return new Response(rendered.html, { headers: { "Content-Type": "text/html" } });
    };
    const { host: el, root, config } = host("reviews", "tee");
    await paint({ kind: "reviews", host: el, root, config });
    const thumbs = [...root.querySelectorAll<HTMLImageElement>(".plaudit-media__thumb")];
    expect(thumbs.map((img) => img.style.backgroundColor)).toEqual(["#e8f8f8", "#336699"]);

    // Markup the server already put in the page gets them too, with nothing fetched.
    requests = [];
    const server = document.createElement("template");
    server.innerHTML = await (await answer(new URL(`${API}/`))).text();
    const ssr = server.content.firstElementChild as HTMLElement;
    const ssrRoot = ssr.attachShadow({ mode: "open" });
    ssrRoot.append((ssr.querySelector(":scope > template") as HTMLTemplateElement).content.cloneNode(true));
    document.body.append(ssr);
    await paint({ kind: "reviews", host: ssr, root: ssrRoot, config: readConfig(ssr) });
    expect(requests).toEqual([]);
    const served = [...ssrRoot.querySelectorAll<HTMLImageElement>(".plaudit-media__thumb")];
    expect(served.map((img) => img.style.backgroundColor)).toEqual(["#e8f8f8", "#336699"]);
  });

  it("puts every card in at once when the page scrolls", async () => {
    const { host: el, root, config } = reviewsAtTop();
    const carousel = document.createElement("div");
    document.body.prepend(carousel);
    await paint({ kind: "reviews", host: el, root, config });
    expect(root.querySelectorAll(".plaudit-list > li")).toHaveLength(FIRST_FRAME);
    // Another element scrolling (a carousel's autoplay) is not the shopper moving towards the cards.
    carousel.dispatchEvent(new Event("scroll"));
    expect(root.querySelectorAll(".plaudit-list > li")).toHaveLength(FIRST_FRAME);
    document.dispatchEvent(new Event("scroll"));
    expect(root.querySelectorAll(".plaudit-list > li")).toHaveLength(10);
    // The parts of the head that waited come in with them, in their places.
    expect(root.querySelector(".plaudit-summary > .plaudit-histogram")).not.toBeNull();
    expect(root.querySelector(".plaudit-toolbar + .plaudit-list")).not.toBeNull();
  });

  it("puts every card in at once when a scroller the widget is in scrolls (a theme scrolling a container)", async () => {
    const { host: el, root, config } = reviewsAtTop();
    await paint({ kind: "reviews", host: el, root, config });
    expect(root.querySelectorAll(".plaudit-list > li")).toHaveLength(FIRST_FRAME);
    document.body.dispatchEvent(new Event("scroll"));
    expect(root.querySelectorAll(".plaudit-list > li")).toHaveLength(10);
  });

  it("keeps a remounted widget's markup showing until the next product's replaces it, or nothing comes", async () => {
    answer = snippetAnswer;
    const { host: el, root, config } = host("reviews", "tee");
    const first = await paint({ kind: "reviews", host: el, root, config });
    const shown = root.querySelector("section");
    first!.release(true);
    expect(root.querySelector("section")).toBe(shown);

    // The next product's answer is on its way: the old markup stays; then it is swapped in one go.
    let arrive!: () => void;
    answer = async (url) => {
      await new Promise<void>((resolve) => {
        arrive = resolve;
      });
      return snippetAnswer(url);
    };
    el.setAttribute("data-product-id", "mug");
    const next = paint({
      kind: "reviews",
      host: el,
      root,
      config: readConfig(el, { store: "demo", apiBase: API }),
    });
    await settle(2);
    expect(root.querySelector("section")).toBe(shown);
    arrive();
    const second = await next;
    expect(second).toBeDefined();
    expect(root.querySelectorAll("section")).toHaveLength(1);
    expect(root.querySelector("section")).not.toBe(shown);
    expect(root.adoptedStyleSheets).toHaveLength(5);
    expect(JSON.parse(el.querySelector(":scope > script[data-plaudit-state]")!.textContent!).productId).toBe(
      "mug",
    );

    // Released to be repainted, and the repaint fails: the left markup goes before the code renders.
    second!.release(true);
    answer = () => new Response("", { status: 503 });
    expect(
      await paint({
        kind: "reviews",
        host: el,
        root,
        config: readConfig(el, { store: "demo", apiBase: API }),
      }),
    ).toBeUndefined();
    expect(root.childNodes).toHaveLength(0);
    expect(root.adoptedStyleSheets).toHaveLength(0);
  });

  it("keeps text typed into the painted search box through hydration, and searches it", async () => {
    answer = snippetAnswer;
    const { host: el, root, config } = host("reviews", "tee", { "data-locale": "en" });
    const painted = await paint({ kind: "reviews", host: el, root, config });
    const box = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    box.value = "fit";
    const replay = painted!.handOver();
    const unmount = mountReviewsEntry({ host: el, root, config });
    replay();
    await settle();
    // The toolbar's effects ran: what the shopper typed is still there.
    expect(box.value).toBe("fit");
    answer = () => json({ items: [], nextCursor: null, total: 0 });
    box.closest("form")!.requestSubmit();
    await settle();
    expect(requests.at(-1)).toBe("/v1/stores/demo/products/tee/reviews?sort=newest&q=fit&limit=10");
    unmount();
  });

  it("keeps a sort chosen and text typed into a toolbar that came in after the first frame, through hydration", async () => {
    answer = snippetAnswer;
    const { host: el, root, config } = host("reviews", "tee", { "data-locale": "en" });
    // The cards surely fill the view: the toolbar is held out of the first frame (cards-later.ts).
    el.getBoundingClientRect = () => ({ top: 0, width: 800, height: 0 }) as DOMRect;
    const painted = await paint({ kind: "reviews", host: el, root, config });
    expect(root.querySelector(".plaudit-toolbar")).toBeNull();
    await vi.waitFor(() => expect(root.querySelector(".plaudit-toolbar")).not.toBeNull(), FRAMES_LATER);
    const box = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    const sort = root.querySelector<HTMLSelectElement>("select")!;
    box.value = "fit";
    sort.value = "oldest";
    const replay = painted!.handOver();
    const unmount = mountReviewsEntry({ host: el, root, config });
    answer = () => json({ items: [], nextCursor: null, total: 0 });
    replay();
    await settle();
    expect(root.querySelector<HTMLInputElement>('input[type="search"]')!.value).toBe("fit");
    expect(root.querySelector<HTMLSelectElement>("select")!.value).toBe("oldest");
    expect(requests).toContain("/v1/stores/demo/products/tee/reviews?sort=oldest&limit=10");
    unmount();
  });

  it("asks in the host's language, theme and page size", async () => {
    answer = () => new Response("", { status: 503 });
    const {
      host: el,
      root,
      config,
    } = host("reviews", "tee", {
      "data-locale": "he",
      "data-theme": "dark",
      "data-page-size": "5",
    });
    await paint({ kind: "reviews", host: el, root, config });
    expect(requests).toEqual(["/v1/stores/demo/products/tee/snippet?locale=he&theme=dark&pageSize=5"]);
  });

  it("always asks the browser's cache to revalidate (a vote kept on reload, no storage read at load)", async () => {
    answer = (url) => (url.pathname.endsWith("/badges") ? badgesAnswer(url) : snippetAnswer(url));
    await paint({ kind: "reviews", ...host("reviews", "tee") });
    await paint({ kind: "stars", ...host("stars", "tee") });
    expect(cacheModes).toEqual(["no-cache", "no-cache"]);
  });

  it("answers nothing and leaves nothing behind when the snippet cannot be had", async () => {
    for (const failing of [
      () => new Response("", { status: 503 }),
      () => new Response("<p>not a snippet</p>", { headers: { "Content-Type": "text/html" } }),
      // The API unreachable: fetch rejects (the widget's code then shows its "Try again").
      () => Promise.reject(new TypeError("Failed to fetch")),
    ]) {
      answer = failing;
      const { host: el, root, config } = host("reviews", "tee");
      expect(await paint({ kind: "reviews", host: el, root, config })).toBeUndefined();
      expect(root.childNodes).toHaveLength(0);
      expect(root.adoptedStyleSheets).toHaveLength(0);
      expect(el.children).toHaveLength(0);
    }
  });

  it("answers nothing, not a rejection, when the API cannot be reached or the page refuses HTML from a string", async () => {
    answer = () => {
      throw new TypeError("Failed to fetch");
    };
    const offline = host("reviews", "tee");
    expect(await paint({ kind: "reviews", ...offline })).toBeUndefined();
    expect(offline.root.childNodes).toHaveLength(0);

    // Trusted Types (require-trusted-types-for 'script'): assigning a string to innerHTML throws.
    answer = snippetAnswer;
    const setter = vi.spyOn(HTMLTemplateElement.prototype, "innerHTML", "set").mockImplementation(() => {
      throw new TypeError("This document requires 'TrustedHTML' assignment.");
    });
    const strict = host("reviews", "tee");
    expect(await paint({ kind: "reviews", ...strict })).toBeUndefined();
    setter.mockRestore();
    expect(strict.root.childNodes).toHaveLength(0);
  });

  it("attaches the host's shadow root only with the markup: the page's own content shows until then, and stays when nothing comes", async () => {
    let answerNow!: (response: Response) => void;
    answer = () => new Promise<Response>((resolve) => (answerNow = resolve));
    const el = document.createElement("div");
    el.setAttribute("data-plaudit", "reviews");
    el.setAttribute("data-product-id", "tee");
    el.innerHTML = "<p>Loading reviews…</p>";
    document.body.append(el);
    const config = readConfig(el, { store: "demo", apiBase: API });
    const painting = paint({ kind: "reviews", host: el, root: null, config });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(el.shadowRoot).toBeNull();
    answerNow(await snippetAnswer());
    const painted = await painting;
    expect(el.shadowRoot?.querySelectorAll("article").length).toBeGreaterThan(0);
    painted!.release();

    answer = () => new Response("", { status: 503 });
    const failed = document.createElement("div");
    failed.setAttribute("data-product-id", "tee");
    document.body.append(failed);
    expect(await paint({ kind: "reviews", host: failed, root: null, config })).toBeUndefined();
    expect(await paint({ kind: "stars", host: failed, root: null, config })).toBeUndefined();
    expect(failed.shadowRoot).toBeNull();
  });

  it("leaves the new product's markup when the old product's answer comes last (a SPA's variant switch)", async () => {
    let answerOld!: (response: Response) => void;
    const { host: el, root } = host("reviews", "old");
    const config = (id: string) => readConfig(el, { store: "demo", apiBase: API, productId: id });
    answer = () => new Promise<Response>((resolve) => (answerOld = resolve));
    const old = paint({ kind: "reviews", host: el, root, config: config("old") });
    answer = snippetAnswer;
    el.removeAttribute("data-product-id");
    const painted = await paint({ kind: "reviews", host: el, root, config: config("tee") });
    expect(painted).toBeDefined();
    const rendered = await renderReviews({ store: "demo", product: { id: "old" }, data, api: API });
    answerOld(new Response(rendered.html, { headers: { "Content-Type": "text/html" } }));
    expect(await old).toBeUndefined();
    expect(root.querySelectorAll(".plaudit-root")).toHaveLength(1);
    expect(root.adoptedStyleSheets).toHaveLength(5);
    expect(el.querySelectorAll(":scope > script[data-plaudit-state]")).toHaveLength(1);
    expect(el.querySelector(":scope > script[data-plaudit-state]")!.textContent).toContain(
      '"productId":"tee"',
    );
  });

  it("shows a vote from an earlier visit pressed once the code has hydrated the markup", async () => {
    answer = snippetAnswer;
    const first = reviews[0]!.id;
    getStore().setState({ myVotes: { [first]: "up" } });
    const h = host("reviews", "tee");
    const painted = await paint({ kind: "reviews", ...h });
    const replay = painted!.handOver();
    const unmount = mountReviewsEntry(h);
    replay();
    await settle();
    const votes = h.root.querySelectorAll(`#plaudit-review-${first} .plaudit-votes button`);
    expect([...votes].map((button) => button.getAttribute("aria-pressed"))).toEqual(["true", "false"]);
    expect(mismatches).toEqual([]);
    unmount();
    getStore().setState({ myVotes: {} });
  });

  it("paints a server-rendered host whose product a single-page app swapped (its old state left in the host)", async () => {
    answer = snippetAnswer;
    const rendered = await renderReviews({ store: "demo", product: { id: "old" }, data, api: API });
    const parser = document.createElement("template");
    parser.innerHTML = rendered.html;
    const el = parser.content.firstElementChild as HTMLElement;
    el.querySelector(":scope > template")!.remove(); // the app's swap emptied the shadow root
    el.setAttribute("data-product-id", "tee");
    document.body.append(el);
    const painted = await paint({ kind: "reviews", host: el, root: null, config: readConfig(el) });
    expect(painted).toBeDefined();
    const states = el.querySelectorAll(":scope > script[data-plaudit-state]");
    expect([...states].map((script) => JSON.parse(script.textContent!).productId)).toEqual(["tee"]);
    painted!.release();
  });

  it("fetches nothing for markup the server already put in the page", async () => {
    const rendered = await renderReviews({ store: "demo", product: { id: "tee" }, data, api: API });
    const parser = document.createElement("template");
    parser.innerHTML = rendered.html;
    const el = parser.content.firstElementChild as HTMLElement;
    const root = el.attachShadow({ mode: "open" });
    root.append((el.querySelector(":scope > template") as HTMLTemplateElement).content.cloneNode(true));
    document.body.append(el);
    const painted = await paint({ kind: "reviews", host: el, root, config: readConfig(el) });
    expect(painted).toBeDefined();
    expect(requests).toEqual([]);
    // Its <style> applied: nothing adopted before the widget's code comes.
    expect(root.adoptedStyleSheets).toHaveLength(0);
  });

  it("styles server markup whose <style> the page's CSP refused, before any use, and drops that for the code's own", async () => {
    const rendered = await renderReviews({ store: "demo", product: { id: "tee" }, data, api: API });
    const parser = document.createElement("template");
    parser.innerHTML = rendered.html;
    const el = parser.content.firstElementChild as HTMLElement;
    const root = el.attachShadow({ mode: "open" });
    root.append((el.querySelector(":scope > template") as HTMLTemplateElement).content.cloneNode(true));
    document.body.append(el);
    // What a refused inline style looks like to script: an element without a sheet.
    for (const style of root.querySelectorAll("style"))
      Object.defineProperty(style, "sheet", { value: null });
    const painted = await paint({ kind: "reviews", host: el, root, config: readConfig(el) });
    expect(requests).toEqual([]);
    // Adopted by a chunk of its own (only such pages load it): the CSS, then what holds the box.
    await vi.waitFor(() => expect(root.adoptedStyleSheets).toHaveLength(2));
    const refused = [...root.adoptedStyleSheets];
    expect(refused[0]!.cssRules.length).toBeGreaterThan(10);

    const replay = painted!.handOver();
    const unmount = mountReviewsEntry({ host: el, root, config: readConfig(el) });
    replay();
    // The copy of the refused CSS goes (the code adopted its own); what holds the host's box stays
    // (nothing replaces it) until the widget is let go.
    expect(root.adoptedStyleSheets).not.toContain(refused[0]);
    expect(root.adoptedStyleSheets).toContain(refused[1]);
    expect(root.adoptedStyleSheets.length).toBeGreaterThan(1);
    unmount();
    painted!.release();
    expect(root.adoptedStyleSheets.some((sheet) => refused.includes(sheet))).toBe(false);
  });
});

describe("painting star badges", () => {
  it("paints a page's badges from one request, links each where its host says, and mounts with none", async () => {
    answer = badgesAnswer;
    const ids = Array.from({ length: 24 }, (_, i) => `p-${i}`);
    const hosts = ids.map((id) => host("stars", id, { "data-href": `/products/${id}`, "data-locale": "en" }));
    const painted = await Promise.all(hosts.map((h) => paint({ kind: "stars", ...h })));

    expect(requests).toEqual([`/v1/stores/demo/badges?products=${ids.join(",")}&locale=en&theme=auto`]);
    expect(painted.every(Boolean)).toBe(true);
    expect(hosts.map((h) => h.root.querySelector("a")?.getAttribute("href"))).toEqual(
      ids.map((id) => `/products/${id}`),
    );
    // One parsed sheet per part for the page: theme, base, stars, the badge's own.
    for (const part of [0, 1, 2, 3]) {
      expect(new Set(hosts.map((h) => h.root.adoptedStyleSheets[part])).size).toBe(1);
    }
    const first = hosts[0]!;
    const paintedSheets = [...first.root.adoptedStyleSheets];
    expect(paintedSheets).toHaveLength(4);
    const markup = first.root.innerHTML;
    const replay = painted[0]!.handOver();
    const unmount = mountStarsEntry(first);
    replay();
    await settle();
    expect(requests).toHaveLength(1);
    expect(first.root.innerHTML).toBe(markup);
    // The badge's code adopted the painted sheets as its own: kept, none added.
    expect((first.root as CodeStyled)[CODE_SHEETS]).toEqual(paintedSheets);
    expect(first.root.adoptedStyleSheets).toEqual(paintedSheets);
    unmount();
  });

  it("paints a badge put in place of a painted one at once, with its own link; not another product's or language's, not one the server painted", async () => {
    answer = badgesAnswer;
    const old = host("stars", "tee", { "data-href": "/products/tee", "data-locale": "en" });
    const painted = await paint({ kind: "stars", ...old });
    const next = document.createElement("div");
    for (const [name, value] of Object.entries({
      "data-plaudit": "stars",
      "data-product-id": "tee",
      "data-href": "/products/tee?variant=2",
      "data-locale": "en",
    })) {
      next.setAttribute(name, value);
    }
    document.body.append(next);
    expect(painted!.again!(next, INHERITED)).toBeDefined();
    expect(next.shadowRoot!.innerHTML).toBe(
      old.root.innerHTML.replace("/products/tee", "/products/tee?variant=2"),
    );
    expect(next.shadowRoot!.querySelector("a")?.getAttribute("href")).toBe("/products/tee?variant=2");
    expect(requests).toHaveLength(1);
    for (const other of [
      host("stars", "mug", { "data-locale": "en" }),
      host("stars", "tee", { "data-locale": "de" }),
    ]) {
      expect(painted!.again!(other.host, INHERITED)).toBeUndefined();
      expect(other.root.childNodes).toHaveLength(0);
    }

    // Markup the server rendered: none kept, the new host is painted the usual way.
    const served = host("stars", "tee");
    served.root.append(...old.root.cloneNode(true).childNodes);
    served.host.append(
      Object.assign(document.createElement("script"), {
        type: "application/json",
        textContent: JSON.stringify({ v: 1, store: "demo", productId: "tee", summary: data.summary }),
      }),
    );
    served.host.lastElementChild!.setAttribute("data-plaudit-state", "");
    const asServed = await paint({ kind: "stars", ...served });
    expect(asServed).toBeDefined();
    expect(asServed!.again!(host("stars", "tee").host, INHERITED)).toBeUndefined();
  });

  it("answers nothing when the badges cannot be had", async () => {
    answer = () => new Response("", { status: 500 });
    const h = host("stars", "tee");
    expect(await paint({ kind: "stars", ...h })).toBeUndefined();
    expect(h.root.childNodes).toHaveLength(0);
  });
});

describe("until the shopper uses it", () => {
  function painted() {
    const el = document.createElement("div");
    document.body.append(el);
    const root = el.attachShadow({ mode: "open" });
    root.innerHTML =
      '<button type="button">Write a review</button><a href="#r">Reviews</a><input type="search"><input type="checkbox"><textarea></textarea><select><option>newest</option><option>helpful</option></select><select><option>a</option></select>';
    return { el, root, use: untilUsed(el, root) };
  }

  it("holds a click on a button until the code is there, then does it once", async () => {
    const { root, use } = painted();
    const button = root.querySelector("button")!;
    let used = false;
    void use.used.then(() => {
      used = true;
    });
    const click = new MouseEvent("click", { bubbles: true, composed: true, cancelable: true });
    button.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await settle(1);
    expect(used).toBe(true);

    const replay = use.handOver();
    const onClick = vi.fn();
    button.addEventListener("click", onClick); // the widget's code, mounted
    replay();
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it("lets links and plain text be, and starts on focus or a pointer", async () => {
    for (const start of ["focusin", "pointerover"]) {
      const { el, root, use } = painted();
      const link = new MouseEvent("click", { bubbles: true, composed: true, cancelable: true });
      root.querySelector("a")!.dispatchEvent(link);
      expect(link.defaultPrevented).toBe(false);
      let used = false;
      void use.used.then(() => {
        used = true;
      });
      await settle(1);
      expect(used).toBe(false);
      el.dispatchEvent(new Event(start, { bubbles: true }));
      await settle(1);
      expect(used).toBe(true);
    }
  });

  it("starts when a value changes with no pointer, focus or key first (autofill, a script)", async () => {
    for (const type of ["input", "change"]) {
      const { root, use } = painted();
      let used = false;
      void use.used.then(() => {
        used = true;
      });
      const select = root.querySelector("select")!;
      select.value = "helpful";
      // `change` is not composed: it never reaches the host, only the root.
      select.dispatchEvent(new Event(type, { bubbles: true }));
      await settle(1);
      expect(used).toBe(true);
    }
  });

  it("gives the widget what was typed or chosen before it came, and nothing else", () => {
    const { root, use } = painted();
    const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    const note = root.querySelector("textarea")!;
    search.value = "fit";
    note.value = "Love it";
    root.querySelector("select")!.value = "helpful";
    root.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked = true;
    const replay = use.handOver();
    const heard: string[] = [];
    root.addEventListener("input", (event) => heard.push((event.target as HTMLInputElement).value));
    note.value = ""; // what hydrating a textarea does to typed text
    replay();
    expect(heard).toEqual(["fit", "Love it", "helpful"]);
    expect(note.value).toBe("Love it");
  });
});
