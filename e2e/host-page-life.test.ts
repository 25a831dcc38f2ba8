// What storefront pages do to widgets after they are on the page: a theme's dark-mode switch or
// language picker that rewrites a host's data-theme or data-locale, a Shopify section re-rendered
// (its HTML replaced by the same markup), a Turbo/Hotwire visit that replaces <body> while a
// dialog is open, a card cloned from a <template>, reviews in a closed <details> opened later, the
// same product's widget twice. Each page is the test's own HTML on the server's origin; what is
// checked is what the shopper sees and can do, and that nothing of ours is uncaught.
import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { harnessOfFile, SIDE_BY_SIDE } from "./harness.ts";
import { layoutShift } from "./layout-shift.ts";
import { framesOf, painted } from "./section-frames.ts";
import { openPage as openShop } from "./shop-page.ts";

const plaudit = harnessOfFile();

const openPage = (path: string, body: string, height?: number) => openShop(plaudit, path, body, height);

/** Per host in page order: its kind and what its shadow root shows (empty: nothing yet). */
const shown = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("[data-plaudit]")].map(
      (host) => `${host.dataset.plaudit}: ${(host.shadowRoot?.textContent ?? "").slice(0, 24)}`,
    ),
  );

/** The background and text colour of each widget's root, in page order. */
const colours = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("[data-plaudit]")].map((host) => {
      const root = host.shadowRoot?.querySelector(".plaudit-root");
      const style = root && getComputedStyle(root);
      return style ? `${style.backgroundColor} ${style.color}` : "";
    }),
  );

describe.concurrent("a storefront page changing after the widgets came", SIDE_BY_SIDE, () => {
  it("follows a dark-mode switch and a language picker that rewrite the hosts' data-theme and data-locale", async ({
    expect,
  }) => {
    const theme = (value: string) => `data-theme="${value}"`;
    const hosts = (value: string) =>
      `<div data-plaudit="stars" data-product-id="jeans-slim" ${theme(value)}></div>
<div data-plaudit="reviews" data-product-id="jeans-slim" data-product-name="Slim Jeans" ${theme(value)}></div>`;
    // The same hosts in each theme from the start: what the switched ones must look like.
    const light = await openPage("/light/jeans", hosts("light"));
    await expect.poll(() => shown(light.page)).toEqual(["stars: (36)", "reviews: Customer reviewsWrite a "]);
    const lightColours = await colours(light.page);
    await light.close();

    const shop = await openPage("/dark/jeans", hosts("dark"));
    const { page } = shop;
    await expect.poll(() => shown(page)).toEqual(["stars: (36)", "reviews: Customer reviewsWrite a "]);
    const darkColours = await colours(page);
    expect(darkColours).not.toEqual(lightColours);
    // The widgets' code came (the shopper reached for them), then the shop's switch.
    await page.locator('[data-plaudit="reviews"]').hover();
    await page.evaluate(() => {
      for (const host of document.querySelectorAll("[data-plaudit]"))
        host.setAttribute("data-theme", "light");
    });
    await expect.poll(() => colours(page)).toEqual(lightColours);
    await page.evaluate(() => {
      for (const host of document.querySelectorAll("[data-plaudit]")) host.setAttribute("data-locale", "de");
    });
    await expect.poll(() => shown(page)).toEqual(["stars: (36)", "reviews: KundenbewertungenBewertu"]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});

describe.concurrent("a storefront page replacing its own markup", SIDE_BY_SIDE, () => {
  const product = (id: string) =>
    `<h1>${id}</h1><section id="main-product"><div data-plaudit="stars" data-product-id="${id}"></div>
<div id="reviews" data-plaudit="reviews" data-product-id="${id}" data-product-name="${id}"></div></section><footer>Shop footer</footer>`;

  it("shows the widgets again after a Shopify section re-render, usable by keyboard, then after a Turbo visit that replaced <body> with a dialog open", async ({
    expect,
  }) => {
    const shop = await openPage("/products/tote", product("tote-organic"));
    const { page } = shop;
    await expect.poll(() => shown(page)).toEqual(["stars: (35)", "reviews: Customer reviewsWrite a "]);
    // The theme's variant picker: the section's HTML fetched again and put in place of the old.
    await page.evaluate(() => {
      const section = document.getElementById("main-product")!;
      section.innerHTML = section.innerHTML.replace(/<template[\s\S]*?<\/template>/g, "");
    });
    await expect.poll(() => shown(page)).toEqual(["stars: (35)", "reviews: Customer reviewsWrite a "]);
    // The keyboard reaches the re-rendered widget and opens its dialog.
    const focused = () =>
      page.evaluate(() => {
        const host = document.activeElement;
        return (host?.shadowRoot?.activeElement ?? host)?.textContent?.trim() ?? "";
      });
    for (let presses = 0; (await focused()) !== "Write a review"; presses++) {
      if (presses > 30) throw new Error("Tab never reached Write a review");
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    const reviews = page.locator('[data-plaudit="reviews"]');
    await reviews.getByRole("dialog").getByRole("radio", { name: "5 stars" }).waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe("hidden");

    // Turbo Drive's visit: a new <body> in place of the old, the dialog still open in it.
    await page.evaluate((html) => {
      const body = document.createElement("body");
      body.innerHTML = html;
      document.documentElement.replaceChild(body, document.body);
      history.pushState({}, "", "/products/hoodie");
    }, product("hoodie-zip"));
    await expect.poll(() => shown(page)).toEqual(["stars: (40)", "reviews: Customer reviewsWrite a "]);
    // The page scrolls again: the gone dialog's scroll lock went with it.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe("visible");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("keeps a re-rendered section's widgets showing in every frame, nothing below them moving (a theme's variant picker)", async ({
    expect,
  }) => {
    // A phone-height view: the footer is below it until the shopper scrolls to it.
    const shop = await openPage("/products/tote-section", product("tote-organic"), 720);
    const { page } = shop;
    // Painted, the badge and every card in (they come a few per frame; the badge with its own
    // request); then scrolled to the footer, and the section re-rendered: each frame from the
    // re-render on, as it is drawn, reads as the frame before it (the badge showing, the reviews'
    // height and cards, where the footer is), the page scrolled where it was.
    await painted(page);
    const reRender = `section.innerHTML = html.replace(/<template[\\s\\S]*?<\\/template>/g, "");`;
    const frames = await framesOf(page, reRender);
    expect(frames.before).toMatch(/^badge shown, /);
    expect(frames.after).toEqual(frames.after.map(() => frames.before));
    expect(frames.scrolled[1]).toBe(frames.scrolled[0]);
    expect(await layoutShift(page)).toEqual({ total: 0, moved: [] });
    // Still the shop's widgets: the shopper reaches for the reviews and their code comes.
    const reviews = page.locator("#reviews");
    await reviews.getByRole("button", { name: "Write a review" }).click();
    await reviews.getByRole("dialog").getByRole("radio", { name: "5 stars" }).waitFor();
    await page.keyboard.press("Escape");
    await reviews.getByRole("dialog").waitFor({ state: "detached" });
    // Re-rendered again with the widgets' code running: the same in every frame as before.
    expect(await framesOf(page, reRender)).toEqual(frames);
    await reviews.getByRole("button", { name: "Write a review" }).click();
    await reviews.getByRole("dialog").getByRole("radio", { name: "5 stars" }).waitFor();
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("shows a card cloned from a <template>, reviews in a closed <details> once opened, and the same product's reviews twice with one JSON-LD", async ({
    expect,
  }) => {
    const shop = await openPage(
      "/products/mug",
      `<div data-plaudit="stars" data-product-id="mug-enamel"></div>
<div id="recently-viewed"></div>
<div data-plaudit="reviews" data-product-id="mug-enamel" data-product-name="Enamel Mug"></div>
<details id="more"><summary>All reviews</summary>
<div data-plaudit="reviews" data-product-id="mug-enamel" data-product-name="Enamel Mug"></div></details>
<template id="card"><div class="card"><div data-plaudit="stars" data-product-id="cap-canvas"></div></div></template>`,
    );
    const { page } = shop;
    await expect
      .poll(() => shown(page))
      .toEqual(["stars: (24)", "reviews: Customer reviewsWrite a ", "reviews: "]);
    // The theme's "recently viewed" strip, built from a template; the shopper opens the details.
    await page.evaluate(() => {
      const card = (document.getElementById("card") as HTMLTemplateElement).content.cloneNode(true);
      document.getElementById("recently-viewed")!.append(card);
      (document.getElementById("more") as HTMLDetailsElement).open = true;
    });
    await expect
      .poll(() => shown(page))
      .toEqual([
        "stars: (24)",
        "stars: (29)",
        "reviews: Customer reviewsWrite a ",
        "reviews: Customer reviewsWrite a ",
      ]);
    // Both lists come alive; the product's structured data is written once.
    await page.locator("#more [data-plaudit]").hover();
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll('script[type="application/ld+json"]')].map(
            (script) => JSON.parse(script.textContent ?? "").productID,
          ),
        ),
      )
      .toEqual(["mug-enamel"]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
