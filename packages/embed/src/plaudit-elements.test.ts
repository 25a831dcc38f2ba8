import { LIST_LIMIT_MAX } from "@plaudit/core";
import { afterEach, describe, expect, it, vi } from "vitest";
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
  vi.restoreAllMocks();
});

/** An element of `tag` with `attributes`, put in the page. */
function element(tag: string, attributes: Record<string, string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  return el;
}
const BADGE = { store: "demo", api: "http://127.0.0.1:9", "product-id": "tee-classic" };

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

  it("says a wrong attribute value as the script tag's check does, once, and mounts nothing: no throw into the page", () => {
    defineElements();
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent) => thrown.push(event.error);
    window.addEventListener("error", onError);
    const cases: [Record<string, string>, string][] = [
      [{ theme: "neon" }, '[plaudit] theme="neon" on <plaudit-stars>: use "light", "dark" or "auto"'],
      [{ store: "our store!" }, '[plaudit] store="our store!" on <plaudit-stars> is not a store id'],
      [
        { api: "javascript:alert(1)" },
        '[plaudit] api="javascript:alert(1)" on <plaudit-stars> is not an http(s) URL',
      ],
      [{ locale: "not a tag!" }, '[plaudit] locale="not a tag!" on <plaudit-stars> is not a language tag'],
      [{ "product-id": "p".repeat(300) }, "[plaudit] product-id on <plaudit-stars> must be 1 to "],
    ];
    try {
      for (const [wrong, said] of cases) {
        printed.mockClear();
        // Two elements wrong the same way: one line.
        const badges = [
          element("plaudit-stars", { ...BADGE, ...wrong }),
          element("plaudit-stars", { ...BADGE, ...wrong }),
        ];
        for (const badge of badges) expect(badge.shadowRoot, said).toBeNull();
        expect(printed, said).toHaveBeenCalledTimes(1);
        expect(String(printed.mock.calls[0]?.[0])).toContain(said);
      }
      // Fixed, it mounts.
      const badge = element("plaudit-stars", { ...BADGE, theme: "sepia" });
      expect(badge.shadowRoot).toBeNull();
      badge.setAttribute("theme", "dark");
      expect(badge.shadowRoot?.childNodes.length).toBeGreaterThan(0);
    } finally {
      window.removeEventListener("error", onError);
    }
    expect(thrown).toEqual([]);
  });

  it("says a page size it cannot show and shows the kind's default (the script tag's fallback)", () => {
    defineElements();
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const size of ["abc", "0", "9999"]) {
      const gallery = element("plaudit-gallery", { ...BADGE, "page-size": size });
      expect(gallery.shadowRoot?.childNodes.length, size).toBeGreaterThan(0);
      const said = printed.mock.calls.map((call) => String(call[0]));
      expect(said, size).toContain(
        `[plaudit] page-size="${size}" on <plaudit-gallery> is not a page size it shows: use a whole number from 1 to ${LIST_LIMIT_MAX}`,
      );
    }
    printed.mockClear();
    element("plaudit-gallery", { ...BADGE, "page-size": "24" });
    expect(printed.mock.calls.map((call) => String(call[0])).filter((m) => m.includes("page-size"))).toEqual(
      [],
    );
  });

  it("waits for store and product-id before mounting", () => {
    defineElements();
    const list = document.createElement("plaudit-reviews");
    document.body.append(list);
    expect(list.shadowRoot).toBeNull();
  });
});
