import { afterEach, describe, expect, it } from "vitest";
import { lockPageScroll } from "./scroll-lock.ts";

const html = document.documentElement;

/** Pretends the page has a classic scrollbar of `width` px (0: overlay scrollbars, as on phones). */
function scrollbar(width: number) {
  Object.defineProperty(html, "clientWidth", { configurable: true, get: () => window.innerWidth - width });
}

afterEach(() => {
  Reflect.deleteProperty(html, "clientWidth");
  html.removeAttribute("style");
});

describe("lockPageScroll", () => {
  it("keeps a classic scrollbar's space so the page does not jump sideways", () => {
    scrollbar(15);
    const release = lockPageScroll();
    expect(html.style.getPropertyValue("overflow")).toBe("hidden");
    expect(html.style.getPropertyValue("scrollbar-gutter")).toBe("stable");
    release();
    expect(html.hasAttribute("style")).toBe(false);
  });

  it("reserves nothing when scrollbars overlay the page", () => {
    scrollbar(0);
    const release = lockPageScroll();
    expect(html.style.getPropertyValue("scrollbar-gutter")).toBe("");
    release();
  });

  it("gives back the page's own inline values, not blanks", () => {
    scrollbar(15);
    html.style.setProperty("overflow", "auto");
    html.style.setProperty("scrollbar-gutter", "stable both-edges");
    html.style.setProperty("color", "red");
    const release = lockPageScroll();
    expect(html.style.getPropertyValue("scrollbar-gutter")).toBe("stable both-edges");
    release();
    expect(html.style.getPropertyValue("overflow")).toBe("auto");
    expect(html.style.getPropertyValue("scrollbar-gutter")).toBe("stable both-edges");
    expect(html.style.getPropertyValue("color")).toBe("red");
  });

  it("unlocks only when the last of two overlapping locks is released, once each", () => {
    scrollbar(0);
    const first = lockPageScroll();
    const second = lockPageScroll();
    first();
    first(); // a second call must not release the other lock
    expect(html.style.getPropertyValue("overflow")).toBe("hidden");
    second();
    expect(html.style.getPropertyValue("overflow")).toBe("");
  });
});
