import { afterEach, describe, expect, it } from "vitest";
import { defineElements } from "./plaudit-elements.ts";

afterEach(() => {
  document.body.replaceChildren();
});

describe("defineElements", () => {
  it("registers both elements once, however often it is called", () => {
    defineElements();
    defineElements();
    expect(customElements.get("plaudit-reviews")).toBeTypeOf("function");
    expect(customElements.get("plaudit-stars")).toBeTypeOf("function");
  });

  it("renders a star badge into the element's own shadow root and clears it on disconnect", async () => {
    defineElements();
    const badge = document.createElement("plaudit-stars");
    badge.setAttribute("store", "demo");
    badge.setAttribute("api", "http://127.0.0.1:9");
    badge.setAttribute("product-id", "tee-classic");
    document.body.append(badge);
    expect(badge.shadowRoot).not.toBeNull();
    expect(badge.shadowRoot?.childNodes.length).toBeGreaterThan(0);
    // While its summary loads, the badge holds its box with an unfilled row: one element, no SVG.
    const stars = badge.shadowRoot?.querySelector(".plaudit-star-badge--empty .plaudit-stars");
    expect(stars?.className).toBe("plaudit-stars plaudit-fill-0");
    expect(stars?.childNodes).toHaveLength(0);
    expect(badge.shadowRoot?.querySelector("svg")).toBeNull();

    badge.remove();
    expect(badge.shadowRoot?.childNodes.length).toBe(0);
  });

  it("waits for store and product-id before mounting", () => {
    defineElements();
    const list = document.createElement("plaudit-reviews");
    document.body.append(list);
    expect(list.shadowRoot).toBeNull();
  });
});
