// The privacy requests screen in Chromium (on SQLite, and on PostgreSQL in the e2e-postgres
// project): support finds a shopper by address, downloads the export (the file's JSON holds their
// review), erases them after typing the address again (the API then shows the review under
// "Former customer" and holds nothing more about the address); a moderator is not offered the
// screen; a customer's page leads to it with the customer looked up, a lookup and a download
// recorded apart in the audit log; and axe-core finds nothing on it in English, German and Hebrew
// (right to left).
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { adminApi, screenshot, signInThroughInvite } from "./admin-helpers.ts";
import { harnessOfFile, SIDE_BY_SIDE } from "./harness.ts";
import { axeViolations } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

/** A shopper's published review and order: the review's id. */
async function shopper(email: string, customerId: string, title: string): Promise<string> {
  const res = await fetch(`${plaudit.baseUrl}/v1/stores/demo/products/tee-classic/reviews`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      rating: 4,
      title,
      body: "Soft, and it kept its shape after washing.",
      author: { name: "Rosa Privat", email },
    }),
  });
  const json = (await res.json()) as { review: { id: string } };
  expect(res.status, JSON.stringify(json)).toBe(201);
  const order = {
    orderId: `o-${customerId}`,
    customerId,
    email,
    total: 20,
    currency: "EUR",
    items: [{ productId: "tee-classic", quantity: 1, price: 20 }],
  };
  const placed = await adminApi(plaudit, "POST", "/v1/admin/orders", order);
  expect(placed.status, JSON.stringify(placed.json)).toBe(201);
  return json.review.id;
}

/** Types who to find and presses Enter: the person's card once shown. */
async function findPerson(page: Page, who: string) {
  await page.locator("header.top nav a[href='#/privacy']").click();
  await page.locator("form.privacy-find input[name=subject]").fill(who);
  await page.keyboard.press("Enter");
  await page.locator("article.privacy-person").waitFor();
}

describe("privacy requests", () => {
  it("support downloads everything held about a shopper, then erases them", async () => {
    const email = "rosa.privat@example.com";
    const title = "Rosa's tee, after ten washes";
    const reviewId = await shopper(email, "c-rosa", title);
    const shop = await signInThroughInvite(plaudit, "support", "privacy-support@demo.example");
    const { page } = shop;
    await findPerson(page, email);
    expect(await page.locator(".privacy-person dd").allTextContents()).toEqual(["c-rosa", email]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".privacy-person .actions button").first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^plaudit-export-demo-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await readFile(await download.path(), "utf8"));
    expect(file.person).toEqual({ customerIds: ["c-rosa"], emails: [email] });
    expect(file.reviews.map((r: { id: string; title: string }) => [r.id, r.title])).toEqual([
      [reviewId, title],
    ]);
    expect(file.orders.map((o: { orderId: string }) => o.orderId)).toEqual(["o-c-rosa"]);
    await page.locator(".privacy > [role=status]", { hasText: download.suggestedFilename() }).waitFor();

    await page.locator(".privacy-person button.danger").click();
    const dialog = page.locator("dialog[open]");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("This cannot be undone.");
    // Anything but the address refuses, and nothing is sent.
    await dialog.locator("input[name=confirm]").fill("rosa@example.com");
    await page.keyboard.press("Enter");
    await dialog.locator(".error").waitFor();
    expect((await adminApi(plaudit, "GET", `/v1/admin/reviews/${reviewId}`)).json.author.email).toBe(email);
    await dialog.locator("input[name=confirm]").fill(email.toUpperCase());
    await page.keyboard.press("Enter");

    const erased = page.locator("#privacy-erased-title");
    await erased.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("privacy-erased-title");
    expect(await page.locator(".privacy-erased li").allTextContents()).toEqual([
      "1 review",
      "1 order",
      "0 questions",
      "0 review requests",
    ]);
    await page.locator(".privacy > [role=status]", { hasText: "erased: 1 review, 1 order" }).waitFor();

    // The review stays, without its author (their name scrubbed out of its words too); the store
    // holds nothing more about the address.
    const review = (await adminApi(plaudit, "GET", `/v1/admin/reviews/${reviewId}`)).json;
    expect(review.author).toEqual({ name: "Former customer", email: "" });
    expect(review.title).toBe("Former customer's tee, after ten washes");
    expect(review.rating).toBe(4);
    const after = await adminApi(
      plaudit,
      "GET",
      `/v1/admin/privacy/export?email=${encodeURIComponent(email)}`,
    );
    expect(after.status).toBe(404);

    // Found again on the screen: the store holds nothing, said beside the field.
    await page.locator("form.privacy-find input[name=subject]").fill(email);
    await page.keyboard.press("Enter");
    await page.locator("form.privacy-find .error", { hasText: "holds nothing about" }).waitFor();
    // Chromium logs the API's 404 for the person no longer held (the answer the screen asked for).
    expect(shop.problems()).toEqual([
      "console.error: Failed to load resource: the server responded with a status of 404 (Not Found)",
    ]);
  });

  it("is not offered to a moderator", async () => {
    const shop = await signInThroughInvite(plaudit, "moderator", "privacy-moderator@demo.example");
    const { page } = shop;
    expect(await page.locator("header.top nav a").allTextContents()).not.toContain("Privacy requests");
    expect(await page.locator("header.top nav a[href='#/privacy']").count()).toBe(0);
    await page.goto(`${plaudit.baseUrl}/admin/#/privacy`);
    await page.locator("main [role=alert]", { hasText: "Your role cannot open this page." }).waitFor();
    expect(await page.locator("form.privacy-find").count()).toBe(0);
    expect(shop.problems()).toEqual([]);
  });
});

/** The customer page's way to the privacy screen, in each of the app's languages. */
const CUSTOMER_PRIVACY_LINK = {
  en: "Export or erase this person’s data",
  de: "Daten dieser Person exportieren oder löschen",
  he: "ייצוא או מחיקה של הנתונים של האדם הזה",
} as const;

describe.concurrent.each(["en", "de", "he"] as const)(
  "from a customer's page to their data request in %s",
  SIDE_BY_SIDE,
  (locale) => {
    it("goes by keyboard to the privacy screen with them looked up; the audit log tells the lookup from the download", async () => {
      const customerId = `c-link-${locale}`;
      await shopper(`link-${locale}@example.com`, customerId, `A review, ${locale}`);
      const shop = await signInThroughInvite(plaudit, "support", `link-privacy-${locale}@demo.example`, {
        locale,
      });
      const { page } = shop;
      await page.goto(`${plaudit.baseUrl}/admin/#/customers?id=${customerId}`);
      await page.locator("#customer-title").waitFor();
      const link = page.locator(`.customer a[href='#/privacy?customer=${customerId}']`);
      expect(await link.textContent()).toBe(CUSTOMER_PRIVACY_LINK[locale]);
      expect(await axeViolations(page), `customer with its privacy link, ${locale}`).toEqual([]);
      // By keyboard: Tab until the link has the focus, then Enter.
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press("Tab");
        if (await link.evaluate((a) => a === document.activeElement)) break;
      }
      expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
      await page.keyboard.press("Enter");
      await page.locator("article.privacy-person").waitFor();
      expect(await page.locator("form.privacy-find input[name=subject]").inputValue()).toBe(customerId);
      expect(await page.locator(".privacy-person dd").first().textContent()).toBe(customerId);
      expect(await axeViolations(page), `privacy screen opened from the customer, ${locale}`).toEqual([]);

      const rowsFor = async (action: string) =>
        (await adminApi(plaudit, "GET", `/v1/admin/audit?action=${action}&target=${customerId}`)).json
          .items as { actor: unknown; target: string }[];
      const me = (await adminApi(plaudit, "GET", "/v1/admin/users")).json.items.find(
        (u: { email: string }) => u.email === `link-privacy-${locale}@demo.example`,
      );
      expect(await rowsFor("privacy.lookup")).toEqual([
        expect.objectContaining({ actor: { userId: me.id }, target: customerId }),
      ]);
      expect(await rowsFor("privacy.export")).toEqual([]);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator(".privacy-person .actions button").first().click(),
      ]);
      expect(JSON.parse(await readFile(await download.path(), "utf8")).person.customerIds).toEqual([
        customerId,
      ]);
      expect(await rowsFor("privacy.export")).toEqual([
        expect.objectContaining({ actor: { userId: me.id }, target: customerId }),
      ]);
      expect(shop.problems()).toEqual([]);
    });
  },
);

describe.concurrent.each(["en", "de", "he"] as const)(
  "accessibility of the privacy requests screen in %s (axe-core)",
  SIDE_BY_SIDE,
  (locale) => {
    it("has none with a person found, the erasure's dialog with its error, and after erasure", async () => {
      const email = `axe-privacy-${locale}@example.com`;
      await shopper(email, `c-axe-privacy-${locale}`, `A review to erase, ${locale}`);
      const shop = await signInThroughInvite(plaudit, "support", `axe-privacy-${locale}@demo.example`, {
        locale,
      });
      const { page } = shop;
      await findPerson(page, email);
      expect(await axeViolations(page), `person found, ${locale}`).toEqual([]);
      await screenshot(page, `privacy-${locale}`);

      await page.locator(".privacy-person button.danger").click();
      await page.locator("dialog[open] button[type=submit]").click();
      await page.locator("dialog[open] .error").waitFor();
      expect(await axeViolations(page), `erasure dialog with its error, ${locale}`).toEqual([]);

      await page.locator("dialog[open] input[name=confirm]").fill(email);
      await page.locator("dialog[open] button[type=submit]").click();
      await page.locator("#privacy-erased-title").waitFor();
      expect(await axeViolations(page), `after erasure, ${locale}`).toEqual([]);
      expect(shop.problems()).toEqual([]);
    });
  },
);
