import { catalogsFor, resolveLocale } from "@plaudit/core";
import { act, fireEvent } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { API_BASE, fakeApi, makeReview, STORE, settle } from "../testing/fake-api.ts";
import { mountWidget, testStore } from "../testing/mount-for-test.ts";
import { mountReviews } from "./index.ts";
import { mediaLoadable } from "./media/media-messages.ts";
import { reviewsCatalogs } from "./messages/index.ts";
import { badgeLoadable, reviewsLoadable } from "./messages/loadable.ts";

const reviews = [
  makeReview(1, { rating: 5, createdAt: "2026-03-05T10:00:00.000Z", helpful: { up: 1234, down: 0 } }),
  makeReview(2, { rating: 4, createdAt: "2026-03-04T10:00:00.000Z" }),
];
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.restoreAllMocks();
});

/** Mounted, its language's catalog arrived (a chunk of its own: core's load-catalog.ts) and its data in. */
async function mountIn(locale: string, kind: "reviews" | "stars" = "reviews") {
  const widget = mountWidget(kind, { products: { tee: reviews } }, { locale });
  cleanups.push(() => {
    widget.unmount();
    widget.host.remove();
  });
  await act(async () => {
    await catalogsFor(locale || resolveLocale(widget.host), reviewsLoadable);
  });
  await act(() => settle());
  return widget;
}

describe("locales", () => {
  it("writes German dates and numbers", async () => {
    const { root, view } = await mountIn("de-DE");
    expect(root.querySelector("time")?.textContent).toBe("05.03.2026");
    expect(root.querySelector(".plaudit-summary__number")?.textContent).toBe("4,5");
    expect(view.getAllByRole("img", { name: "4,5 von 5 Sternen" })).toHaveLength(1);
    const up = view.getAllByRole("button", { name: /^Ja, hilfreich/ })[0]!;
    expect(up.querySelector(".plaudit-votes__count")?.textContent).toBe("1.234");
    expect(view.getByText("Basierend auf 2 Bewertungen")).toBeTruthy();
    expect(root.querySelector("section")?.getAttribute("dir")).toBe("ltr");
  });

  it("lays Hebrew out right to left", async () => {
    const { root, view } = await mountIn("he");
    const section = root.querySelector("section")!;
    expect(section.getAttribute("dir")).toBe("rtl");
    expect(section.getAttribute("lang")).toBe("he");
    expect(view.getByRole("heading", { level: 2 }).textContent).toBe("ביקורות לקוחות");
    expect(view.getByText("על סמך שתי ביקורות")).toBeTruthy();
  });

  it("follows the page's lang when no data-locale is set", async () => {
    document.documentElement.lang = "de";
    cleanups.push(() => document.documentElement.removeAttribute("lang"));
    const { view } = await mountIn("");
    expect(view.getByRole("heading", { level: 2 }).textContent).toBe("Kundenbewertungen");
  });

  // The server's search stops at its first 1,000 matches and says so (`totalCapped`): the count is
  // then a floor, announced as one, in the shopper's language and number format.
  it.each([
    ["en", "Showing 10 of 1,020", "Showing 10 of at least 1,000"],
    ["de-DE", "10 von 1.020 angezeigt", "10 von mindestens 1.000 angezeigt"],
    ["he", "מוצגות 10 מתוך 1,020", "מוצגות 10 מתוך 1,000 לפחות"],
  ])("announces a capped search total as a floor (%s)", async (locale, exact, capped) => {
    const many = Array.from({ length: 1020 }, (_, i) => makeReview(i + 1));
    const search = async (cap: number | undefined, term: string) => {
      const widget = mountWidget("reviews", { products: { tee: many }, searchCap: cap }, { locale });
      cleanups.push(() => {
        widget.unmount();
        widget.host.remove();
      });
      await act(() => settle());
      const input = widget.view.getByRole("searchbox") as HTMLInputElement;
      input.value = term;
      await act(async () => {
        fireEvent.submit(input.form!);
        await settle();
      });
      return widget.view.getByRole("status").textContent;
    };
    expect(await search(undefined, "review")).toBe(exact);
    expect(await search(1000, "review")).toBe(capped);
  });

  it("loads no German or Hebrew on an English page, nor on a page in a language without a catalog", async () => {
    const catalogs = [reviewsLoadable, badgeLoadable, mediaLoadable] as Record<string, unknown>[];
    const loaders = catalogs.flatMap((catalog) => [
      vi.spyOn(catalog as Record<"de", () => Promise<unknown>>, "de"),
      vi.spyOn(catalog as Record<"he", () => Promise<unknown>>, "he"),
    ]);
    const { view } = await mountIn("en-US");
    await mountIn("fr", "stars");
    expect(view.getByRole("heading", { level: 2 }).textContent).toBe("Customer reviews");
    for (const loader of loaders) expect(loader).not.toHaveBeenCalled();
  });

  it("speaks the page's language from inside a storefront component's shadow root (he across roots)", async () => {
    const page = document.createElement("div");
    page.lang = "he-IL";
    document.body.append(page);
    cleanups.push(() => page.remove());
    const component = page.appendChild(document.createElement("div"));
    const host = component.attachShadow({ mode: "open" }).appendChild(document.createElement("div"));
    const unmount = mountReviews(host, {
      store: STORE,
      apiBase: API_BASE,
      productId: "tee",
      plauditStore: testStore(fakeApi({ products: { tee: reviews } })),
    });
    cleanups.push(unmount);
    await act(async () => {
      await catalogsFor("he", reviewsLoadable);
      await settle();
    });
    const section = host.shadowRoot!.querySelector("section")!;
    expect([section.getAttribute("lang"), section.getAttribute("dir")]).toEqual(["he-IL", "rtl"]);
    expect(host.shadowRoot!.querySelector("h2")?.textContent).toBe("ביקורות לקוחות");
  });

  it("gives the badge its language's full catalog, from the first render on", async () => {
    const badge = await mountIn("de", "stars");
    expect(badge.root.querySelector("a")?.getAttribute("aria-label")).toBe(
      "4,5 von 5 Sternen, 2 Bewertungen",
    );
  });

  it("translates every message into German and Hebrew", () => {
    for (const catalog of [reviewsCatalogs.de, reviewsCatalogs.he]) {
      expect(Object.keys(catalog)).toEqual(expect.arrayContaining(Object.keys(reviewsCatalogs.en)));
    }
  });
});
