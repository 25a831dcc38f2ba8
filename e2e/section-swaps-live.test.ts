// A storefront re-rendering a section that holds widgets whose code is live (no server paint): the
// gallery, the loyalty launcher and the points widgets. What the shopper sees in each frame from the
// moment the new hosts are in must read as the frame before — nothing blank, nothing below moving —
// with no second read of data the page already had; and SPA cases a storefront developer expects to
// just work: a host moved, the same section back and forth within a frame, the keyboard kept.
import { signCustomerToken } from "@plaudit/server";
import { chromium, type Page } from "playwright-core";
import { describe, it } from "vitest";
import { CHROMIUM_LAUNCH } from "../scripts/chromium.mjs";
import { DEMO_SECRET, harnessOfFile, SIDE_BY_SIDE } from "./harness.ts";
import { framesOf, reRender } from "./section-frames.ts";
import { openPage } from "./shop-page.ts";

const plaudit = harnessOfFile();

const token = signCustomerToken(DEMO_SECRET, "swaps-live-shopper");
const section = (variant: string) =>
  `<h1>Tote</h1><section id="main-product">
<div data-plaudit="gallery" data-page-size="6" data-variant-id="${variant}" style="display:block;min-height:200px"></div>
<p>Earn <span data-plaudit="points-for" data-amount="49.99" data-variant-id="${variant}"></span> with this tote.
You have <span data-plaudit="points" data-customer-token="${token}"></span>.</p>
<div data-plaudit="loyalty" data-launcher="inline" data-customer-token="${token}" data-variant-id="${variant}"></div>
</section><footer>Shop footer</footer>`;

/** What a frame shows of each widget: its text and its box, and where the footer is. */
const drawn = () => {
  const shown = [...document.querySelectorAll<HTMLElement>("[data-plaudit]")].map((host) => {
    const root = host.shadowRoot;
    const tiles = root?.querySelectorAll("img").length ?? 0;
    const text = (root?.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
    return `${host.dataset.plaudit}: "${text}" ${tiles} images ${host.offsetWidth}×${host.offsetHeight}`;
  });
  return [
    ...shown,
    `footer at ${document.querySelector("footer")!.getBoundingClientRect().top + scrollY}`,
  ].join(" | ");
};

/** Waits until every widget shows its content: the gallery's photos, the balance, the points. */
async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const text = (kind: string) =>
      document.querySelector(`[data-plaudit="${kind}"]`)?.shadowRoot?.textContent ?? "";
    const gallery = document.querySelector('[data-plaudit="gallery"]')?.shadowRoot;
    return (
      (gallery?.querySelectorAll("img").length ?? 0) > 0 &&
      /\d/.test(text("points")) &&
      /\d/.test(text("points-for")) &&
      /\d/.test(text("loyalty"))
    );
  });
}

/** The API reads the page makes from now on (by path, without the query). */
function readsOf(page: Page) {
  const reads: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/v1/")) reads.push(url.pathname);
  });
  return reads;
}

describe.concurrent("live widgets through a section re-render", SIDE_BY_SIDE, () => {
  for (const [name, swap] of [
    [
      "the section re-rendered with a variant's id on the hosts",
      `section.innerHTML = html.replaceAll('data-variant-id="101"', 'data-variant-id="102"');`,
    ],
    [
      "the old hosts gone a round trip before the new ones come (remove, fetch, insert)",
      `section.replaceChildren(); await fetched(); inserted(); section.innerHTML = html;`,
    ],
    [
      "the new section in and out and back within a frame (A → B → A)",
      `section.innerHTML = html.replaceAll('data-amount="49.99"', 'data-amount="5"'); section.innerHTML = html;`,
    ],
  ] as const) {
    it(`the gallery, the launcher and the points show in every frame: ${name}`, async ({ expect }) => {
      const shop = await openPage(plaudit, `/products/tote-live-${name.length}`, section("101"), 720);
      const { page } = shop;
      await ready(page);
      const reads = readsOf(page);
      const frames = await framesOf(page, swap, drawn);
      expect(frames.before).toMatch(/gallery: ".*" [1-9]\d* images/);
      expect(frames.after).toEqual(frames.after.map(() => frames.before));
      // What the page had already is not read again.
      await page.waitForTimeout(300);
      expect(reads).toEqual([]);
      expect(frames.shifted).toBe(0);
      expect(shop.problems()).toEqual([]);
      await shop.close();
    });
  }

  it("a host moved elsewhere in the page keeps its widget: no remount, no read", async ({ expect }) => {
    const shop = await openPage(
      plaudit,
      "/products/tote-moved",
      `<aside id="side"></aside>${section("101")}`,
      720,
    );
    const { page } = shop;
    await ready(page);
    const reads = readsOf(page);
    const mounted = await page.evaluate(() => {
      let count = 0;
      (window as unknown as { Plaudit: { on(name: string, fn: () => void): void } }).Plaudit.on(
        "widget:mounted",
        () => count++,
      );
      const gallery = document.querySelector('[data-plaudit="gallery"]')!;
      document.getElementById("side")!.append(gallery);
      return new Promise<number>((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => done(count))),
      );
    });
    expect(mounted).toBe(0);
    expect(
      await page.evaluate(
        () =>
          document.querySelector('#side [data-plaudit="gallery"]')!.shadowRoot!.querySelectorAll("img")
            .length,
      ),
    ).toBeGreaterThan(0);
    expect(reads).toEqual([]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("keeps the keyboard on the launcher through a re-render, and puts it there when the panel it was in is gone", async ({
    expect,
  }) => {
    const shop = await openPage(plaudit, "/products/tote-live-focus", section("101"), 720);
    const { page } = shop;
    await ready(page);
    const focused = () =>
      page.evaluate(() => {
        const host = document.activeElement as HTMLElement | null;
        const inner = host?.shadowRoot?.activeElement;
        return `${host?.dataset.plaudit ?? host?.tagName}: ${inner?.tagName ?? ""}`;
      });
    await page.locator('[data-plaudit="loyalty"]').getByRole("button").first().focus();
    expect(await focused()).toBe("loyalty: BUTTON");
    await reRender(page, "102");
    expect(await focused()).toBe("loyalty: BUTTON");
    // The next Tab goes on from the launcher, not from the page's top.
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toMatch(/^gallery: /);
    // In the panel (a modal dialog, gone with its host): the keyboard lands on the launcher.
    await page.locator('[data-plaudit="loyalty"]').getByRole("button").first().press("Enter");
    await page.locator('[data-plaudit="loyalty"]').getByRole("dialog").waitFor();
    expect(await focused()).toMatch(/^loyalty: /);
    const inPanel = await page.evaluate(
      () =>
        document.querySelector('[data-plaudit="loyalty"]')!.shadowRoot!.activeElement?.closest("dialog") !==
        null,
    );
    expect(inPanel).toBe(true);
    await reRender(page, "103");
    expect(await focused()).toBe("loyalty: BUTTON");
    expect(
      await page.evaluate(
        () => document.querySelector('[data-plaudit="loyalty"]')!.shadowRoot!.activeElement?.className,
      ),
    ).toBe("plaudit-launcher");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("comes back from the back/forward cache as it was left, still following the page's swaps", async ({
    expect,
  }) => {
    // playwright turns the cache off by default; a shopper's browser has it on.
    const browser = await chromium.launch({
      ...CHROMIUM_LAUNCH,
      ignoreDefaultArgs: ["--disable-back-forward-cache"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      await page.goto(`${plaudit.baseUrl}/demo/gallery.html`);
      const tiles = () =>
        page.evaluate(
          () =>
            document.querySelector('[data-plaudit="gallery"]')?.shadowRoot?.querySelectorAll("img").length ??
            0,
        );
      await expect.poll(tiles).toBeGreaterThan(0);
      const shown = await tiles();
      await page.evaluate(() =>
        addEventListener("pageshow", (event) => {
          (window as unknown as { restored?: boolean }).restored = event.persisted;
        }),
      );
      await page.goto(`${plaudit.baseUrl}/demo/collection.html`);
      await page.goBack({ waitUntil: "commit" });
      await page.waitForFunction(() => document.readyState === "complete");
      // Restored from the cache (nothing of ours bars a page from it: no unload listener), not loaded anew.
      expect(await page.evaluate(() => (window as unknown as { restored?: boolean }).restored)).toBe(true);
      expect(await tiles()).toBe(shown);
      const reads: string[] = [];
      page.on("request", (request) => request.url().includes("/v1/") && reads.push(request.url()));
      // The page's observer still follows it: a host swapped for an equal one shows at once.
      const after = await page.evaluate(() => {
        const gallery = document.querySelector('[data-plaudit="gallery"]')!;
        gallery.replaceWith(gallery.cloneNode());
        return new Promise<number>((done) =>
          requestAnimationFrame(() =>
            done(
              document.querySelector('[data-plaudit="gallery"]')!.shadowRoot?.querySelectorAll("img")
                .length ?? 0,
            ),
          ),
        );
      });
      expect(after).toBe(shown);
      expect(reads).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
