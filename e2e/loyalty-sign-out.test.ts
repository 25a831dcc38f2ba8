// A single-page storefront signs the shopper out (or another one in) without a page load: the
// loyalty widgets must drop the last shopper's figures at once — the launcher's balance, the
// inline balance, the open panel — and show the guest view, or the next shopper's. The documented
// ways (docs/widgets.md, "Signing in and out without a page load"): Plaudit.identify(token | null),
// store.identifyShopper(null) for npm pages, or the markup's data-customer-token removed/changed.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { harnessOfFile } from "./harness.ts";
import {
  balanceOf,
  focused,
  guestView,
  launcher,
  pageFor,
  rewardsPanel,
  tokenFor,
} from "./loyalty-helpers.ts";

const plaudit = harnessOfFile();
const inlineBalance = (page: Page) =>
  page.locator('[data-plaudit="points"]').evaluate((host) => host.shadowRoot?.textContent?.trim() ?? "");

describe("signing the shopper out and in without a page load", () => {
  it("Plaudit.identify(null) shows the guest view everywhere, the open panel included; identify(token) the next shopper's", async () => {
    const shop = await plaudit.open(pageFor("demo-shopper"));
    const { page } = shop;
    await expect.poll(() => launcher(page).textContent()).toMatch(/^Rewards [\d,]+ points$/);
    const shopperPoints = await balanceOf(page);
    await expect.poll(() => inlineBalance(page)).toMatch(/Your balance/);
    await launcher(page).click();
    const dialog = rewardsPanel(page);
    await expect.poll(() => dialog.getByRole("progressbar").count()).toBe(1);
    // Half-way through redeeming: focus is on the confirm step's heading when the sign-out comes.
    await dialog.getByRole("button", { name: "Redeem Free shipping" }).click();
    await expect.poll(() => focused(page)).toBe("h3|Redeem Free shipping?");

    await page.evaluate(() =>
      (window as unknown as { Plaudit: { identify(t: null): void } }).Plaudit.identify(null),
    );
    // The open panel turns into the guest view: the program and the join / sign-in links, none of
    // the last shopper's balance, tier or history.
    await guestView(dialog);
    expect(await dialog.getByRole("progressbar").count()).toBe(0);
    expect(await dialog.textContent()).not.toContain(shopperPoints.toLocaleString("en"));
    // Focus stays in the modal (it fell to the page's <body> when the step that held it went).
    await expect.poll(() => focused(page)).toBe("a|Join now");
    await page.keyboard.press("Escape");
    await expect.poll(() => launcher(page).textContent()).toBe("Rewards ");
    await expect.poll(() => inlineBalance(page)).toBe("");
    expect(await page.locator("script[data-customer-token]").getAttribute("data-customer-token")).toBe("");
    // Opening it again asks nothing for anyone.
    const asked = shop.requestsTo("/v1/stores/demo/loyalty/me").length;
    await launcher(page).click();
    await guestView(dialog);
    await page.keyboard.press("Escape");
    expect(shop.requestsTo("/v1/stores/demo/loyalty/me").length).toBe(asked);

    // Another shopper signs in: theirs, never the first one's.
    const vip = tokenFor("demo-vip");
    await page.evaluate(
      (t) => (window as unknown as { Plaudit: { identify(t: string): void } }).Plaudit.identify(t),
      vip,
    );
    await expect.poll(() => launcher(page).textContent()).toMatch(/^Rewards [\d,]+ points$/);
    await expect.poll(() => inlineBalance(page)).toMatch(/Your balance/);
    const last = shop.requestsTo("/v1/stores/demo/loyalty/me").at(-1);
    expect(last?.headers()["x-plaudit-customer"]).toBe(vip);
    expect(await page.locator("script[data-customer-token]").getAttribute("data-customer-token")).toBe(vip);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("notices the script tag's data-customer-token removed, and a new one set", async () => {
    const shop = await plaudit.open(pageFor("demo-shopper"));
    const { page } = shop;
    await expect.poll(() => launcher(page).textContent()).toMatch(/^Rewards [\d,]+ points$/);
    await page.evaluate(() =>
      document.querySelector("script[data-customer-token]")!.removeAttribute("data-customer-token"),
    );
    await expect.poll(() => launcher(page).textContent()).toBe("Rewards ");
    await expect.poll(() => inlineBalance(page)).toBe("");
    await launcher(page).click();
    const dialog = rewardsPanel(page);
    await guestView(dialog);
    await page.keyboard.press("Escape");

    const newbie = tokenFor("demo-newbie");
    await page.evaluate(
      (t) => document.querySelector('script[src$="plaudit.js"]')!.setAttribute("data-customer-token", t),
      newbie,
    );
    await expect.poll(() => launcher(page).textContent()).toMatch(/^Rewards [\d,]+ points?$/);
    expect(shop.requestsTo("/v1/stores/demo/loyalty/me").at(-1)?.headers()["x-plaudit-customer"]).toBe(
      newbie,
    );
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("notices a widget host's own data-customer-token removed", async () => {
    // The token on the launcher's element, not on the script tag (docs/widgets.md allows both).
    const token = tokenFor("demo-shopper");
    const shop = await plaudit.open("/demo/loyalty.html", {
      initScript: `new MutationObserver((_, watching) => {
        const host = document.querySelector('[data-plaudit="loyalty"]');
        if (host) { host.setAttribute("data-customer-token", ${JSON.stringify(token)}); watching.disconnect(); }
      }).observe(document, { childList: true, subtree: true });`,
    });
    const { page } = shop;
    await expect.poll(() => launcher(page).textContent()).toMatch(/^Rewards [\d,]+ points$/);
    await page.evaluate(() =>
      document.querySelector('[data-plaudit="loyalty"]')!.removeAttribute("data-customer-token"),
    );
    await expect.poll(() => launcher(page).textContent()).toBe("Rewards ");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
