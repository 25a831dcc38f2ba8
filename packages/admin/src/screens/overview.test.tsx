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
        topProducts: [{ productId: "mug", name, count: 1, average: 5 }],
        bottomProducts: [],
        requests: null,
      }),
    );
    route.value = { name: "overview", params: new URLSearchParams() };
    const view = render(<Overview />);
    const cell = await view.findByText(name);
    expect(cell.tagName).toBe("TH");
    expect(cell.getAttribute("dir")).toBe("auto");
  });
});
