// Each of the six widget kinds mounts all three ways in Chromium against the real server, on the
// seeded demo store: a data-plaudit host found by plaudit.js, an npm mount call and a custom
// element (both from @plaudit/embed's built package, bundled here the way a storefront's bundler
// would). Each way gets a page of its own, served from the server's origin, so each stands alone.
import { join } from "node:path";
import { signCustomerToken } from "@plaudit/server";
import type { Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SECRET, type Harness, repoRoot, type ShopPage, startHarness } from "./harness.ts";

let plaudit: Harness;
let bundle: string;
const token = signCustomerToken(DEMO_SECRET, "demo-vip");

beforeAll(async () => {
  plaudit = await startHarness();
  const built = await build({
    configFile: false,
    logLevel: "warn",
    root: repoRoot,
    build: {
      write: false,
      minify: false,
      lib: { entry: join(repoRoot, "e2e/npm-widgets-entry.ts"), formats: ["iife"], name: "PlauditNpm" },
    },
  });
  const output = (Array.isArray(built) ? built[0] : built) as { output: { code?: string }[] };
  bundle = output.output[0]?.code ?? "";
  expect(bundle).toContain("plaudit-");
});
afterAll(async () => {
  await plaudit?.close();
});

type Kind = "reviews" | "stars" | "gallery" | "loyalty" | "points" | "points-for";
const KINDS: Kind[] = ["reviews", "stars", "gallery", "loyalty", "points", "points-for"];

/** What each kind needs besides the store (attribute names as on a custom element). */
const NEEDS: Record<Kind, Record<string, string>> = {
  reviews: { "product-id": "tee-classic" },
  stars: { "product-id": "tee-classic" },
  gallery: {},
  loyalty: {},
  points: {},
  "points-for": { amount: "49.99" },
};
const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

const hostsHtml = (kind: Kind, attributes: (name: string, value: string) => string) =>
  Object.entries(NEEDS[kind])
    .map(([name, value]) => attributes(name, value))
    .join(" ");

/** The three pages, one per way, each with all six kinds. */
function pageHtml(way: "data" | "npm" | "element"): string {
  const api = plaudit.baseUrl;
  if (way === "data") {
    const hosts = KINDS.map(
      (kind) =>
        `<div id="${kind}" data-plaudit="${kind}" ${hostsHtml(kind, (n, v) => `data-${n}="${v}"`)}></div>`,
    ).join("\n");
    return `<!doctype html><html lang="en"><head><title>data</title>
<script src="/plaudit.js" data-store="demo" data-customer-token="${token}" async></script></head>
<body>${hosts}</body></html>`;
  }
  if (way === "npm") {
    const hosts = KINDS.map((kind) => `<div id="${kind}"></div>`).join("\n");
    const calls = KINDS.map((kind) => {
      const fn = `mount${kind === "points-for" ? "PointsFor" : kind[0]!.toUpperCase() + kind.slice(1)}`;
      const options: Record<string, unknown> = { store: "demo", apiBase: api, customerToken: token };
      for (const [name, value] of Object.entries(NEEDS[kind]))
        options[camel(name)] = name === "amount" ? Number(value) : value;
      return `PlauditNpm.${fn}(document.getElementById(${JSON.stringify(kind)}), ${JSON.stringify(options)});`;
    }).join("\n");
    return `<!doctype html><html lang="en"><head><title>npm</title><script src="/e2e/npm-widgets.js"></script></head>
<body>${hosts}<script>${calls}</script></body></html>`;
  }
  const elements = KINDS.map(
    (kind) =>
      `<plaudit-${kind} id="${kind}" store="demo" api="${api}" customer-token="${token}" ${hostsHtml(kind, (n, v) => `${n}="${v}"`)}></plaudit-${kind}>`,
  ).join("\n");
  return `<!doctype html><html lang="en"><head><title>element</title><script src="/e2e/npm-widgets.js"></script></head>
<body>${elements}<script>PlauditNpm.defineElements();</script></body></html>`;
}

/** Custom elements with a wrong attribute value: a theme it does not have, a page size of "abc". */
function wrongAttributesHtml(): string {
  const api = plaudit.baseUrl;
  return `<!doctype html><html lang="en"><head><title>wrong</title><script src="/e2e/npm-widgets.js"></script></head>
<body><plaudit-stars id="stars" store="demo" api="${api}" product-id="tee-classic" theme="neon"></plaudit-stars>
<plaudit-gallery id="gallery" store="demo" api="${api}" page-size="abc"></plaudit-gallery>
<script>PlauditNpm.defineElements();</script></body></html>`;
}

async function openWay(way: "data" | "npm" | "element" | "wrong"): Promise<ShopPage> {
  // A page of the server's own origin (the demo store's), then the test's page routed in.
  const shop = await plaudit.open("/demo/index.html");
  await shop.page.route(`${plaudit.baseUrl}/e2e/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    return path.endsWith(".js")
      ? route.fulfill({ body: bundle, contentType: "text/javascript" })
      : route.fulfill({
          body: way === "wrong" ? wrongAttributesHtml() : pageHtml(way),
          contentType: "text/html",
        });
  });
  await shop.page.goto(`${plaudit.baseUrl}/e2e/${way}.html`);
  await shop.page.waitForLoadState("networkidle");
  return shop;
}

/** The visible text of a widget's shadow root, and how many images and buttons it shows. */
const shown = (page: Page, kind: Kind) =>
  page.evaluate((id) => {
    const root = document.getElementById(id)?.shadowRoot;
    return {
      text: (root?.textContent ?? "").replace(/\s+/g, " ").trim(),
      images: root?.querySelectorAll("img").length ?? 0,
      buttons: root?.querySelectorAll("button").length ?? 0,
      label: root?.querySelector("[aria-label]")?.getAttribute("aria-label") ?? "",
    };
  }, kind);

/** What each kind shows of the seeded demo: enough to know it read the store's real data. */
async function expectShown(page: Page, kind: Kind, way: string) {
  const check = async () => {
    const got = await shown(page, kind);
    switch (kind) {
      case "reviews":
        return /review/i.test(got.text) && got.buttons > 0;
      case "stars":
        return /out of 5/i.test(`${got.label} ${got.text}`);
      case "gallery":
        return got.images > 0;
      case "loyalty":
        return got.buttons > 0 && got.text.length > 0;
      case "points":
        return /\d/.test(got.text);
      case "points-for":
        return /\b50\b/.test(got.text);
    }
  };
  await expect
    .poll(check, {
      message: `${kind} by ${way}: ${JSON.stringify(await shown(page, kind))}`,
      timeout: 30_000,
    })
    .toBe(true);
}

describe("every widget kind, three ways, in Chromium", () => {
  for (const way of ["data", "npm", "element"] as const) {
    it(`mounts all six kinds from ${way === "data" ? "data attributes" : way === "npm" ? "npm calls" : "custom elements"}`, async () => {
      const shop = await openWay(way);
      for (const kind of KINDS) await expectShown(shop.page, kind, way);
      expect(shop.problems()).toEqual([]);
      await shop.close();
    });
  }

  it("says a wrong attribute value of a custom element as the script tag does, and never throws into the page", async () => {
    const shop = await openWay("wrong");
    // The page size falls back to the gallery's own; the badge waits for a theme it has.
    await expectShown(shop.page, "gallery", "element with page-size abc");
    expect(await shop.page.evaluate(() => document.getElementById("stars")?.shadowRoot ?? null)).toBeNull();
    expect(shop.pageErrors).toEqual([]);
    expect(shop.consoleErrors).toEqual([
      expect.stringContaining(
        'console.error: [plaudit] theme="neon" on <plaudit-stars>: use "light", "dark" or "auto"',
      ),
      expect.stringContaining(
        'console.error: [plaudit] page-size="abc" on <plaudit-gallery> is not a page size it shows',
      ),
    ]);
    await shop.page.evaluate(() => document.getElementById("stars")?.setAttribute("theme", "dark"));
    await expectShown(shop.page, "stars", "element with its theme fixed");
    expect(shop.pageErrors).toEqual([]);
    await shop.close();
  });
});
