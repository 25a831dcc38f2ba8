import type { Locator } from "playwright-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  columns,
  distance,
  drawnBar,
  drawnRow,
  fillEnd,
  starColours,
  starsDrawn,
  wrongColumns,
} from "./drawn-stars.ts";
import { harnessOfFile, type ShopPage } from "./harness.ts";
import { layoutShift } from "./layout-shift.ts";
import { axeViolations, reachForReviews, widgetCodeMounted } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

const PRODUCT = "/demo/tee-classic.html";
/**
 * The product page with the reviews rendered by the widget's own code, as when painting is not
 * possible (here: the snippet route unreachable) and as npm and custom-element mounts always do.
 * The loader paints the script tag's reviews from the server's markup instead (docs/widget-contract.md,
 * "Painted first"): every card of the first page, the ones beyond the view a few frames later.
 */
const RENDERED_BY_CODE = { block: ["/v1/stores/demo/products/tee-classic/snippet"] };
/** problems() but Chromium's line about the snippet request RENDERED_BY_CODE refuses. */
const problemsButRefusedSnippet = (shop: ShopPage) =>
  shop.problems().filter((line) => !/Failed to load resource: net::ERR_CONNECTION_REFUSED/.test(line));

/** Product nodes of every JSON-LD script on the page, merged by @id as search engines do. */
const PRODUCT_NODES = `(() => {
  const ids = new Set();
  let anonymous = 0;
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const parsed = JSON.parse(script.textContent);
    const top = Array.isArray(parsed) ? parsed : [parsed];
    for (const node of top.flatMap((n) => (n && n["@graph"]) || [n])) {
      const types = [].concat(node["@type"]);
      if (!types.includes("Product")) continue;
      if (node["@id"]) ids.add(node["@id"]);
      else anonymous += 1;
    }
  }
  return { ids: [...ids], anonymous };
})()`;

/**
 * Every star row on the page, from its screenshot: its box is size × 5 + 8 by size (2 px between
 * stars), five stars are drawn, the columns before the fill's end in the theme's star colour and
 * those after it in the empty colour, from the inline start.
 */
async function expectRowsDrawnToTheirValues(shop: ShopPage, { rtl }: { rtl: boolean }) {
  const rows = shop.page.locator("[data-plaudit] .plaudit-stars");
  const count = await rows.count();
  expect(count).toBeGreaterThan(5);
  const fills = new Set<number>();
  for (let i = 0; i < count; i++) {
    const row = await drawnRow(rows.nth(i));
    fills.add(row.tenths);
    expect(row.rtl).toBe(rtl);
    expect([16, 20]).toContain(row.height);
    expect(row.width).toBe(row.height * 5 + 8);
    expect(row.image).toEqual({ width: row.width, height: row.height });
    const kinds = columns(row, row.theme);
    expect(starsDrawn(kinds)).toBe(5);
    expect(wrongColumns(row, kinds)).toEqual([]);
    // As many filled columns as the stars have before the fill's end (±1 where they meet).
    const end = fillEnd(row);
    const expected = kinds.filter((kind, x) => kind !== "" && x + 0.5 < end).length;
    expect(Math.abs(kinds.filter((kind) => kind === "filled").length - expected)).toBeLessThanOrEqual(1);
    // The first star's middle is the star colour itself when the rating fills it, the last one's
    // the empty colour when it does not.
    if (end > row.height / 2 + 1)
      expect(distance(starColours(row).filled, row.theme.filled)).toBeLessThan(12);
    if (end < row.width - row.height / 2 - 1)
      expect(distance(starColours(row).empty, row.theme.empty)).toBeLessThan(12);
  }
  // Whole and fractional ratings both (the summary's average, the cards' stars).
  expect(fills.size).toBeGreaterThan(1);
}

interface DrawnIcon {
  width: number;
  height: number;
  /** Share of the box's pixels drawn (at least half way from what is behind to the icon's colour). */
  drawn: number;
  /** Per pixel, row by row: drawn or not. */
  mask: boolean[];
  /** The pixel furthest from what is behind, and the icon's text colour as the page resolves it. */
  darkest: [number, number, number];
  text: [number, number, number];
}

/** What an icon draws, read from a screenshot of its box (pixels are all that can say). */
async function drawnIcon(icon: Locator): Promise<DrawnIcon> {
  await icon.scrollIntoViewIfNeeded();
  const { width, height, text } = await icon.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    context.fillStyle = getComputedStyle(element).color;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
    return { width: rect.width, height: rect.height, text: [r!, g!, b!] as [number, number, number] };
  });
  const at = (await icon.boundingBox())!;
  // One px around the box: what is behind the icon.
  const clip = { x: Math.round(at.x) - 1, y: Math.round(at.y) - 1, width: width + 2, height: height + 2 };
  const { data, info } = await sharp(await icon.page().screenshot({ clip, animations: "disabled" }))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixel = (x: number, y: number): [number, number, number] => {
    const i = (y * info.width + x) * 3;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
  const behind = pixel(0, 0);
  const mask: boolean[] = [];
  let darkest = behind;
  for (let y = 1; y <= height; y++) {
    for (let x = 1; x <= width; x++) {
      const c = pixel(x, y);
      mask.push(distance(c, behind) >= distance(text, behind) / 2);
      if (distance(c, behind) > distance(darkest, behind)) darkest = c;
    }
  }
  return { width, height, drawn: mask.filter(Boolean).length / mask.length, mask, darkest, text };
}

/** Share of pixels two icons agree on; `turned`: the second turned over (180°). */
const sameShape = (a: DrawnIcon, b: DrawnIcon, turned: boolean) =>
  a.mask.filter((on, i) => on === b.mask[turned ? b.mask.length - 1 - i : i]).length / a.mask.length;

describe("the product page", () => {
  it("shows the product's reviews and star badge, with nothing going wrong", async () => {
    const shop = await plaudit.open(PRODUCT);
    const reviews = shop.page.locator('[data-plaudit="reviews"]');
    await expect.poll(() => reviews.locator("article").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const badgeText = () =>
      shop.page.evaluate(
        () => document.querySelector('[data-plaudit="stars"]')?.shadowRoot?.textContent ?? "",
      );
    await expect.poll(badgeText).toMatch(/\d/);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("leaves exactly one Product node in the structured data, merged with the theme's", async () => {
    const shop = await plaudit.open(PRODUCT);
    // The rating goes into the theme's own script (docs/widgets.md): no second script, no second node.
    const theme = shop.page.locator('script[type="application/ld+json"]');
    await expect.poll(async () => (await theme.allTextContents()).join()).toContain('"aggregateRating"');
    expect(await theme.count()).toBe(1);
    const products = await shop.page.evaluate(PRODUCT_NODES);
    expect(products).toEqual({ ids: ["#product-tee-classic"], anonymous: 0 });
    expect(JSON.parse((await theme.textContent()) ?? "{}").aggregateRating?.reviewCount).toBeGreaterThan(0);
    await shop.close();
  });

  it("does not shift the layout while the widgets load (CLS = 0)", async () => {
    const shop = await plaudit.open(PRODUCT);
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    const shift = await layoutShift(shop.page);
    expect(shift.total, `moved: ${shift.moved.join(" | ")}`).toBe(0);
    // The widgets' code mounts over the painted markup when the shopper reaches for them (a pointer
    // moving over is not input that excuses a shift): still nothing moves.
    await reachForReviews(shop.page);
    await expect.poll(() => widgetCodeMounted(shop.page, "stars")).toBe(true);
    const after = await layoutShift(shop.page);
    expect(after.total, `moved: ${after.moved.join(" | ")}`).toBe(0);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  // The widget's own code (RENDERED_BY_CODE) renders the first page's cards as far as they can
  // reach into view (and 300px below it); the rest when the list's end nears. Scrolled by script (no input, so every shift counts) — a jump to
  // the reviews, or a fast fling to the page's end (250px a frame: 15,000px/s) — the cards are
  // there before anything after the list comes into view: nothing seen moves.
  for (const [name, scroll] of [
    ["jumps to the reviews", `document.querySelector("#reviews").scrollIntoView()`],
    [
      "flings to the end of the page",
      `new Promise((done) => {
        const step = () => {
          const before = scrollY;
          scrollBy(0, 250);
          if (scrollY === before) done();
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      })`,
    ],
  ] as const) {
    it(`renders the cards below the fold when the shopper ${name}, with CLS 0`, async () => {
      const shop = await plaudit.open(PRODUCT, RENDERED_BY_CODE);
      const cards = shop.page.locator('[data-plaudit="reviews"] article');
      await expect.poll(() => cards.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await shop.page.waitForLoadState("networkidle");
      const first = await cards.count();
      expect(first, "cards rendered before the shopper scrolls").toBeLessThan(10);
      await shop.page.evaluate(scroll);
      await expect.poll(() => cards.count()).toBe(10);
      const shift = await layoutShift(shop.page);
      expect(shift.total, `moved: ${shift.moved.join(" | ")}`).toBe(0);
      expect(problemsButRefusedSnippet(shop)).toEqual([]);
      await shop.close();
    });
  }

  it("renders every card of the first page for printing and for keyboard focus", async () => {
    const shop = await plaudit.open(PRODUCT, RENDERED_BY_CODE);
    const cards = shop.page.locator('[data-plaudit="reviews"] article');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await cards.count()).toBeLessThan(10);
    await shop.page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    await expect.poll(() => cards.count()).toBe(10);
    await shop.close();

    const again = await plaudit.open(PRODUCT, RENDERED_BY_CODE);
    const list = again.page.locator('[data-plaudit="reviews"] article');
    await expect.poll(() => list.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await list.count()).toBeLessThan(10);
    await again.page.locator('[data-plaudit="reviews"] .plaudit-select').focus();
    await expect.poll(() => list.count()).toBe(10);
    // "Load more" comes back with the whole page.
    expect(await again.page.locator('[data-plaudit="reviews"] .plaudit-more button').count()).toBe(1);
    await again.close();
  });

  it("ends the cut list with a button a screen reader reaches without focus or scrolling", async () => {
    const shop = await plaudit.open(PRODUCT, RENDERED_BY_CODE);
    const cards = shop.page.locator('[data-plaudit="reviews"] article');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const first = await cards.count();
    expect(first).toBeLessThan(10);
    // In the accessibility tree, right after the last card shown, naming how many are not.
    const rest = shop.page.getByRole("button", { name: `Show ${10 - first} more reviews` });
    expect(await rest.count()).toBe(1);
    // A virtual cursor activates it where it is: no scroll, no focus first.
    await rest.evaluate((button: HTMLElement) => button.click());
    await expect.poll(() => cards.count()).toBe(10);
    // Focus is on the first card shown now, so reading goes on from there.
    const focused = () =>
      shop.page.evaluate(
        () => document.querySelector('[data-plaudit="reviews"]')?.shadowRoot?.activeElement?.id,
      );
    await expect.poll(focused).toBe(await cards.nth(first).getAttribute("id"));
    expect(problemsButRefusedSnippet(shop)).toEqual([]);
    await shop.close();
  });

  it("draws every star rating to its value, whatever box the stars sit in", async () => {
    const shop = await plaudit.open(PRODUCT);
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    // Every card of the first page, not only those in view.
    await shop.page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBe(10);
    await expectRowsDrawnToTheirValues(shop, { rtl: false });
    await shop.close();
  });

  it("fills the stars from the right on a right-to-left page", async () => {
    const shop = await plaudit.open("/demo/tee-classic.he.html");
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    await expectRowsDrawnToTheirValues(shop, { rtl: true });
    await shop.close();
  });

  it("keeps filled and empty stars apart in forced colors (Windows High Contrast), and in print", async () => {
    const shop = await plaudit.open(PRODUCT);
    await shop.page.emulateMedia({ forcedColors: "active" });
    // The summary's row: a fraction, so it has filled stars and an empty one.
    const row = shop.page.locator('[data-plaudit="reviews"] .plaudit-stars--20');
    const drawn = await drawnRow(row);
    // The fill ends after the first star's middle and before the last one's (starColours' samples).
    const end = fillEnd(drawn);
    expect(end).toBeGreaterThan(drawn.height / 2 + 1);
    expect(end).toBeLessThan(drawn.width - drawn.height / 2 - 1);
    const colours = starColours(drawn);
    // Both drawn (neither is what is behind the row), and not in one colour.
    expect(distance(colours.filled, drawn.background)).toBeGreaterThan(60);
    expect(distance(colours.empty, drawn.background)).toBeGreaterThan(60);
    expect(distance(colours.filled, colours.empty)).toBeGreaterThan(60);
    const kinds = columns(drawn, colours);
    expect(starsDrawn(kinds)).toBe(5);
    expect(wrongColumns(drawn, kinds)).toEqual([]);
    // Printing leaves backgrounds out unless the row asks otherwise.
    expect(await row.evaluate((element) => getComputedStyle(element).printColorAdjust)).toBe("exact");
    await shop.close();
  });
  it("draws the histogram's bars in forced colors, each to its share, painted and once its code has come", async () => {
    const shop = await plaudit.open(PRODUCT);
    await shop.page.emulateMedia({ forcedColors: "active" });
    // The 5-star bar (59 of 98 reviews on the demo).
    const bar = shop.page.locator('[data-plaudit="reviews"] .plaudit-histogram__bar').first();
    const drawnAsLaid = async () => {
      const { drawn, laid } = await drawnBar(
        bar.locator(".plaudit-histogram__track"),
        bar.locator(".plaudit-histogram__fill"),
      );
      expect(laid).toBeGreaterThan(0.1);
      expect(Math.abs(drawn - laid)).toBeLessThan(0.05);
      // Every bar laid out to its share of the reviews, to the percent (its tens and units classes).
      const shares = await shop.page.evaluate(() => {
        const root = document.querySelector('[data-plaudit="reviews"]')!.shadowRoot!;
        const number = (element: Element | null) => Number(element!.textContent!.replace(/\D/g, ""));
        const total = number(root.querySelector(".plaudit-summary__count"));
        const width = (element: Element | null) => element!.getBoundingClientRect().width;
        return [...root.querySelectorAll(".plaudit-histogram__bar")].map((bar) => {
          const share = Math.round(
            (number(bar.querySelector(".plaudit-histogram__count [aria-hidden]")) / total) * 100,
          );
          const laid =
            (width(bar.querySelector(".plaudit-histogram__fill")) /
              width(bar.querySelector(".plaudit-histogram__track"))) *
            100;
          return Math.abs(laid - share) < 0.5 ? share : `${share} % laid as ${laid} %`;
        });
      });
      expect(shares.filter((share) => typeof share === "string")).toEqual([]);
      expect(shares.reduce<number>((sum, share) => sum + Number(share), 0)).toBeGreaterThan(95);
    };
    await expect.poll(() => bar.count()).toBe(1);
    await drawnAsLaid();
    await reachForReviews(shop.page);
    await drawnAsLaid();
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("draws the cards' icons in the text's colour, the thumb down turned over, also in forced colors and in print", async () => {
    const shop = await plaudit.open(PRODUCT);
    const card = shop.page.locator('[data-plaudit="reviews"] article').first();
    await card.waitFor();
    const icons = async () => {
      const verified = await drawnIcon(card.locator(".plaudit-badge .plaudit-icon"));
      const [up, down] = await Promise.all(
        [0, 1].map((i) => drawnIcon(card.locator(".plaudit-votes .plaudit-icon").nth(i))),
      );
      for (const icon of [verified, up!, down!]) {
        // A shape: neither nothing (a refused or forced-away background) nor the whole box (the
        // check is a thin stroke: ~6% of its box).
        expect(icon.drawn).toBeGreaterThan(0.03);
        expect(icon.drawn).toBeLessThan(0.8);
        // In the colour of the text around it (fill="currentColor", as the SVGs had).
        expect(distance(icon.darkest, icon.text)).toBeLessThan(60);
      }
      expect([verified.width, up!.width, down!.width]).toEqual([14, 16, 16]);
      // The thumb down is the thumb up turned over, and the thumb up is not its own turn.
      expect(sameShape(up!, down!, true)).toBeGreaterThan(0.95);
      expect(sameShape(up!, up!, true)).toBeLessThan(0.9);
    };
    await icons();
    // Painted by the widget's own code, the same.
    await reachForReviews(shop.page);
    await icons();
    await shop.page.emulateMedia({ forcedColors: "active" });
    await icons();
    // Printing leaves backgrounds out unless the icon asks otherwise.
    expect(
      await card
        .locator(".plaudit-icon")
        .first()
        .evaluate((element) => getComputedStyle(element).printColorAdjust),
    ).toBe("exact");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("adds no globals to the page but Plaudit", async () => {
    const shop = await plaudit.open(PRODUCT, {
      // Recorded before any page script; non-enumerable, so it is not itself a new key.
      initScript: `Object.defineProperty(window, "__keysBefore", { value: Object.keys(window), enumerable: false });`,
    });
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    // The widgets' own code too, not only the paint: it loads when the shopper reaches for one.
    await reachForReviews(shop.page);
    const added = await shop.page.evaluate(() => {
      const before = new Set((window as unknown as { __keysBefore: string[] }).__keysBefore);
      return Object.keys(window).filter((key) => !before.has(key));
    });
    expect(added).toEqual(["Plaudit"]);
    await shop.close();
  });

  it("stays harmless when the loader is on the page twice", async () => {
    const shop = await plaudit.open(PRODUCT, {
      initScript: `document.addEventListener("DOMContentLoaded", () => {
        const again = document.createElement("script");
        again.src = "/plaudit.js?copy=2"; // another URL, so Chromium really runs it again
        again.dataset.store = "demo";
        document.body.append(again);
      });`,
    });
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    await shop.page.waitForLoadState("networkidle");
    expect(shop.requestsTo("/plaudit.js").map((r) => new URL(r.url()).search)).toEqual(["", "?copy=2"]);
    // One widget per host, one paint each (the reviews' snippet and the badges' batch; the list is
    // in the snippet): the second copy found the first and left.
    expect(shop.requestsTo("/v1/stores/demo/products/tee-classic/snippet")).toHaveLength(1);
    expect(shop.requestsTo("/v1/stores/demo/badges")).toHaveLength(1);
    expect(shop.requestsTo("/chunks/paint-")).toHaveLength(1);
    expect(await shop.page.locator('[data-plaudit="reviews"] article').count()).toBeLessThanOrEqual(10);
    // Reached for, each widget's code mounts once over its markup, with no list request.
    await reachForReviews(shop.page);
    expect(shop.requestsTo("/chunks/reviews-")).toHaveLength(1);
    expect(shop.requestsTo("/v1/stores/demo/products/tee-classic/reviews")).toHaveLength(0);
    expect(await shop.page.locator('[data-plaudit="reviews"] article').count()).toBe(10);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("has no accessibility violations (axe-core)", async () => {
    const shop = await plaudit.open(PRODUCT);
    await expect.poll(() => shop.page.locator('[data-plaudit="reviews"] article').count()).toBeGreaterThan(0);
    expect(await axeViolations(shop.page)).toEqual([]);
    await shop.close();
  });
});
