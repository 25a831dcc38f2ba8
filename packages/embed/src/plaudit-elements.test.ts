import { afterEach, describe, expect, it } from "vitest";
import type { PlauditElementAttributes } from "./element-attributes.ts";
import { defineElements } from "./plaudit-elements.ts";

// Every attribute each element's type names, written out: a Record over the type's keys, so the
// type check fails when the type gains or loses one that is not listed here.
type Named<T> = { [K in keyof Required<T>]: true };
const BASE = { store: true, api: true, locale: true, theme: true } as const;
const TYPED: { [Tag in keyof PlauditElementAttributes]: Named<PlauditElementAttributes[Tag]> } = {
  "plaudit-reviews": {
    ...BASE,
    "product-id": true,
    "product-name": true,
    "page-size": true,
    "customer-token": true,
    "json-ld": true,
    "product-jsonld-id": true,
  },
  "plaudit-stars": { ...BASE, "product-id": true, href: true },
  "plaudit-gallery": {
    ...BASE,
    "product-id": true,
    "page-size": true,
    layout: true,
    autoplay: true,
    "product-url-template": true,
    label: true,
  },
  "plaudit-loyalty": {
    ...BASE,
    "customer-token": true,
    position: true,
    launcher: true,
    "join-url": true,
    "signin-url": true,
  },
  "plaudit-points": { ...BASE, "customer-token": true },
  "plaudit-points-for": { ...BASE, amount: true },
};

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
    expect(stars?.className).toBe("plaudit-stars plaudit-tens-0 plaudit-units-0");
    expect(stars?.childNodes).toHaveLength(0);
    expect(badge.shadowRoot?.querySelector("svg")).toBeNull();

    badge.remove();
    expect(badge.shadowRoot?.childNodes.length).toBe(0);
  });

  it("observes exactly the attributes its type names (a changed one remounts), for every kind", () => {
    defineElements();
    for (const [tag, named] of Object.entries(TYPED)) {
      const element = customElements.get(tag) as unknown as { observedAttributes: string[] } | undefined;
      expect([...(element?.observedAttributes ?? [])].sort(), tag).toEqual(Object.keys(named).sort());
    }
  });

  it("waits for store and product-id before mounting", () => {
    defineElements();
    const list = document.createElement("plaudit-reviews");
    document.body.append(list);
    expect(list.shadowRoot).toBeNull();
  });
});
