import { createI18n } from "@plaudit/core";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { photo, video } from "../../testing/media-fixtures.ts";
import { reviewsCatalogs } from "../messages/index.ts";
import { mediaSrcset, mediaUrl } from "./media-url.ts";
import { ThumbnailStrip } from "./thumbnail-strip.tsx";

const i18n = createI18n("en", reviewsCatalogs);
const BASE = "https://reviews.example.com";

afterEach(cleanup);

describe("ThumbnailStrip", () => {
  it("renders each thumbnail as a button with its size, placeholder, smallest image and alt text fixed up front", () => {
    render(<ThumbnailStrip media={[photo(1), video(2)]} author="Anna" i18n={i18n} mediaBase={BASE} />);
    const [first, second] = screen.getAllByRole("img") as HTMLImageElement[];
    expect(first?.getAttribute("width")).toBe("64");
    expect(first?.getAttribute("height")).toBe("64");
    expect(first?.getAttribute("loading")).toBe("lazy");
    expect(first?.getAttribute("src")).toBe(`${BASE}/media/demo/${photo(1).id}/320.webp`);
    // 320 px is enough for 64 px up to 5 device px to the CSS px: a srcset would pick it every time.
    expect(first?.hasAttribute("srcset")).toBe(false);
    expect(first?.hasAttribute("sizes")).toBe(false);
    expect(first?.style.backgroundColor).toBeTruthy();
    expect(first?.alt).toBe("Photo 1 from Anna’s review");
    expect(second?.alt).toBe("Video 2 from Anna’s review");
    // The button's name is the alt text (plus a video's visible length).
    expect(screen.getByRole("button", { name: "Photo 1 from Anna’s review" })).toBeTruthy();
    expect(screen.getByRole("button", { name: /^Video 2 from Anna’s review\s*0:12$/ })).toBeTruthy();
  });

  it("opens at the pressed thumbnail and hands over the button for focus return", () => {
    const onOpen = vi.fn();
    render(<ThumbnailStrip media={[photo(1), photo(2)]} author="Anna" i18n={i18n} onOpen={onOpen} />);
    const button = screen.getByRole("button", { name: "Photo 2 from Anna’s review" });
    fireEvent.click(button);
    expect(onOpen).toHaveBeenCalledWith(1, button);
  });
});

describe("media URLs", () => {
  it("resolves root-relative URLs against the API base and leaves absolute ones alone", () => {
    expect(mediaUrl("/media/a.jpg", `${BASE}/`)).toBe(`${BASE}/media/a.jpg`);
    expect(mediaUrl("https://cdn.example.com/a.jpg", BASE)).toBe("https://cdn.example.com/a.jpg");
    expect(mediaUrl("/media/a.jpg")).toBe("/media/a.jpg");
    expect(mediaSrcset("/a.webp 320w, /b.webp 640w", BASE)).toBe(`${BASE}/a.webp 320w, ${BASE}/b.webp 640w`);
  });
});
