// The browser side of server rendering: the entry chunks find server markup and its state in a
// host, seed the page's store, and adopt the markup in place without a request.
import { readConfig } from "@plaudit/core";
import { describe, expect, it, vi } from "vitest";
import { json, settle } from "../../testing/fake-api.ts";
import { API, data, recordHandOver, reviews, serverHost } from "../../testing/hand-over.ts";
import { mount as mountReviewsEntry } from "../entries/reviews.ts";
import { mount as mountStarsEntry } from "../entries/stars.ts";
import { renderReviews } from "../server/render-reviews.tsx";

const product = {
  id: "tee",
  name: "Classic tee",
  url: "https://shop.example/tee",
  offers: { price: "28.00", priceCurrency: "USD" },
};

function addToHead(html: string) {
  const parser = document.createElement("template");
  parser.innerHTML = html;
  document.head.append(parser.content);
}

const { requests, mismatches } = recordHandOver(() =>
  json({ items: reviews.slice(10), nextCursor: null, total: 14 }),
);

describe("hydrating server-rendered widgets", () => {
  it("adopts the reviews markup in place with no request and no mismatch, then works", async () => {
    const rendered = await renderReviews({ store: "demo", product, data, api: API });
    addToHead(rendered.jsonLd);
    const { host, root } = serverHost(rendered.html);
    const section = root.querySelector("section")!;
    const before = section.outerHTML;
    const nodes = [...section.querySelectorAll("*")];

    const unmount = mountReviewsEntry({ host, root, config: readConfig(host) });
    await settle();

    expect(requests).toEqual([]);
    expect(mismatches).toEqual([]);
    expect(root.querySelector("section")).toBe(section);
    expect(section.outerHTML).toBe(before);
    expect(nodes.every((node) => section.contains(node))).toBe(true);

    // Hydrated, not just left alone: "Load more" asks for the next page after the server's cursor.
    const more = [...root.querySelectorAll("button")].find((b) => b.textContent === "Load more reviews")!;
    more.click();
    await settle();
    expect(requests).toEqual(["/v1/stores/demo/products/tee/reviews?sort=newest&limit=10&cursor=10"]);
    expect(root.querySelectorAll("article")).toHaveLength(14);
    unmount();
  });

  it("takes over the server's Product JSON-LD instead of adding a second node", async () => {
    const rendered = await renderReviews({ store: "demo", product, data, api: API });
    addToHead(rendered.jsonLd);
    const serverScript = document.querySelector('script[type="application/ld+json"]')!;
    const original = serverScript.textContent;
    // The widget writes its structured data once the page is idle: wait until it has.
    let written = 0;
    new MutationObserver(() => written++).observe(serverScript, { childList: true, characterData: true });
    const { host, root } = serverHost(rendered.html);
    const unmount = mountReviewsEntry({ host, root, config: readConfig(host) });
    await vi.waitFor(() => expect(written).toBeGreaterThan(0));
    await settle();

    const scripts = document.querySelectorAll('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toBe(serverScript);
    expect(JSON.parse(serverScript.textContent!)).toEqual(rendered.jsonLdNode);

    unmount();
    // The script was the page's: it stays as the server wrote it.
    const before = written;
    await vi.waitFor(() => expect(written).toBeGreaterThan(before));
    expect(serverScript.textContent).toBe(original);
    expect(document.querySelectorAll('script[type="application/ld+json"]')).toHaveLength(1);
  });

  it("shows the star badge from the embedded summary with no request", async () => {
    const rendered = await renderReviews({ store: "demo", product, data, api: API });
    const { host, root } = serverHost(rendered.stars);
    const markup = root.querySelector(".plaudit-root")!.outerHTML;
    const unmount = mountStarsEntry({ host, root, config: readConfig(host) });
    await settle();
    expect(requests).toEqual([]);
    expect(root.querySelector(".plaudit-root")!.outerHTML).toBe(markup);
    expect(root.querySelector("a")?.getAttribute("href")).toBe("#plaudit-reviews");
    unmount();
  });

  it("renders fresh, and fetches, when the state is not for this widget", async () => {
    const rendered = await renderReviews({ store: "other", product, data, api: API });
    const { host, root } = serverHost(rendered.html.replace('data-store="other"', 'data-store="demo"'));
    const unmount = mountReviewsEntry({ host, root, config: readConfig(host) });
    await settle();
    expect(requests.some((r) => r.startsWith("/v1/stores/demo/products/tee/reviews"))).toBe(true);
    unmount();
  });
});
