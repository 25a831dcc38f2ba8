import { h, render } from "preact";
import { describe, expect, it } from "vitest";
import { el, toDom, toHtml } from "./markup.ts";
import { Stars } from "./stars.tsx";
import { starsMarkup } from "./stars-markup.ts";

describe("markup data", () => {
  it("keeps hostile text as text, in the DOM and in HTML", () => {
    const hostile = '<img src=x onerror="alert(1)">&amp;';
    const markup = el("span", { title: hostile }, hostile);
    const node = toDom(document, markup) as HTMLElement;
    expect(node.children).toHaveLength(0);
    expect(node.textContent).toBe(hostile);
    expect(node.getAttribute("title")).toBe(hostile);
    expect(toHtml(markup)).toBe(
      '<span title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;amp;">&lt;img src=x onerror="alert(1)"&gt;&amp;amp;</span>',
    );
  });

  it("draws the same star row as the Preact <Stars>, at both sizes (server markup hydrates in place)", () => {
    for (const size of [16, 20] as const) {
      const container = document.createElement("div");
      render(h(Stars, { value: 3.7, label: "3.7 out of 5 stars", size }), container);
      const fromMarkup = toDom(document, starsMarkup(3.7, "3.7 out of 5 stars", size)) as Element;
      expect(fromMarkup.outerHTML).toBe(container.innerHTML);
      expect(toHtml(starsMarkup(3.7, "3.7 out of 5 stars", size))).toBe(container.innerHTML);
    }
  });
});
