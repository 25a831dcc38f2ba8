// axe-core over every screen of the admin app, in English, German and Hebrew (right to left):
// sign-in, the queue (with items, bulk selection, a reply open, a conflict, empty, a photo at full
// size), the media queue (with a photo open), the overview, a customer with the adjustment dialog
// open, the audit log, the users screen (with an invite link shown and a field error) and review requests'
// settings and the loyalty program (with the server's field errors). Screenshots for docs/admin/ are
// taken here too when PLAUDIT_ADMIN_SCREENSHOTS=1.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  adminApi,
  card,
  pendingReviews,
  pendingReviewWithPhoto,
  screenshot,
  signInThroughInvite,
  titlesShown,
  withHeldMedia,
} from "./admin-helpers.ts";
import { harnessOfFile, SIDE_BY_SIDE } from "./harness.ts";
import { axeViolations } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

async function expectNoViolations(page: Page, state: string) {
  expect(await axeViolations(page), state).toEqual([]);
}

// The three languages side by side, each one's tests in turn (nine at once would only make each
// of them slower on two cores).
describe.concurrent.each(["en", "de", "he"] as const)(
  "accessibility of the admin app in %s (axe-core)",
  SIDE_BY_SIDE,
  (locale) => {
    it.sequential("has none on sign-in", async ({ expect }) => {
      const shop = await plaudit.open("/admin/#/sign-in", {
        initScript: `localStorage.setItem("plaudit-admin-locale", "${locale}");`,
      });
      await shop.page.locator("form.auth input[name=password]").waitFor();
      expect(
        await shop.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
      ).toEqual([locale, locale === "he" ? "rtl" : "ltr"]);
      await shop.page.locator("form.auth button[type=submit]").click();
      await shop.page.locator("form.auth .error").first().waitFor();
      await expectNoViolations(shop.page, `sign-in with errors, ${locale}`);
      await screenshot(shop.page, `sign-in-${locale}`);
      expect(shop.problems()).toEqual([]);
    });

    it.sequential("has none on every screen and state", async ({ expect }) => {
      const product = `axe-${locale}`;
      const [first] = await pendingReviews(plaudit, product, 3);
      const shop = await signInThroughInvite(plaudit, "owner", `axe-${locale}@demo.example`, {
        locale,
        graceMs: 300,
      });
      const { page } = shop;

      await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=${product}`);
      // The filtered list, not the whole queue the sign-in opened on (these three top it too):
      // the bulk box, the reply and the conflict below are this list's.
      await expect
        .poll(async () => (await titlesShown(page)).sort())
        .toEqual([1, 2, 3].map((n) => `${product} review ${n}`));
      await expectNoViolations(page, `queue with items, ${locale}`);

      await page.locator("fieldset.bulk input[type=checkbox]").check();
      await expectNoViolations(page, `queue with a bulk selection, ${locale}`);
      await page.locator("fieldset.bulk input[type=checkbox]").uncheck();

      await card(page, `${product} review 3`).locator(".actions button").nth(2).click();
      await card(page, `${product} review 3`).locator("textarea").waitFor();
      await expectNoViolations(page, `queue with a reply open, ${locale}`);
      await card(page, `${product} review 3`).locator(".reply-editor .actions button").nth(1).click();

      expect(
        (await adminApi(plaudit, "PATCH", `/v1/admin/reviews/${first}`, { reply: "Changed elsewhere" }))
          .status,
      ).toBe(200);
      await card(page, `${product} review 1`).locator(".actions button").nth(1).click();
      await card(page, `${product} review 1`).locator(".conflict").waitFor({ timeout: 15_000 });
      await expectNoViolations(page, `queue with a conflict, ${locale}`);
      if (locale === "he") await screenshot(page, "queue-he");

      await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=nothing-${product}`);
      await page.locator("p.empty").waitFor();
      await expectNoViolations(page, `empty queue, ${locale}`);

      await page.goto(`${plaudit.baseUrl}/admin/#/overview`);
      await page.locator(".plot canvas").first().waitFor();
      await page.locator("figure.chart button").first().click();
      await expectNoViolations(page, `overview with a chart's table, ${locale}`);

      const customerId = `c-axe-${locale}`;
      const order = {
        orderId: `o-axe-${locale}`,
        customerId,
        total: 10,
        currency: "EUR",
        items: [{ productId: "tee-classic", quantity: 1, price: 10 }],
      };
      expect((await adminApi(plaudit, "POST", "/v1/admin/orders", order)).status).toBe(201);
      await page.goto(`${plaudit.baseUrl}/admin/#/customers?id=${customerId}`);
      await page.locator("#customer-title").waitFor();
      await page.locator(".customer .title-row button").click();
      await page.locator("dialog[open] input[name=delta]").waitFor();
      await page.locator("dialog[open] button[type=submit]").click();
      await page.locator("dialog[open] .error").first().waitFor();
      await expectNoViolations(page, `customer with the adjustment dialog and its errors, ${locale}`);
      await page.keyboard.press("Escape");

      await page.goto(`${plaudit.baseUrl}/admin/#/audit`);
      await page.locator("table.audit-log tbody tr").first().waitFor();
      await expectNoViolations(page, `audit log, ${locale}`);
      if (locale === "en") await screenshot(page, "audit");

      const photo = await withHeldMedia(plaudit, () =>
        pendingReviewWithPhoto(plaudit, `axe-photo-${locale}`, 1000, 750),
      );
      await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=axe-photo-${locale}`);
      await card(page, `axe-photo-${locale} with a photo`).locator("button.thumb").click();
      await page.locator("dialog[open] img.full").waitFor();
      await expectNoViolations(page, `queue with a photo at full size, ${locale}`);
      await page.keyboard.press("Escape");

      await page.goto(`${plaudit.baseUrl}/admin/#/media`);
      const item = page.locator(`li.media-item[data-media-id="${photo.mediaId}"]`);
      await item.waitFor();
      await expectNoViolations(page, `media queue, ${locale}`);
      await item.locator("button.thumb").click();
      await page.locator("dialog[open] img.full").waitFor();
      await expectNoViolations(page, `media queue with a photo open, ${locale}`);
      await page.keyboard.press("Escape");
      await page.goto(`${plaudit.baseUrl}/admin/#/media?status=rejected`);
      await page.locator("main h1").waitFor();
      await page.waitForLoadState("networkidle");
      await expectNoViolations(page, `media queue, rejected tab, ${locale}`);

      await page.goto(`${plaudit.baseUrl}/admin/#/users`);
      await page.locator("table.user-list").waitFor();
      await expectNoViolations(page, `users, ${locale}`);
      await page.locator("form.invite button[type=submit]").click();
      await page.locator("form.invite .error").waitFor();
      await expectNoViolations(page, `users with an invite error, ${locale}`);
      await page.locator("form.invite input[name=email]").fill(`invitee-${locale}@demo.example`);
      await page.locator("form.invite button[type=submit]").click();
      await page.locator("dialog[open] input.invite-link").waitFor();
      await expectNoViolations(page, `users with an invite link shown, ${locale}`);
      await page.keyboard.press("Escape");

      await page.goto(`${plaudit.baseUrl}/admin/#/requests`);
      await page.locator("form.request-settings input[name=delayDays]").waitFor();
      await expectNoViolations(page, `review requests, ${locale}`);
      // Refused by the server beside their fields (this server has no PLAUDIT_PUBLIC_URL to turn them on).
      await page.locator("form.request-settings input[name=enabled]").check();
      await page.locator("form.request-settings input[name=delayDays]").fill("90");
      await page.locator("form.request-settings button[type=submit]").click();
      await page.locator("form.request-settings .error").first().waitFor();
      await expectNoViolations(page, `review requests with the server's field errors, ${locale}`);

      await page.goto(`${plaudit.baseUrl}/admin/#/program`);
      await page.locator("form.program input[name='rewards.five-off.cost']").fill("0");
      await page.locator("form.program button[type=submit]").click();
      await page.locator("form.program .error").first().waitFor();
      // One text's translations open (the rest stay closed under their summaries).
      await page.locator("form.program details.translations > summary").first().click();
      await page.locator("form.program [name='pointsNames.he']").waitFor();
      await expectNoViolations(page, `loyalty program with the server's field error, ${locale}`);
      expect(shop.problems().filter((p) => !p.includes("409") && !p.includes("422"))).toEqual([]);
    });

    it.sequential("is usable 360 px wide: nothing scrolls sideways", async ({ expect }) => {
      // A customer of its own to show (the tests of this file run side by side, in no set order).
      const customerId = `c-narrow-${locale}`;
      const order = {
        orderId: `o-narrow-${locale}`,
        customerId,
        total: 10,
        currency: "EUR",
        items: [{ productId: "tee-classic", quantity: 1, price: 10 }],
      };
      expect((await adminApi(plaudit, "POST", "/v1/admin/orders", order)).status).toBe(201);
      const shop = await signInThroughInvite(plaudit, "owner", `narrow-${locale}@demo.example`, {
        locale,
        viewport: { width: 360, height: 740 },
      });
      const { page } = shop;
      for (const screen of [
        "queue?status=any",
        "media",
        "overview",
        `customers?id=${customerId}`,
        "audit",
        "users",
        "requests",
        "program",
      ]) {
        await page.goto(`${plaudit.baseUrl}/admin/#/${screen}`);
        await page.locator("main h1").waitFor();
        await page.waitForLoadState("networkidle");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, screen).toBeLessThanOrEqual(0);
      }
      if (locale === "en") await screenshot(page, "queue-360");
    });
  },
);
