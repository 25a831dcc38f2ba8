import { cleanup, render } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { route } from "../router.ts";
import Overview from "./overview.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the overview's products", () => {
  it("sets a product's name in its own direction: a Hebrew name in the English app reads right", async () => {
    const name = "כוס קפה (גדולה) 🌸";
    vi.stubGlobal("fetch", async () =>
      Response.json({
        range: { from: "2026-03-02", to: "2026-03-08" },
        timeZone: "UTC",
        reviews: 1,
        average: 5,
        ratingDistribution: [0, 0, 0, 0, 1],
        withMedia: 0,
        verified: 0,
        byStatus: { published: 1, pending: 0, rejected: 0 },
        weeks: [{ week: "2026-03-02", reviews: 1, average: 5 }],
        topProducts: [
          { productId: "mug", name, url: null, count: 1, average: 5 },
          {
            productId: "gid://shopify/Product/7",
            name: "Kettle",
            url: "https://shop.example/kettle",
            count: 2,
            average: 4,
          },
        ],
        bottomProducts: [],
        requests: null,
      }),
    );
    route.value = { name: "overview", params: new URLSearchParams() };
    const view = render(<Overview />);
    // A <bdi> in the row's header: its own direction, whatever the line's.
    const cell = await view.findByText(name);
    expect(cell.tagName).toBe("BDI");
    expect(cell.closest("th")?.getAttribute("scope")).toBe("row");
    // A name the catalog links opens the shop's page in a new tab; the id stays beside it.
    const link = view.getByRole("link", { name: "Kettle (opens in a new tab)" });
    expect(link.getAttribute("href")).toBe("https://shop.example/kettle");
    expect(link.getAttribute("rel")).toBe("noopener");
    expect(link.closest("th")?.textContent).toContain("(gid://shopify/Product/7)");
  });
});
