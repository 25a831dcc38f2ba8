// Isolation from the theme (docs/widget-contract.md): a theme that forces every inherited CSS
// property (every one this Chromium has, found at run time) with !important on *, html, body and
// the widget hosts, and zooms the hosts, changes nothing inside the widgets. Every element of
// every widget — reviews, the write-review dialog, stars, gallery, lightbox, loyalty launcher and
// panel — has the same computed inherited properties and zoom as on a plain page. (The page's
// --plaudit-* tokens and dir are the knobs that do reach in, on purpose: neither page sets them.)
import { describe, expect, it } from "vitest";
import { harnessOfFile, type ShopPage } from "./harness.ts";

const plaudit = harnessOfFile();

/**
 * Every inherited property this Chromium has, each with a value that reaches a child: found in the
 * browser, not listed by hand, so a property Chromium adds is forced too. For each property the
 * computed style lists, the first candidate value (generic ones, and every value the browser's own
 * stylesheet gives some element) that changes an unstyled child's computed value when set on its
 * parent. The child is display:none, so the answer is its computed value, not a laid-out size.
 * `direction` is the page's `dir`, which reaches in on purpose; `display` only looks inherited
 * (a ruby parent changes its children's display).
 */
const INHERITED_PROPERTIES = `(() => {
  document.body.innerHTML = '<div id="parent"><div id="child" style="display:none"></div></div>' +
    '<input><button>b</button><select><option>o</option></select><textarea></textarea><table><caption>c</caption>' +
    '<tr><td>t</td></tr></table><ul><li>l</li></ul><ol><li>l</li></ol><q>q</q><a href="#x">a</a><code>c</code>' +
    '<pre>p</pre><h1>h</h1><ruby>r<rt>t</rt></ruby><svg><text>t</text></svg><math><mi>x</mi></math>';
  const parent = document.getElementById("parent");
  const child = document.getElementById("child");
  const names = [...getComputedStyle(document.documentElement)].filter(
    (name) => !name.startsWith("--") && name !== "direction" && name !== "display",
  );
  const candidates = new Set(["red", "40px", "3", "0.5", "none", "hidden", "italic", "uppercase", "right",
    "under", "collapse", "dark", "break-all", "monospace", "small-caps", "condensed", "900", "wait", "square",
    "inside", "evenodd", "round", "stroke", "anywhere", "balance", "preserve", "vertical-rl", "upright", "all",
    "disc", "pixelated", "exact", "compact", "loose", "optimizelegibility", "optimizespeed", "crispedges",
    "linearrgb", "hanging", "end", "dot", "under right", "1px 1px red", '"*"', '"smcp"', '"wght" 900',
    '"<" ">"', "url(#x)", "diagonal-fractions", "historical-forms", "full-width", "super", "emoji",
    "ordinal", "manual", "auto", "normal", "sideways", "from-font", "block", "start"]);
  for (const element of document.querySelectorAll("body *")) {
    const style = getComputedStyle(element);
    for (const name of names) candidates.add(style.getPropertyValue(name));
  }
  const inherited = {};
  for (const name of names) {
    const initial = getComputedStyle(child).getPropertyValue(name);
    for (const value of candidates) {
      if (!value || !CSS.supports(name, value)) continue;
      parent.style.setProperty(name, value);
      const reached = getComputedStyle(child).getPropertyValue(name) !== initial;
      parent.style.removeProperty(name);
      if (reached) {
        inherited[name] = value;
        break;
      }
    }
  }
  document.body.innerHTML = "";
  return inherited;
})()`;

/** Inherited properties the issue and its review name: the enumeration must find each. */
const NAMED_IN_THE_ISSUE = [
  "font-size",
  "font-variant-numeric",
  "font-variant-caps",
  "font-feature-settings",
  "font-kerning",
  "text-rendering",
  "-webkit-text-fill-color",
  "-webkit-text-stroke-width",
  "text-shadow",
  "text-indent",
  "text-align-last",
  "word-break",
  "overflow-wrap",
  "hyphens",
  "tab-size",
  "white-space-collapse",
  "line-break",
  "text-underline-offset",
  "quotes",
  "list-style-type",
  "cursor",
  "visibility",
  "writing-mode",
  "text-orientation",
  "color-scheme",
  "caret-color",
  "accent-color",
  "font-size-adjust",
  "font-synthesis-weight",
  "font-optical-sizing",
  "letter-spacing",
  "word-spacing",
  "text-transform",
  "line-height",
  "color",
];

/** The theme: every inherited property forced everywhere it can reach, and the hosts zoomed. */
const hostileCss = (forced: Record<string, string>) => `*, *::before, *::after, html, body, [data-plaudit] {
${Object.entries(forced)
  .map(([property, value]) => `  ${property}: ${value} !important;`)
  .join("\n")}
}
[data-plaudit] { zoom: 2 !important; }`;

const pageHtml = (hostile: string | undefined) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Isolation</title><link rel="icon" href="data:,">
${hostile ? `<style>${hostile}</style>` : ""}
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
      // The zoom the element is drawn at: a zoomed host scales everything without changing a
      // computed length.
      out[here] = ["zoom=" + child.currentCSSZoom, ...properties.map((p) => p + "=" + style.getPropertyValue(p))].join("; ");
      if (child.shadowRoot) walk(child.shadowRoot, here + "#shadow");
      walk(child, here);
    }
  };
  for (const host of document.querySelectorAll("[data-plaudit]")) walk(host.shadowRoot, host.dataset.plaudit);
  return out;
})`;

async function open(hostile?: string): Promise<ShopPage> {
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
async function snapshots(
  shop: ShopPage,
  properties: string[],
): Promise<Record<string, Record<string, string>>> {
  const { page } = shop;
  const snap = async () =>
    (await page.evaluate(`${SNAPSHOT}(${JSON.stringify(properties)})`)) as Record<string, string>;
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
    const probe = await plaudit.open("/healthz");
    const forced = (await probe.page.evaluate(INHERITED_PROPERTIES)) as Record<string, string>;
    await probe.close();
    const properties = Object.keys(forced);
    // What the issue names, at least: the enumeration found them (else it is broken, not general).
    expect(properties).toEqual(expect.arrayContaining(NAMED_IN_THE_ISSUE));

    const plain = await open();
    const expected = await snapshots(plain, properties);
    expect(plain.problems().filter((p) => !p.includes("404"))).toEqual([]);
    await plain.close();

    const hostile = await open(hostileCss(forced));
    // The theme really is hostile: its own text is what it forced.
    const body = (await hostile.page.evaluate(
      `(() => { const s = getComputedStyle(document.body); return [s.fontSize, s.writingMode, s.color]; })()`,
    )) as string[];
    expect(body).toEqual(["40px", "vertical-rl", "rgb(255, 0, 0)"]);
    const actual = await snapshots(hostile, properties);
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
