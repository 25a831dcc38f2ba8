import type { Review } from "@plaudit/core";
import { cleanup, fireEvent, render, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeReview } from "../../testing/fake-api.ts";
import { galleryItem, photo, video } from "../../testing/media-fixtures.ts";
import { Lightbox, type LightboxProps, lightboxIn } from "./lightbox.tsx";

const BASE = "https://reviews.example.com";
const review: Review = makeReview(4, {
  author: { name: "Anna" },
  title: "Soft and warm",
  media: [photo(1), video(2), photo(3)],
});
const items = review.media.map((media) => ({ media, review }));

/** Renders inside an open shadow root, as the widgets do, with an opener to return focus to. */
function open(props: Partial<LightboxProps> = {}) {
  const host = document.createElement("div");
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  const container = document.createElement("div");
  container.className = "plaudit-root";
  root.append(container);
  const opener = document.createElement("button");
  container.append(opener);
  opener.focus();
  const onClose = vi.fn();
  render(
    <Lightbox
      items={items}
      start={0}
      locale="en"
      mediaBase={BASE}
      returnFocusTo={opener}
      onClose={onClose}
      {...props}
    />,
    { container: container.appendChild(document.createElement("div")) },
  );
  const ui = within(container);
  const dialog = ui.getByRole("dialog");
  const press = (key: string, target: Element = dialog) => fireEvent.keyDown(target, { key });
  const position = () => container.querySelector(".plaudit-lightbox__position")?.textContent;
  const shown = () =>
    container.querySelector(".plaudit-lightbox__media") as HTMLImageElement | HTMLVideoElement;
  return { root, ui, dialog, press, position, shown, onClose, opener };
}

/** Whether the next Image the lightbox loads (a video's poster, probed after the video's error) loads. */
function posterLoads(loads: boolean) {
  vi.stubGlobal(
    "Image",
    class {
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      set src(_url: string) {
        queueMicrotask(() => (loads ? this.onload : this.onerror)?.());
      }
    },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  cleanup();
  document.body.replaceChildren();
  document.documentElement.removeAttribute("style");
});

describe("Lightbox", () => {
  it("opens as a modal titled by the review, at the pressed item, with the review beside it", () => {
    const view = open({ start: 2 });
    expect(view.dialog.getAttribute("aria-modal")).toBe("true");
    expect(view.root.getElementById(view.dialog.getAttribute("aria-labelledby")!)?.textContent).toBe(
      "Photos and videos from Anna’s review",
    );
    expect(view.position()).toBe("3 of 3");
    expect(view.shown().getAttribute("alt")).toBe("Photo 3 from Anna’s review");
    expect(view.shown().getAttribute("src")).toBe(`${BASE}${photo(3).url}`);
    expect(view.ui.getByRole("img", { name: "4 out of 5 stars" })).toBeTruthy();
    expect(view.ui.getByText("Soft and warm")).toBeTruthy();
    expect(view.ui.getByText(review.body)).toBeTruthy();
  });

  it("moves with the Left and Right arrow keys, wrapping at the ends, from anywhere in the dialog", () => {
    const view = open();
    view.press("ArrowRight");
    expect(view.position()).toBe("2 of 3");
    // The × button is focused: the arrows still move.
    view.press("ArrowRight", view.ui.getByRole("button", { name: "Close" }));
    expect(view.position()).toBe("3 of 3");
    view.press("ArrowRight");
    expect(view.position()).toBe("1 of 3");
    view.press("ArrowLeft");
    expect(view.position()).toBe("3 of 3");
  });

  it("shows a video with native controls and its poster, and leaves the arrows to the video when it has focus", () => {
    const view = open({ start: 1 });
    const player = view.shown() as HTMLVideoElement;
    expect(player.tagName).toBe("VIDEO");
    expect(player.hasAttribute("controls")).toBe(true);
    expect(player.getAttribute("aria-label")).toBe("Video 2 from Anna’s review");
    expect(player.getAttribute("poster")).toBe(`${BASE}/media/demo/${video(2).id}/640.webp`);
    view.press("ArrowRight", player);
    expect(view.position()).toBe("2 of 3");
  });

  it("mirrors the arrow keys in right-to-left locales", async () => {
    // Opened as the widgets open it: once its Hebrew words have come (their own chunk).
    await lightboxIn("he");
    const view = open({ locale: "he" });
    expect(view.dialog.getAttribute("dir")).toBe("rtl");
    view.press("ArrowLeft");
    expect(view.position()).toBe("2 מתוך 3");
    view.press("ArrowRight");
    expect(view.position()).toBe("1 מתוך 3");
  });

  it("announces the position politely and moves with the Previous and Next buttons", () => {
    const view = open();
    const position = view.dialog.querySelector(".plaudit-lightbox__position")!;
    expect(position.getAttribute("aria-live")).toBe("polite");
    fireEvent.click(view.ui.getByRole("button", { name: "Next" }));
    expect(view.position()).toBe("2 of 3");
    fireEvent.click(view.ui.getByRole("button", { name: "Previous" }));
    fireEvent.click(view.ui.getByRole("button", { name: "Previous" }));
    expect(view.position()).toBe("3 of 3");
  });

  it("goes to the next item on a left swipe and ignores a mostly vertical drag", () => {
    const view = open();
    const stage = view.dialog.querySelector(".plaudit-lightbox__stage")!;
    const swipe = (dx: number, dy: number) => {
      fireEvent.pointerDown(stage, { clientX: 300, clientY: 200, pointerId: 1, isPrimary: true });
      fireEvent.pointerUp(stage, { clientX: 300 + dx, clientY: 200 + dy, pointerId: 1, isPrimary: true });
    };
    swipe(-120, 10);
    expect(view.position()).toBe("2 of 3");
    swipe(20, 0);
    swipe(-60, 120);
    expect(view.position()).toBe("2 of 3");
    swipe(120, 0);
    expect(view.position()).toBe("1 of 3");
  });

  it("leaves a drag on a video to the video (scrubbing its timeline), not a swipe to another item", () => {
    const view = open({ start: 1 });
    const player = view.shown();
    fireEvent.pointerDown(player, { clientX: 100, clientY: 300, pointerId: 1, isPrimary: true });
    fireEvent.pointerUp(player, { clientX: 260, clientY: 300, pointerId: 1, isPrimary: true });
    expect(view.position()).toBe("2 of 3");
    expect(view.shown()).toBe(player);
  });

  it("closes on Escape and the × button, and focus returns to the thumbnail when it unmounts", () => {
    const view = open();
    view.press("Escape");
    expect(view.onClose).toHaveBeenCalledTimes(1);
    fireEvent.click(view.ui.getByRole("button", { name: "Close" }));
    expect(view.onClose).toHaveBeenCalledTimes(2);
    cleanup();
    expect(view.root.activeElement).toBe(view.opener);
  });

  it("keeps Tab inside the dialog", () => {
    const view = open();
    const buttons = view.ui.getAllByRole("button");
    const last = buttons.at(-1)!;
    last.focus();
    view.press("Tab", last);
    expect(view.root.activeElement).toBe(view.ui.getByRole("button", { name: "Close" }));
  });

  it("lets Tab reach a lone video's controls, and opens on Previous when there are several items", () => {
    const lone = open({ items: [items[1]!] });
    const player = lone.shown();
    const close = lone.ui.getByRole("button", { name: "Close" });
    expect(lone.root.activeElement).toBe(player);
    lone.press("Tab", player);
    expect(lone.root.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: "Tab", shiftKey: true });
    expect(lone.root.activeElement).toBe(player);
    cleanup();
    const several = open({ start: 1 });
    expect(several.root.activeElement).toBe(several.ui.getByRole("button", { name: "Previous" }));
  });

  it("goes to the first item on Home and the last on End", () => {
    const view = open({ start: 1 });
    view.press("End");
    expect(view.position()).toBe("3 of 3");
    view.press("Home");
    expect(view.position()).toBe("1 of 3");
    // The video keeps Home and End (its own seeking) while it has focus.
    view.press("ArrowRight");
    view.press("End", view.shown());
    expect(view.position()).toBe("2 of 3");
  });

  it("says a photo could not be loaded (rejected since the page was read) instead of a broken image", async () => {
    const view = open();
    fireEvent.error(view.shown());
    expect(view.ui.getByText("This photo could not be loaded.")).toBeTruthy();
    expect(view.dialog.querySelector("img.plaudit-lightbox__media")).toBeNull();
    view.press("ArrowRight");
    // A video's error may only mean this browser cannot play it: its player and poster stay.
    posterLoads(true);
    fireEvent.error(view.shown());
    await waitFor(() => expect(view.ui.getByText("This video cannot be played here.")).toBeTruthy());
    expect(view.shown().tagName).toBe("VIDEO");
    view.press("ArrowRight");
    expect(view.shown().getAttribute("alt")).toBe("Photo 3 from Anna’s review");
    view.press("Home");
    expect(view.ui.getByText("This photo could not be loaded.")).toBeTruthy();
  });

  it("says a video could not be loaded when its poster is gone with it (rejected), instead of a black box", async () => {
    const view = open({ start: 1 });
    posterLoads(false);
    fireEvent.error(view.shown());
    await waitFor(() => expect(view.ui.getByText("This video could not be loaded.")).toBeTruthy());
    expect(view.dialog.querySelector("video")).toBeNull();
    expect(view.position()).toBe("2 of 3");
  });

  it("loads a gallery item's review, links to its product, and names the media without an author until then", async () => {
    const item = { ...galleryItem(1), reviewId: "r9", productId: "tee-classic" };
    const loaded = makeReview(9, { author: { name: "Ben" }, media: [item] });
    const loadReview = vi.fn(async () => loaded);
    const view = open({
      items: [{ media: item, reviewId: "r9", productId: "tee-classic", rating: 4 }],
      loadReview,
      productHref: (id) => `/products/${id}`,
    });
    expect(view.ui.getByText("Loading the review…")).toBeTruthy();
    expect(view.shown().getAttribute("alt")).toBe("Customer photo 1, 4 out of 5 stars");
    await waitFor(() => expect(view.ui.getByText(loaded.body)).toBeTruthy());
    expect(view.shown().getAttribute("alt")).toBe("Photo 1 from Ben’s review");
    expect(view.ui.getByRole("link", { name: "View the product" }).getAttribute("href")).toBe(
      "/products/tee-classic",
    );
    expect(loadReview).toHaveBeenCalledTimes(1);
    // One item: no position and no Previous/Next.
    expect(view.ui.queryByRole("button", { name: "Next" })).toBeNull();
  });
});
