// The review-requests screen's list in Chromium: requests made by fulfilled orders, filtered by
// status, "Send now" and "Cancel request" each confirmed on the screen and read back from the API;
// axe-core over the list in English and Hebrew. The server has PLAUDIT_PUBLIC_URL (requests can be
// turned on) and no mail server: requests wait 60 days, so none is attempted meanwhile.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { adminApi, screenshot, signInThroughInvite } from "./admin-helpers.ts";
import { harnessOfFile } from "./harness.ts";
import { axeViolations } from "./reviews-widget-helpers.ts";

const before = process.env.PLAUDIT_PUBLIC_URL;
process.env.PLAUDIT_PUBLIC_URL = "http://127.0.0.1:9";
afterAll(() => {
  if (before === undefined) delete process.env.PLAUDIT_PUBLIC_URL;
  else process.env.PLAUDIT_PUBLIC_URL = before;
});

const plaudit = harnessOfFile();

/** A fulfilled order with an address: its review request (scheduled 60 days on). */
async function requestFor(orderId: string): Promise<{ id: string; status: string }> {
  const order = {
    orderId,
    customerId: `c-${orderId}`,
    email: `${orderId}@example.com`,
    fulfilledAt: new Date().toISOString(),
    total: 10,
    currency: "EUR",
    items: [{ productId: "tee-classic", quantity: 1, price: 10 }],
  };
  const made = await adminApi(plaudit, "POST", "/v1/admin/orders", order);
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  let found: { id: string; status: string; orderId: string } | undefined;
  await expect
    .poll(async () => {
      const list = await adminApi(plaudit, "GET", "/v1/admin/review-requests");
      found = list.json.items.find((r: { orderId: string }) => r.orderId === orderId);
      return found?.status;
    })
    .toBe("scheduled");
  return found as { id: string; status: string };
}

const statusOf = async (id: string) =>
  (await adminApi(plaudit, "GET", "/v1/admin/review-requests")).json.items.find(
    (r: { id: string }) => r.id === id,
  );

const row = (page: Page, orderId: string) => page.locator("table.request-list tr", { hasText: orderId });

describe("the list of review requests in the admin app", () => {
  it("filters, sends one now and cancels one, each confirmed and read back from the API", async () => {
    const settings = await adminApi(plaudit, "PUT", "/v1/admin/review-requests/settings", {
      enabled: true,
      delayDays: 60,
      from: { name: "Demo shop", email: "hello@shop.example" },
    });
    expect(settings.status, JSON.stringify(settings.json)).toBe(200);
    const sendMe = await requestFor("o-send-me");
    const cancelMe = await requestFor("o-cancel-me");

    const shop = await signInThroughInvite(plaudit, "owner", "list-owner@demo.example");
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/requests`);
    await row(page, "o-cancel-me").waitFor();
    expect(await row(page, "o-send-me").textContent()).toContain("o-send-me@example.com");
    // What each asks about: the order's product by the catalog's name, its id beside (the demo
    // catalog names it without a page: no link).
    const catalog = (await adminApi(plaudit, "GET", "/v1/admin/products")).json.items.find(
      (p: { productId: string }) => p.productId === "tee-classic",
    );
    expect(catalog).toMatchObject({ name: expect.any(String), url: null });
    const product = row(page, "o-send-me").locator(".request-products li");
    expect(await product.allTextContents()).toEqual([`${catalog.name} (tee-classic)`]);

    await page.getByLabel("Status").selectOption("canceled");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("No review requests here.").waitFor();
    expect(page.url()).toContain("#/requests?status=canceled");
    await page.getByLabel("Status").selectOption("scheduled");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await row(page, "o-send-me").waitFor();

    await row(page, "o-cancel-me")
      .getByRole("button", { name: /^Cancel request/ })
      .click();
    await page
      .locator(".requests-list [role=status]", { hasText: "is canceled: nothing more is sent for it" })
      .waitFor();
    expect(await row(page, "o-cancel-me").textContent()).toContain("Canceled");
    // Its buttons went with it: the focus is on its row, not the page.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("o-cancel-me");
    expect((await statusOf(cancelMe.id)).status).toBe("canceled");

    const due = Date.parse((await statusOf(sendMe.id)).scheduledFor);
    await row(page, "o-send-me")
      .getByRole("button", { name: /^Send now/ })
      .click();
    await page.locator(".requests-list [role=status]", { hasText: "goes out now" }).waitFor();
    // Due now, not in 60 days (this server has no mail server to send it with).
    expect(Date.parse((await statusOf(sendMe.id)).scheduledFor)).toBeLessThan(due - 86_400_000);
    await screenshot(page, "requests-list");
    expect(shop.problems()).toEqual([]);
  });

  it.each(["en", "he"] as const)(
    "has no axe-core violations with requests listed, in %s, and fits 360 px",
    async (locale) => {
      await requestFor(`o-axe-${locale}`);
      const shop = await signInThroughInvite(plaudit, "owner", `list-axe-${locale}@demo.example`, {
        locale,
        viewport: { width: 360, height: 740 },
      });
      const { page } = shop;
      await page.goto(`${plaudit.baseUrl}/admin/#/requests`);
      await row(page, `o-axe-${locale}`).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      expect(shop.problems()).toEqual([]);
    },
  );
});
