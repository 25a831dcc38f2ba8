// Shared by the loyalty browser tests: the demo's rewards page for a signed-in shopper, the
// launcher and its panel, and where focus is (through shadow roots).
import { signCustomerToken } from "@plaudit/server";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO_SECRET } from "./harness.ts";

/** A customer token the demo store's own server would sign for `customerId`. */
export const tokenFor = (customerId: string) => signCustomerToken(DEMO_SECRET, customerId);

/** The demo's rewards page with `customerId` signed in (the token in the page's query). */
export const pageFor = (customerId: string) =>
  `/demo/loyalty.html?customer-token=${encodeURIComponent(tokenFor(customerId))}`;

export const launcher = (page: Page) => page.locator('[data-plaudit="loyalty"] .plaudit-launcher');

/** The points the launcher shows. */
export const balanceOf = async (page: Page) =>
  Number((await launcher(page).textContent())!.replace(/\D/g, ""));

export const rewardsPanel = (page: Page) => page.getByRole("dialog", { name: "Rewards" });

/** Waits until the panel shows the guest view (its Join now link). */
export const guestView = (panel: Locator) =>
  expect.poll(() => panel.getByRole("link", { name: "Join now" }).count()).toBe(1);

/** What has focus, through shadow roots: "tag|accessible text". */
export const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return "";
    const name = el.getAttribute("aria-label") || (el instanceof HTMLInputElement ? el.value : "");
    return `${el.localName}|${name || el.textContent?.trim() || ""}`;
  });
