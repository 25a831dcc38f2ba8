// The loyalty widgets on the demo store, in Chromium against the real server: a signed-in shopper
// redeems a reward with the keyboard alone and copies the code; a review written in the reviews
// widget moves the balance on the same page. The first test signs in through the demo page (the
// server's demo-only sign-in signs a real token); the others sign one here with the demo store's
// secret (the harness sets PLAUDIT_DEMO_SECRET), as a store's own server would.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { drawnBar } from "./drawn-stars.ts";
import { harnessOfFile } from "./harness.ts";
import { balanceOf, focused, guestView, launcher, pageFor, rewardsPanel } from "./loyalty-helpers.ts";
import { axeViolations } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

// Hears the storefront events through the documented queue stub, before plaudit.js arrives.
const LISTEN = `window.__heard = [];
window.Plaudit = [
  ["on", "loyalty:redeemed", (d) => window.__heard.push({ name: "loyalty:redeemed", code: d.redemption.code, reward: d.rewardName })],
  ["on", "loyalty:updated", (d) => window.__heard.push({ name: "loyalty:updated", balance: d.balance })],
];`;

/** Presses Tab until focus is on what `wanted` matches; fails after `max` presses. */
async function tabTo(page: Page, wanted: RegExp, max = 60): Promise<string> {
  for (let i = 0; i < max; i++) {
    const now = await focused(page);
    if (wanted.test(now)) return now;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${wanted} (last: ${await focused(page)})`);
}

describe("loyalty on the demo store", () => {
  it("redeems a reward and copies its code with the keyboard alone, with 0 axe violations", async () => {
    // Signs in the way a visitor of the demo does: the page asks the server for a real signed token.
    const shop = await plaudit.open("/demo/loyalty.html", { initScript: LISTEN });
    await shop.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: plaudit.baseUrl });
    const { page } = shop;
    await tabTo(page, /^button\|Demo shopper/);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/demo/loyalty.html" && !url.search);
    await expect.poll(() => launcher(page).textContent()).toMatch(/^Rewards [\d,]+ points$/);
    const before = await balanceOf(page);

    await tabTo(page, /^button\|Rewards \d/);
    await page.keyboard.press("Enter");
    const dialog = rewardsPanel(page);
    await expect.poll(() => dialog.getByRole("progressbar").count()).toBe(1);

    await tabTo(page, /^button\|Redeem Free shipping$/);
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("h3|Redeem Free shipping?");
    await tabTo(page, /^button\|Yes, redeem$/);
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("h3|Your code for Free shipping");

    const code = await dialog.getByRole("textbox", { name: "Enter this code at checkout." }).inputValue();
    expect(code).toMatch(/\S{6,}/);
    await tabTo(page, /^button\|Copy code$/);
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog.getByRole("status").textContent()).toBe("Code copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    const heard = await page.evaluate(() => (window as unknown as { __heard: unknown[] }).__heard);
    expect(heard).toContainEqual({ name: "loyalty:redeemed", code, reward: "Free shipping" });
    expect(heard).toContainEqual({ name: "loyalty:updated", balance: before - 300 });

    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focused(page)).toMatch(/^button\|Rewards \d/);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("earns review points and moves the balance with the token given only on the script tag", async () => {
    const shop = await plaudit.open(pageFor("demo-newbie"));
    const { page } = shop;
    // The regression (issue 16): the loyalty docs put the token on the script tag alone, and the
    // reviews widget used to read only its own element — the review earned nothing.
    expect(await page.locator("script[data-customer-token]").count()).toBe(1);
    expect(await page.locator("[data-plaudit][data-customer-token]").count()).toBe(0);
    await expect.poll(() => launcher(page).textContent()).toMatch(/^Rewards [\d,]+ points?$/);
    const balance = () => balanceOf(page);
    const before = await balance();
    const points = page.locator('[data-plaudit="points"] .plaudit-points');
    await expect.poll(() => points.textContent()).toMatch(/Your balance/);

    await page.getByRole("button", { name: "Write a review" }).click();
    const form = page.getByRole("dialog");
    await form.getByRole("radio", { name: "4 stars" }).click();
    await form
      .getByLabel("Your review")
      .fill("Keeps coffee hot on cold mornings, and the enamel has not chipped.");
    await form.getByLabel("Your name").fill("Newbie");
    await form.getByLabel("Email").fill("newbie@example.com");
    await form.getByRole("button", { name: "Submit review" }).click();
    await expect.poll(() => form.textContent()).toMatch(/Thank you!/);

    const sent = shop
      .requestsTo("/v1/stores/demo/products/mug-enamel/reviews")
      .find((r) => r.method() === "POST");
    expect(sent?.postDataJSON().customerToken).toMatch(/^demo-newbie\./);
    await expect.poll(balance).toBe(before + 50);
    await expect.poll(() => points.textContent()).toContain(`${before + 50}`);
    expect(shop.requestsTo("/v1/stores/demo/loyalty/me").length).toBeGreaterThanOrEqual(2);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("draws the progress towards the next tier in forced colors (Windows High Contrast)", async () => {
    const shop = await plaudit.open(pageFor("demo-shopper"));
    await shop.page.emulateMedia({ forcedColors: "active" });
    await expect.poll(() => launcher(shop.page).textContent()).toMatch(/^Rewards [\d,]+ points$/);
    await launcher(shop.page).click();
    const progress = shop.page.getByRole("dialog", { name: "Rewards" }).getByRole("progressbar");
    await expect.poll(() => progress.count()).toBe(1);
    const { drawn, laid } = await drawnBar(progress, progress.locator(".plaudit-loyalty-progress-fill"));
    expect(laid).toBeGreaterThan(0.05);
    expect(Math.abs(drawn - laid)).toBeLessThan(0.05);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("keeps a shop's English reward name in its own order inside the Hebrew panel", async () => {
    // A Hebrew storefront (data-locale="he" on the launcher) whose program is in English.
    const shop = await plaudit.open(pageFor("demo-shopper"), {
      viewport: { width: 390, height: 800 },
      initScript: `new MutationObserver((_, watching) => {
        const host = document.querySelector('[data-plaudit="loyalty"]');
        if (host) { host.setAttribute("data-locale", "he"); watching.disconnect(); }
      }).observe(document, { childList: true, subtree: true });`,
    });
    const { page } = shop;
    await expect.poll(() => launcher(page).textContent()).toMatch(/נקודות/);
    await launcher(page).click();
    const dialog = page.getByRole("dialog", { name: "הטבות" });
    await expect.poll(() => dialog.locator("[data-reward]").count()).toBeGreaterThan(0);
    // Where "$" and the last letter of "order" are drawn: read left to right, "$5 off your order"
    // starts with its "$"; a sentence that pulled "$5" to the far end draws "$" right of "order".
    const dollarBeforeOrder = (css: string) =>
      dialog
        .locator(css)
        .first()
        .evaluate((element) => {
          const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? "";
            const dollar = text.indexOf("$5 off your order");
            if (dollar < 0) continue;
            const left = (at: number) => {
              const range = element.ownerDocument.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + 1);
              return range.getBoundingClientRect().left;
            };
            return left(dollar) < left(dollar + "$5 off your order".length - 1);
          }
          return "not found";
        });
    expect(await dollarBeforeOrder(".plaudit-loyalty-row-main:has-text('off your order')")).toBe(true);
    await dialog.getByRole("button", { name: /\$5 off your order/ }).click();
    await expect.poll(() => dialog.locator("h3[tabindex]").textContent()).toContain("$5 off your order");
    expect(await dollarBeforeOrder("h3[tabindex]")).toBe(true);
    // Its name is still the plain sentence.
    expect(
      await dialog.getByRole("heading", { name: "לממש את $5 off your order?", exact: true }).count(),
    ).toBe(1);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });

  it("shows a guest the program with join and sign-in links", async () => {
    const shop = await plaudit.open("/demo/loyalty.html");
    const { page } = shop;
    await launcher(page).click();
    const dialog = rewardsPanel(page);
    await guestView(dialog);
    expect(await dialog.getByRole("link", { name: "Sign in" }).getAttribute("href")).toMatch(
      /loyalty\.html#sign-in$/,
    );
    expect(await dialog.textContent()).toContain("Free shipping");
    expect(shop.requestsTo("/v1/stores/demo/loyalty/me")).toEqual([]);
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
