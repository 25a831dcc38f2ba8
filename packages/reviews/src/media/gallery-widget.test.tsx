// The gallery widget with the real store and client; only fetch is fake, answering as API.md's
// GET /media and the review-by-id route (docs/server.md) do.
import { createEvents, createI18n, createPlauditStore, type GalleryItem, type Review } from "@plaudit/core";
import { act, cleanup, fireEvent, render, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, makeReview, settle } from "../../testing/fake-api.ts";
import { galleryItem } from "../../testing/media-fixtures.ts";
import { GalleryCarousel } from "./gallery-carousel.tsx";
import { mediaLoadable } from "./media-messages.ts";
import { autoplaySeconds, mountGalleryWidget } from "./mount-gallery.ts";

const API = "https://reviews.example.com";
const ITEMS = Array.from({ length: 30 }, (_, i) => galleryItem(i + 1));
const reviewFor = (item: GalleryItem): Review =>
  makeReview(Number(item.reviewId.slice(1)), {
    id: item.reviewId,
    productId: item.productId,
    media: [item],
    author: { name: "Mia" },
  });

/** While true, the media list's next pages fail (a dropped connection). */
let nextPagesFail = false;

function galleryApi(items: GalleryItem[] = ITEMS, unpublished = new Set<string>()) {
  const calls: URL[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(new Request(input, init).url);
    calls.push(url);
    if (nextPagesFail && url.searchParams.has("cursor")) throw new TypeError("Failed to fetch");
    if (url.pathname === "/v1/stores/demo/media") {
      const start = Number(url.searchParams.get("cursor") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 20);
      const product = url.searchParams.get("product");
      const all = product ? items.filter((item) => item.productId === product) : items;
      const next = start + limit < all.length ? String(start + limit) : null;
      return json({ items: all.slice(start, start + limit), nextCursor: next });
    }
    const reviewId = /^\/v1\/stores\/demo\/reviews\/([^/]+)$/.exec(url.pathname)?.[1];
    const item = items.find((candidate) => candidate.reviewId === decodeURIComponent(reviewId ?? ""));
    if (item && !unpublished.has(item.reviewId)) return json(reviewFor(item));
    return json({ error: { code: "review_not_found", message: "no published review" } }, 404);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const unmounts: (() => void)[] = [];
async function mounted(options: Record<string, string> = {}, productId?: string, unpublished?: Set<string>) {
  const api = galleryApi(ITEMS, unpublished);
  const store = createPlauditStore({
    client: { fetch: api.fetch, retries: 0 },
    events: createEvents(),
    storage: () => undefined,
  });
  const host = document.createElement("div");
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  const unmount = mountGalleryWidget({
    host,
    root,
    store,
    config: {
      store: "demo",
      apiBase: API,
      locale: "en",
      theme: "light",
      options,
      ...(productId ? { productId } : {}),
    },
  });
  unmounts.push(unmount);
  await act(() => settle());
  return { api, root, view: within(root as unknown as HTMLElement) };
}

afterEach(() => {
  nextPagesFail = false;
  for (const unmount of unmounts.splice(0)) unmount();
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  document.documentElement.removeAttribute("style");
});

describe("gallery widget", () => {
  it("shows a grid of lazy images whose boxes come from each item's width and height", async () => {
    const { view, api } = await mounted({ pageSize: "12" });
    expect(api.calls[0]?.search).toBe("?limit=12");
    const images = view.getAllByRole("img") as HTMLImageElement[];
    expect(images).toHaveLength(12);
    const first = images[0]!;
    expect(first.getAttribute("loading")).toBe("lazy");
    expect(first.getAttribute("width")).toBe(String(ITEMS[0]!.width));
    expect(first.getAttribute("height")).toBe(String(ITEMS[0]!.height));
    expect(first.style.aspectRatio.replace(/\s/g, "")).toBe(`${ITEMS[0]!.width}/${ITEMS[0]!.height}`);
    expect(first.getAttribute("src")).toBe(`${API}${ITEMS[0]!.thumbnailUrl}`);
    expect(first.alt).toBe(`Customer photo 1, ${ITEMS[0]!.rating} out of 5 stars`);
  });

  it("asks for one product's media when it has a product id", async () => {
    const { api } = await mounted({}, "tee");
    expect(api.calls[0]?.searchParams.get("product")).toBe("tee");
  });

  it("loads more over the cursor, appends, moves focus to the first new item and announces the count", async () => {
    const { view, api, root } = await mounted({ pageSize: "12" });
    await act(async () => {
      fireEvent.click(view.getByRole("button", { name: "Load more photos" }));
      await settle();
    });
    expect(api.calls.at(-1)?.searchParams.get("cursor")).toBe("12");
    const tiles = root.querySelectorAll(".plaudit-gallery__tile");
    expect(tiles).toHaveLength(24);
    expect(root.activeElement).toBe(tiles[12]);
    expect(root.textContent).toContain("Showing 24 photos and videos");
    await act(async () => {
      fireEvent.click(view.getByRole("button", { name: "Load more photos" }));
      await settle();
    });
    expect(root.querySelectorAll(".plaudit-gallery__tile")).toHaveLength(30);
    expect(view.queryByRole("button", { name: "Load more photos" })).toBeNull();
  });

  it("keeps the focus on Load more when the next page fails, says so, and its Try again loads it", async () => {
    const { view, root } = await mounted({ pageSize: "12" });
    nextPagesFail = true;
    const button = view.getByRole("button", { name: "Load more photos" });
    button.focus();
    await act(async () => {
      fireEvent.click(button);
      await settle();
    });
    expect(root.querySelectorAll(".plaudit-gallery__tile")).toHaveLength(12);
    expect(root.activeElement).toBe(button);
    expect(button.textContent).toBe("Try again");
    expect(view.getByRole("status").textContent).toBe("More photos could not be loaded.");
    nextPagesFail = false;
    await act(async () => {
      fireEvent.click(button);
      await settle();
    });
    const tiles = root.querySelectorAll(".plaudit-gallery__tile");
    expect(tiles).toHaveLength(24);
    expect(root.activeElement).toBe(tiles[12]);
    expect(view.getByRole("status").textContent).toBe("Showing 24 photos and videos");
  });

  it("opens the lightbox with the item's review and a link to its product from the URL template", async () => {
    const { view, root } = await mounted({ productUrlTemplate: "/products/{productId}" });
    const tile = view.getByRole("button", { name: /^Customer photo 2,/ });
    tile.focus();
    fireEvent.click(tile);
    const dialog = await waitFor(() => view.getByRole("dialog"));
    const review = reviewFor(ITEMS[1]!);
    await waitFor(() => expect(dialog.textContent).toContain(review.body));
    expect(within(dialog).getByRole("link", { name: "View the product" }).getAttribute("href")).toBe(
      `/products/${ITEMS[1]!.productId}`,
    );
    expect(dialog.textContent).toContain("2 of 12");
    fireEvent.keyDown(dialog, { key: "Escape" });
    await waitFor(() => expect(view.queryByRole("dialog")).toBeNull());
    expect(root.activeElement).toBe(tile);
  });

  it("asks the API for the one review behind the photo, once, however often it is shown", async () => {
    const { view, api } = await mounted();
    const before = api.calls.length;
    const tile = view.getByRole("button", { name: /^Customer (photo|video) 3,/ });
    fireEvent.click(tile);
    const dialog = await waitFor(() => view.getByRole("dialog"));
    await waitFor(() => expect(dialog.textContent).toContain(reviewFor(ITEMS[2]!).body));
    expect(api.calls.slice(before).map((url) => url.pathname)).toEqual([
      `/v1/stores/demo/reviews/${encodeURIComponent(ITEMS[2]!.reviewId)}`,
    ]);
    fireEvent.keyDown(dialog, { key: "Escape" });
    await waitFor(() => expect(view.queryByRole("dialog")).toBeNull());
    fireEvent.click(tile);
    await waitFor(() => expect(view.getByRole("dialog").textContent).toContain(reviewFor(ITEMS[2]!).body));
    expect(api.calls.length - before).toBe(1);
  });

  it("shows the photo with a note when its review is no longer published", async () => {
    const { view } = await mounted({}, undefined, new Set([ITEMS[0]!.reviewId]));
    fireEvent.click(view.getByRole("button", { name: /^Customer photo 1,/ }));
    const dialog = await waitFor(() => view.getByRole("dialog"));
    await waitFor(() => expect(dialog.textContent).toContain("The review could not be loaded."));
    expect(within(dialog).getAllByRole("img").length).toBeGreaterThan(0);
  });
});

describe("gallery carousel", () => {
  const i18n = createI18n("en", { en: mediaLoadable.en });
  const items = ITEMS.slice(0, 6);
  const current = (container: Element) =>
    [...container.querySelectorAll(".plaudit-carousel__slide")].findIndex((slide) =>
      slide.classList.contains("is-current"),
    );

  it("reads data-autoplay: off by default, 5 s when present, at least 3 s", () => {
    expect(autoplaySeconds(undefined)).toBe(0);
    expect(autoplaySeconds("")).toBe(5);
    expect(autoplaySeconds("true")).toBe(5);
    expect(autoplaySeconds("8")).toBe(8);
    expect(autoplaySeconds("1")).toBe(3);
  });

  it("moves by itself until the shopper presses Pause, and again after Play", async () => {
    vi.useFakeTimers();
    const { container, getByRole } = render(
      <GalleryCarousel items={items} i18n={i18n} autoplaySeconds={5} onOpen={() => {}} />,
    );
    expect(current(container)).toBe(0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000);
    });
    expect(current(container)).toBe(1);
    const pause = getByRole("button", { name: "Pause slideshow" });
    fireEvent.click(pause);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(20_000);
    });
    expect(current(container)).toBe(1);
    fireEvent.click(getByRole("button", { name: "Play slideshow" }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000);
    });
    expect(current(container)).toBe(2);
  });

  it("holds still while the pointer is over it or focus is inside", async () => {
    vi.useFakeTimers();
    const { container, getByRole } = render(
      <GalleryCarousel items={items} i18n={i18n} autoplaySeconds={5} onOpen={() => {}} />,
    );
    const carousel = container.querySelector(".plaudit-carousel")!;
    fireEvent.pointerEnter(carousel);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(15_000);
    });
    expect(current(container)).toBe(0);
    fireEvent.pointerLeave(carousel);
    fireEvent.focusIn(getByRole("button", { name: "Next photos" }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(15_000);
    });
    expect(current(container)).toBe(0);
    // Paused, not stopped: the button still offers Pause.
    expect(getByRole("button", { name: "Pause slideshow" })).toBeTruthy();
  });

  it("does not move by itself when the shopper prefers reduced motion, but can still be played", async () => {
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: query.includes("reduce"), media: query }));
    vi.useFakeTimers();
    const { container, getByRole } = render(
      <GalleryCarousel items={items} i18n={i18n} autoplaySeconds={5} onOpen={() => {}} />,
    );
    await act(async () => {
      await vi.advanceTimersByTimeAsync(20_000);
    });
    expect(current(container)).toBe(0);
    fireEvent.click(getByRole("button", { name: "Play slideshow" }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000);
    });
    expect(current(container)).toBe(1);
  });

  it("keeps the item Previous scrolls to while its smooth scroll is under way, and nudges no row already there", async () => {
    vi.useFakeTimers();
    const { container, getByRole } = render(
      <GalleryCarousel items={items} i18n={i18n} autoplaySeconds={0} onOpen={() => {}} />,
    );
    const track = container.querySelector<HTMLUListElement>(".plaudit-carousel__track")!;
    // A row of 100 px items, 300 px of it shown, scrolled by scrollLeft.
    Object.defineProperties(track, {
      scrollLeft: { value: 0, writable: true },
      scrollWidth: { value: 600 },
      clientWidth: { value: 300 },
    });
    const scrollBy = vi.fn();
    track.scrollBy = scrollBy;
    [...track.children].forEach((slide, i) => {
      slide.getBoundingClientRect = () =>
        DOMRect.fromRect({ x: i * 100 - track.scrollLeft, width: 100, height: 100 });
    });
    const rest = async (left: number) => {
      track.scrollLeft = left;
      fireEvent.scroll(track);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(200);
      });
    };
    // A finger leaves the 3rd item leading: it is current, and the row is not nudged to it.
    await rest(200);
    expect(current(container)).toBe(2);
    expect(scrollBy).not.toHaveBeenCalled();
    fireEvent.click(getByRole("button", { name: "Previous photos" }));
    expect(current(container)).toBe(1);
    expect(scrollBy).toHaveBeenCalledWith({ left: -100, behavior: "smooth" });
    // A slow phone: one frame of that scroll, then nothing for longer than the row's rest. The 3rd
    // item still leads, but the carousel is on its way to the 2nd.
    await rest(197);
    expect(current(container)).toBe(1);
    expect(scrollBy).toHaveBeenCalledTimes(1);
    // After it, a finger's row is read again.
    await rest(300);
    expect(current(container)).toBe(3);
    expect(scrollBy).toHaveBeenCalledTimes(1);
  });

  it("steps with Previous and Next, wrapping, and has no Pause button when it never moves by itself", () => {
    const { container, getByRole, queryByRole } = render(
      <GalleryCarousel items={items} i18n={i18n} autoplaySeconds={0} onOpen={() => {}} />,
    );
    expect(queryByRole("button", { name: /slideshow/ })).toBeNull();
    fireEvent.click(getByRole("button", { name: "Previous photos" }));
    expect(current(container)).toBe(5);
    fireEvent.click(getByRole("button", { name: "Next photos" }));
    expect(current(container)).toBe(0);
  });
});
