// Photos and videos inside the reviews widget: the strip on the card, the media count in the
// summary, and the lightbox loaded on the first press (real store and client; fake fetch only).
import { act, fireEvent, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { API_BASE, makeReview, settle } from "../../testing/fake-api.ts";
import { photo, video } from "../../testing/media-fixtures.ts";
import { mountWidget } from "../../testing/mount-for-test.ts";

const REVIEWS = [
  makeReview(1, { author: { name: "Anna" }, media: [photo(1), video(2)] }),
  makeReview(2),
  makeReview(3, { author: { name: "Ben" }, media: [photo(3)] }),
];
const cleanups: (() => void)[] = [];

async function mounted() {
  const widget = mountWidget("reviews", { products: { tee: REVIEWS } });
  cleanups.push(() => {
    widget.unmount();
    widget.host.remove();
  });
  await act(() => settle());
  return widget;
}

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  document.documentElement.removeAttribute("style");
});

describe("reviews widget with photos and videos", () => {
  it("shows the media count in the summary and a thumbnail strip on the cards that have media", async () => {
    const { view, root } = await mounted();
    expect(view.getByText("3 photos and videos")).toBeTruthy();
    const strips = root.querySelectorAll(".plaudit-review .plaudit-media");
    expect(strips).toHaveLength(2);
    const thumb = view.getByRole("img", { name: "Photo 1 from Anna’s review" });
    expect(thumb.getAttribute("src")).toBe(`${API_BASE}${photo(1).thumbnailUrl}`);
  });

  it("opens the lightbox on a thumbnail, at that item, and gives focus back to it on Escape", async () => {
    const { view, root } = await mounted();
    const button = view.getByRole("button", { name: /^Video 2 from Anna’s review/ });
    button.focus();
    fireEvent.click(button);
    const dialog = await waitFor(() => view.getByRole("dialog"));
    expect(dialog.textContent).toContain("2 of 2");
    expect(root.getElementById(dialog.getAttribute("aria-labelledby")!)?.textContent).toBe(
      "Photos and videos from Anna’s review",
    );
    expect(dialog.contains(root.activeElement)).toBe(true);
    fireEvent.keyDown(dialog, { key: "Escape" });
    await waitFor(() => expect(view.queryByRole("dialog")).toBeNull());
    expect(root.activeElement).toBe(button);
  });
});
