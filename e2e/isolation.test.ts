// Isolation from the theme (docs/widget-contract.md): a theme that forces every inherited CSS
// property with !important on *, html, body and the widget hosts changes nothing inside the
// widgets. Every element of every widget — reviews, the write-review dialog, stars, gallery,
// lightbox, loyalty launcher and panel — has the same computed inherited properties as on a plain
// page. (The page's --plaudit-* tokens and dir are the knobs that do reach in, on purpose: neither
// page sets them.)
import { describe, expect, it } from "vitest";
import { harnessOfFile, type ShopPage } from "./harness.ts";

const plaudit = harnessOfFile();

/** Every inherited property Chromium knows, each with a value that differs from its default. */
const FORCED: Record<string, string> = {
  color: "rgb(255, 0, 0)",
  "font-family": "monospace",
  "font-size": "40px",
  "font-style": "italic",
  "font-variant": "small-caps",
  "font-variant-numeric": "tabular-nums",
  "font-weight": "900",
  "font-stretch": "condensed",
  "font-kerning": "none",
  "font-feature-settings": '"smcp"',
  "font-variation-settings": '"wght" 900',
  "font-optical-sizing": "none",
  "font-size-adjust": "0.9",
  "font-synthesis": "none",
  "font-palette": "dark",
  "line-height": "3",
  "letter-spacing": "5px",
  "word-spacing": "10px",
  "text-transform": "uppercase",
  "text-align": "right",
  "text-align-last": "right",
  "text-indent": "20px",
  "text-shadow": "1px 1px red",
  "text-rendering": "optimizelegibility",
  "text-decoration-skip-ink": "none",
  "text-underline-offset": "5px",
  "text-underline-position": "under",
  "text-emphasis-style": "dot",
  "text-emphasis-color": "red",
  "text-emphasis-position": "under right",
  "text-wrap": "balance",
  "white-space-collapse": "preserve",
  "word-break": "break-all",
  "overflow-wrap": "break-word",
  hyphens: "auto",
  "hyphenate-character": '"*"',
  "line-break": "anywhere",
  "tab-size": "20",
  "-webkit-text-stroke-width": "1px",
  "-webkit-text-stroke-color": "blue",
  "-webkit-text-fill-color": "green",
  "-webkit-text-security": "disc",
  "-webkit-font-smoothing": "none",
  "writing-mode": "vertical-rl",
  "text-orientation": "upright",
  "text-combine-upright": "all",
  "ruby-position": "under",
  visibility: "hidden",
  cursor: "wait",
  "pointer-events": "none",
  "list-style-type": "square",
  "list-style-position": "inside",
  quotes: '"<" ">"',
  "caret-color": "red",
  "accent-color": "red",
  "color-scheme": "dark",
  "print-color-adjust": "exact",
  "image-rendering": "pixelated",
  "border-collapse": "collapse",
  "border-spacing": "10px",
  "empty-cells": "hide",
  "caption-side": "bottom",
  orphans: "9",
  widows: "9",
  "paint-order": "stroke",
  fill: "red",
  "fill-opacity": "0.5",
  "fill-rule": "evenodd",
  stroke: "blue",
  "stroke-width": "3px",
  "stroke-opacity": "0.5",
  "stroke-dasharray": "2",
  "stroke-dashoffset": "1px",
  "stroke-linecap": "round",
  "stroke-linejoin": "round",
  "stroke-miterlimit": "9",
  "clip-rule": "evenodd",
  "marker-start": "none",
  "shape-rendering": "crispedges",
  "text-anchor": "end",
  "dominant-baseline": "hanging",
  "color-interpolation": "linearrgb",
  "color-rendering": "optimizespeed",
  "math-style": "compact",
  "math-depth": "3",
  "forced-color-adjust": "none",
};
const PROPERTIES = Object.keys(FORCED);
const HOSTILE_CSS = `*, *::before, *::after, html, body, [data-plaudit] {
${Object.entries(FORCED)
  .map(([property, value]) => `  ${property}: ${value} !important;`)
  .join("\n")}
}`;

const pageHtml = (hostile: boolean) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Isolation</title><link rel="icon" href="data:,">
${hostile ? `<style>${HOSTILE_CSS}</style>` : ""}
</head><body>
<div data-plaudit="stars" data-product-id="tee-classic" style="min-height:24px"></div>
<div data-plaudit="reviews" data-product-id="tee-classic" data-product-name="Classic Cotton Tee" style="min-height:640px"></div>
<div data-plaudit="gallery" data-page-size="6" style="min-height:320px"></div>
<div data-plaudit="loyalty" data-launcher="inline"></div>
<script src="/plaudit.js" data-store="demo" async></script>
</body></html>`;

/**
 * The computed value of every property above on every element of every widget (shadow roots
 * walked, dialogs included), keyed by widget and position in its tree.
 */
const SNAPSHOT = `((properties) => {
  const out = {};
  const walk = (node, path) => {
    let i = 0;
    for (const child of node.children) {
      const here = path + "/" + child.localName + ":" + i++;
      const style = getComputedStyle(child);
      out[here] = properties.map((p) => p + "=" + style.getPropertyValue(p)).join("; ");
      if (child.shadowRoot) walk(child.shadowRoot, here + "#shadow");
      walk(child, here);
    }
  };
  for (const host of document.querySelectorAll("[data-plaudit]")) walk(host.shadowRoot, host.dataset.plaudit);
  return out;
})`;

async function open(hostile: boolean): Promise<ShopPage> {
  const shop = await plaudit.open("/healthz", { viewport: { width: 1280, height: 2400 } });
  const url = `${plaudit.baseUrl}/demo/isolation-${hostile ? "hostile" : "plain"}.html`;
  await shop.page.route(url, (route) => route.fulfill({ contentType: "text/html", body: pageHtml(hostile) }));
  await shop.page.goto(url);
  const { page } = shop;
  await page.locator('[data-plaudit="reviews"] article').first().waitFor();
  await page.locator('[data-plaudit="gallery"] .plaudit-gallery__tile').first().waitFor();
  await page.locator('[data-plaudit="loyalty"] button').waitFor();
  const badge = () =>
    page.evaluate(() => document.querySelector('[data-plaudit="stars"]')?.shadowRoot?.textContent ?? "");
  await expect.poll(badge).toMatch(/\d/);
  return shop;
}

/** The widgets closed, then with each dialog open: what the shopper can see, state by state. */
async function snapshots(shop: ShopPage): Promise<Record<string, Record<string, string>>> {
  const { page } = shop;
  const snap = async () =>
    (await page.evaluate(`${SNAPSHOT}(${JSON.stringify(PROPERTIES)})`)) as Record<string, string>;
  const states: Record<string, Record<string, string>> = { widgets: await snap() };

  const reviews = page.locator('[data-plaudit="reviews"]');
  await reviews.getByRole("button", { name: "Write a review" }).click();
  await reviews.getByRole("dialog").getByRole("radio", { name: "5 stars" }).waitFor();
  states.writeReview = await snap();
  await page.keyboard.press("Escape");
  await expect.poll(() => reviews.getByRole("dialog").count()).toBe(0);

  const gallery = page.locator('[data-plaudit="gallery"]');
  await gallery.locator(".plaudit-gallery__tile").first().click();
  await gallery.getByRole("dialog").locator("img, video").first().waitFor();
  // … and its review, fetched after the media shows ("Loading the review…" until then).
  await gallery.getByRole("dialog").locator(".plaudit-stars").waitFor();
  states.lightbox = await snap();
  await page.keyboard.press("Escape");

  const loyalty = page.locator('[data-plaudit="loyalty"]');
  await loyalty.getByRole("button").first().click();
  await page.getByRole("dialog", { name: "Rewards" }).getByRole("heading").first().waitFor();
  // … with the program loaded: its sections, not the loading line, are what is compared.
  await expect
    .poll(() => page.getByRole("dialog", { name: "Rewards" }).locator("section").count())
    .toBeGreaterThanOrEqual(2);
  states.loyaltyPanel = await snap();
  return states;
}

describe("isolation from a theme that forces every inherited property", () => {
  it("leaves every widget's computed styles as on a plain page", async () => {
    const plain = await open(false);
    const expected = await snapshots(plain);
    expect(plain.problems().filter((p) => !p.includes("404"))).toEqual([]);
    await plain.close();

    const hostile = await open(true);
    // The theme really is hostile: its own text is what it forced.
    const body = (await hostile.page.evaluate(
      `(() => { const s = getComputedStyle(document.body); return [s.fontSize, s.writingMode, s.color]; })()`,
    )) as string[];
    expect(body).toEqual(["40px", "vertical-rl", "rgb(255, 0, 0)"]);
    const actual = await snapshots(hostile);
    await hostile.close();

    for (const [state, elements] of Object.entries(expected)) {
      expect(Object.keys(elements).length, state).toBeGreaterThan(20);
      // The same elements in both (named by path), then the same styles on each.
      const missing = Object.keys(elements).filter((k) => !(k in actual[state]!));
      const extra = Object.keys(actual[state]!).filter((k) => !(k in elements));
      expect({ state, missing: missing.slice(0, 8), extra: extra.slice(0, 8) }).toEqual({
        state,
        missing: [],
        extra: [],
      });
      const differences = Object.keys(elements).flatMap((element) => {
        const want = elements[element]!.split("; ");
        const got = actual[state]![element]!.split("; ");
        return want.flatMap((value, i) =>
          value === got[i] ? [] : [`${state} ${element}: ${got[i]} (plain: ${value})`],
        );
      });
      expect(differences.slice(0, 20)).toEqual([]);
    }
  });
});
