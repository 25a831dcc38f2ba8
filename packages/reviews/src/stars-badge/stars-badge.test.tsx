import { act } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { fakeApi, makeReview, settle } from "../../testing/fake-api.ts";
import { mountWidget, testStore } from "../../testing/mount-for-test.ts";
import { mountStars } from "../index.ts";

const reviews = [makeReview(1, { rating: 5 }), makeReview(2, { rating: 4 })];
const hosts: HTMLElement[] = [];

afterEach(() => {
  for (const host of hosts.splice(0)) host.remove();
});

describe("star badge", () => {
  it("links the stars and count to the reviews, with one text alternative", async () => {
    const reviewsHost = document.createElement("div");
    reviewsHost.setAttribute("data-plaudit", "reviews");
    reviewsHost.id = "reviews-section";
    document.body.append(reviewsHost);
    hosts.push(reviewsHost);
    const { root, host } = mountWidget("stars", { products: { tee: reviews } });
    hosts.push(host);
    await act(() => settle());
    const link = root.querySelector("a")!;
    expect(link.getAttribute("href")).toBe("#reviews-section");
    expect(link.getAttribute("aria-label")).toBe("4.5 out of 5 stars, 2 reviews");
    expect(link.textContent).toBe("(2)");
    expect(root.querySelector('[role="img"]')?.getAttribute("aria-label")).toBe("4.5 out of 5 stars");
  });

  it("draws its stars as one element whose class names the fill, in the badge's direction", async () => {
    const { root, host } = mountWidget("stars", { products: { tee: reviews } });
    hosts.push(host);
    await act(() => settle());
    const stars = root.querySelector(".plaudit-stars")!;
    expect(stars.outerHTML).toBe(
      '<span class="plaudit-stars plaudit-tens-4 plaudit-units-5" role="img" aria-label="4.5 out of 5 stars"></span>',
    );
    expect(root.querySelectorAll("svg, path")).toHaveLength(0);
    expect(stars.closest("[dir]")?.getAttribute("dir")).toBe("ltr");
  });

  it("keeps its box but shows nothing for a product with no reviews", async () => {
    const { root, host } = mountWidget("stars", { products: {} });
    hosts.push(host);
    await act(() => settle());
    expect(root.querySelector("a")).toBeNull();
    const placeholder = root.querySelector(".plaudit-star-badge--empty")!;
    expect(placeholder.getAttribute("aria-hidden")).toBe("true");
    expect(
      placeholder.querySelector(".plaudit-stars.plaudit-tens-0.plaudit-units-0")?.childNodes,
    ).toHaveLength(0);
  });

  it("asks for 24 badges' summaries in one /summaries request", async () => {
    const api = fakeApi({ products: { "p-3": reviews } });
    const plauditStore = testStore(api);
    for (let i = 0; i < 24; i++) {
      const host = document.createElement("div");
      document.body.append(host);
      hosts.push(host);
      mountStars(host, { store: "demo", apiBase: "https://reviews.test", productId: `p-${i}`, plauditStore });
    }
    await act(() => settle());
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]!.url.pathname).toBe("/v1/stores/demo/summaries");
    expect(api.calls[0]!.url.searchParams.get("products")?.split(",")).toHaveLength(24);
    expect(hosts[3]!.shadowRoot!.querySelector("a")?.textContent).toBe("(2)");
  });

  it("uses data-href when given", async () => {
    const { root, host } = mountWidget(
      "stars",
      { products: { tee: reviews } },
      { href: "/products/tee#reviews" },
    );
    hosts.push(host);
    await act(() => settle());
    expect(root.querySelector("a")?.getAttribute("href")).toBe("/products/tee#reviews");
  });
});
