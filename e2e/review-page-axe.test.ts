// The hosted review page (/r/{token}) in Chromium: axe-core finds nothing in English, in Hebrew
// (right to left) and with a refused form; the page works with JavaScript off, as it must for a
// shopper arriving from an email.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore } from "../packages/server/testing/fixtures.ts";
import { PROGRAM_AT_ONCE } from "../packages/server/testing/loyalty-test-kit.ts";
import { serverJobRunner, smtpMailer } from "../packages/server/testing/mail-kit.ts";
import { linksOf, recipientOf } from "../packages/server/testing/request-test-kit.ts";
import { type SmtpSink, startSmtpSink } from "../packages/server/testing/smtp-sink.ts";
import { solidJpeg } from "../packages/server/testing/test-files.ts";
import { startTestServer, type TestServer } from "../packages/server/testing/test-server.ts";
import { CHROMIUM_LAUNCH } from "../scripts/chromium.mjs";
import { axeViolations } from "./reviews-widget-helpers.ts";

let server: TestServer;
let sink: SmtpSink;
let mailer: ReturnType<typeof smtpMailer>;
let browser: BrowserContext;
let profile: string;
let storeId: string;
const links: Record<string, string> = {};

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = smtpMailer(sink.url);
  server = await startTestServer({ db: "sqlite", mailer });
  server.app.ctx.publicUrl = server.url;
  const made = await makeStore(server.db, { name: "Lumen & Co" });
  const { secretKey } = made;
  storeId = made.storeId;
  const call = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  };
  await call("PUT", "/v1/admin/review-requests/settings", {
    enabled: true,
    delayDays: 0,
    from: { name: "Lumen & Co", email: "hello@lumen.example" },
    photoIncentivePoints: 25,
  });
  // The store runs loyalty: the page offers the request photo bonus beside the photo form.
  await call("PUT", "/v1/admin/loyalty/program", PROGRAM_AT_ONCE);
  await call("PUT", "/v1/admin/products/lamp", { name: "Desk lamp", url: "https://lumen.example/lamp" });
  for (const locale of ["en", "he", "de"]) {
    await call("POST", "/v1/admin/orders", {
      orderId: `o-${locale}`,
      customerId: `c-${locale}`,
      email: `${locale}@example.com`,
      customerName: "Sam",
      locale,
      total: 40,
      currency: "EUR",
      items: [
        { productId: "lamp", quantity: 1, price: 30 },
        { productId: "bulb", quantity: 1, price: 10 },
      ],
      fulfilledAt: new Date().toISOString(),
    });
  }
  await serverJobRunner(server.app.ctx).drain();
  for (const mail of sink.messages) {
    const link = linksOf(mail).find((l) => l.includes("/r/q.") && l.endsWith("rating=4"));
    if (link) links[recipientOf(mail)?.split("@")[0] ?? ""] = link;
  }
  profile = mkdtempSync(join(tmpdir(), "plaudit-review-page-"));
  browser = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM_LAUNCH,
    javaScriptEnabled: false,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  mailer?.close();
  await server?.close();
  await sink?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe("the hosted review page in Chromium", () => {
  it("has no axe violations in English, in Hebrew, and with a refused form; submits without JavaScript", async () => {
    const page = await browser.newPage();
    await page.goto(links.en as string);
    expect(await page.locator("h1").textContent()).toBe("Review your order from Lumen & Co");
    expect(await page.locator("#r0-4").isChecked()).toBe(true);
    expect(await page.locator("#fb0").textContent()).toContain("earn 25 ");
    expect(await page.locator("#f0").getAttribute("aria-describedby")).toBe("fh0 fb0");
    await page.close();

    // axe runs as a script of its own: it gets a browser with JavaScript on.
    // The page's CSP allows no script at all: let the test's own (axe) in.
    const check = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "plaudit-axe-")), {
      ...CHROMIUM_LAUNCH,
      bypassCSP: true,
    });
    try {
      const axePage = await check.newPage();
      for (const locale of ["en", "he"]) {
        await axePage.goto(links[locale] as string);
        expect(await axeViolations(axePage), locale).toEqual([]);
      }
      expect(await axePage.getAttribute("html", "dir")).toBe("rtl");
      // A refused form (no text): the page again, with the error tied to its field.
      await axePage.goto(links.en as string);
      await axePage
        .locator("form[action$='/reviews']")
        .first()
        .evaluate((form) => {
          for (const field of form.querySelectorAll("[required]")) field.removeAttribute("required");
          (form as HTMLFormElement).submit();
        });
      await axePage.waitForURL(/\/reviews$/);
      expect(await axePage.locator("[aria-invalid=true]").count()).toBeGreaterThan(0);
      expect(await axeViolations(axePage), "refused form").toEqual([]);
    } finally {
      await check.close();
    }

    // Without JavaScript: pick nothing new (4 stars came from the email), write, submit.
    const shopper = await browser.newPage();
    await shopper.goto(links.en as string);
    await shopper.locator("#b0").fill("Bright, steady light for reading.");
    await shopper.locator("form[action$='/reviews'] button[type=submit]").first().click();
    await shopper.waitForURL(/\/thanks\?/);
    expect(await shopper.locator("h1").textContent()).toBe("Thank you for your review!");
    await shopper.close();
  }, 120_000);

  it("takes a review as long as the API does, counted alike: emoji and line breaks are not cut or counted twice", async () => {
    // 450 lines "0 👍🏽👍🏽👍🏽" … "449 👍🏽👍🏽👍🏽": 4,839 characters (code points) once trimmed, as the
    // widget and the API count; 7,540 UTF-16 units, and 5,288 characters if line breaks were CRLF.
    const typed = Array.from({ length: 450 }, (_, i) => `${i} 👍🏽👍🏽👍🏽\n`).join("");
    const page = await browser.newPage();
    await page.goto(links.he as string);
    await page.locator("#b0").focus();
    await page.keyboard.insertText(typed);
    await page.locator("#n0").fill("Sam");
    await page.locator("form[action$='/reviews'] button[type=submit]").first().click();
    await page.waitForURL(/\/thanks\?/);
    const product = new URL(page.url()).searchParams.get("product");
    const res = await fetch(`${server.url}/v1/stores/${storeId}/products/${product}/reviews?limit=50`);
    const bodies = ((await res.json()) as { items: { body: string }[] }).items.map((r) => r.body);
    expect(bodies.map((body) => [...body].length)).toContain([...typed.trim()].length);
    expect(bodies).toContain(typed.trim());
    await page.close();
  }, 120_000);

  it("keeps what the shopper typed when they add a photo, and takes a photo chosen with the review", async () => {
    // Before, the photo had a form of its own: uploading it answered with the page, and the
    // title, review, name and stars typed in the review form beside it were gone.
    const photo = { name: "lamp.jpg", mimeType: "image/jpeg", buffer: await solidJpeg(400, 300) };
    const typed = { title: "Hell genug", body: "Zuerst geschrieben,\ndann das Foto.", name: "Sam K." };
    const page = await browser.newPage();
    await page.goto(links.de as string);
    const product = new URL(page.url()).searchParams.get("product");
    await page.locator("#r0-2").check();
    await page.locator("#t0").fill(typed.title);
    await page.locator("#b0").fill(typed.body);
    await page.locator("#n0").fill(typed.name);
    await page.locator("#f0").setInputFiles(photo);
    const upload = page.locator("section").first().getByRole("button", { name: "Hochladen" });
    await upload.click();
    // The page the upload answers, waited for by its state (a load state asked for here could be
    // the old page's: the click's navigation may not have begun).
    await expect
      .poll(() => page.locator("section").first().locator("[role=status]").textContent())
      .toBe("1 Foto oder Video wird Ihrer Bewertung beigefügt.");
    expect(await page.locator("#t0").inputValue()).toBe(typed.title);
    expect(await page.locator("#b0").inputValue()).toBe(typed.body);
    expect(await page.locator("#n0").inputValue()).toBe(typed.name);
    expect(await page.locator("#r0-2").isChecked()).toBe(true);

    // A file that is no photo is refused beside the form, and what was typed stays.
    await page
      .locator("#f0")
      .setInputFiles({ name: "notes.jpg", mimeType: "image/jpeg", buffer: Buffer.from("text") });
    await page.locator("section").first().getByRole("button", { name: "Hochladen" }).click();
    await expect.poll(() => page.locator("#e0-file").textContent()).toContain("Nur Fotos");
    expect(await page.locator("#f0").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#b0").inputValue()).toBe(typed.body);
    expect(await page.locator("#n0").inputValue()).toBe(typed.name);

    // A second photo, chosen and sent with the review itself (no Upload first): it is not dropped.
    await page
      .locator("#f0")
      .setInputFiles({ ...photo, name: "lamp-2.jpg", buffer: await solidJpeg(300, 400) });
    await page.locator("section").first().getByRole("button", { name: "Bewertung absenden" }).click();
    await page.waitForURL(/\/thanks\?/);
    const res = await fetch(`${server.url}/v1/stores/${storeId}/products/${product}/reviews?limit=50`);
    const items = (
      (await res.json()) as { items: { body: string; title: string; rating: number; media: unknown[] }[] }
    ).items;
    const review = items.find((r) => r.body === typed.body);
    expect(review).toMatchObject({ title: typed.title, rating: 2, author: { name: typed.name } });
    expect(review?.media).toHaveLength(2);
    await page.close();
  }, 120_000);
});
