// The review-requests screen in Chromium: an owner changes the settings and the API reads them
// back; what the server refuses shows beside its field and saves nothing; a moderator's role
// (no requests:manage) sees neither the menu entry nor the screen. The owner stops and resumes
// review requests to one shopper's address there.
import { describe, expect, it } from "vitest";
import { adminApi, screenshot, signInThroughInvite } from "./admin-helpers.ts";
import { harnessOfFile } from "./harness.ts";

const plaudit = harnessOfFile();
const SETTINGS = "/v1/admin/review-requests/settings";
const SUPPRESSIONS = "/v1/admin/review-requests/suppressions";

describe("review-request settings in the admin app", () => {
  it("an owner changes them, and the API reads back what was saved", async () => {
    expect(
      (
        await adminApi(plaudit, "PUT", SETTINGS, {
          enabled: false,
          from: { name: "Demo shop", email: "hello@shop.example" },
          replyTo: "help@shop.example",
          notifyLocale: "de",
          theme: { accent: "#7a3e9d" },
        })
      ).status,
    ).toBe(200);
    const shop = await signInThroughInvite(plaudit, "owner", "requests-owner@demo.example");
    const { page } = shop;
    await page.getByRole("link", { name: "Review requests" }).click();
    const delay = page.getByLabel("Days after the order arrives");
    await delay.waitFor();
    expect(await delay.inputValue()).toBe("7");
    expect(await page.getByLabel("Sender name").inputValue()).toBe("Demo shop");
    expect(await page.getByLabel("Answers go to").inputValue()).toBe("help@shop.example");
    expect(await page.getByLabel("Language of the notices").inputValue()).toBe("de");
    expect(await page.getByLabel("Accent (buttons)").inputValue()).toBe("#7a3e9d");
    // This server has no mail server: the form says so before the merchant counts on it.
    await page.getByText("This server sends no email yet").waitFor();

    await delay.fill("10");
    await page.getByLabel("Reminder, days after the first email").fill("0");
    await page.getByLabel("Most emails to one address in 30 days").fill("3");
    await page.getByLabel("Sender name").fill("Lumen & Co");
    await page.getByLabel("Sender email").fill("hello@lumen.example");
    await page.getByLabel("Answers go to").fill("care@lumen.example");
    await page.getByLabel("Tell this address about reviews awaiting moderation").fill("mod@lumen.example");
    await page.getByLabel("Language of the notices").selectOption("he");
    // Colors as merchants copy them from their brand sheet; an emptied one is the default.
    await page.getByLabel("Accent (buttons)").fill("5B2C83");
    await page.getByLabel("Background").fill("#fdf6e3");
    await page.getByLabel("Points for a photo or video with a review").fill("25");
    // Enter in a field saves, as the button does.
    await page.getByLabel("Points for a photo or video with a review").press("Enter");
    await page.locator("form.request-settings [role=status]", { hasText: "settings saved" }).waitFor();
    await screenshot(page, "requests");

    const saved = await adminApi(plaudit, "GET", SETTINGS);
    expect(saved.json).toEqual({
      enabled: false,
      delayDays: 10,
      reminderDays: 0,
      maxPerAddressPer30Days: 3,
      from: { name: "Lumen & Co", email: "hello@lumen.example" },
      replyTo: "care@lumen.example",
      notifyEmail: "mod@lumen.example",
      notifyLocale: "he",
      photoIncentivePoints: 25,
      theme: { accent: "#5b2c83", background: "#fdf6e3" },
      mailReady: false,
    });

    // No notices: an empty address is none. Read again after a reload: the form shows what is saved.
    await page.getByLabel("Tell this address about reviews awaiting moderation").fill("");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(async () => (await adminApi(plaudit, "GET", SETTINGS)).json.notifyEmail).toBeNull();
    await page.reload();
    await page.getByLabel("Days after the order arrives").waitFor();
    expect(await page.getByLabel("Days after the order arrives").inputValue()).toBe("10");
    expect(await page.getByLabel("Tell this address about reviews awaiting moderation").inputValue()).toBe(
      "",
    );
    expect(shop.problems()).toEqual([]);
  });

  it("shows what the server refused beside its field, keyboard only, and saves nothing", async () => {
    const before = (await adminApi(plaudit, "GET", SETTINGS)).json;
    const shop = await signInThroughInvite(plaudit, "owner", "requests-refused@demo.example", {
      locale: "he",
    });
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/requests`);
    const enabled = page.locator("form.request-settings input[name=enabled]");
    await enabled.waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    const delay = page.locator("input[name=delayDays]");
    const describedText = (selector: string) =>
      page.locator(selector).evaluate((input) =>
        (input.getAttribute("aria-describedby") ?? "")
          .split(" ")
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" "),
      );
    // This server has no PLAUDIT_PUBLIC_URL: turning requests on is refused for that field.
    await enabled.focus();
    await page.keyboard.press("Space");
    await delay.press("Enter");
    await expect.poll(() => enabled.getAttribute("aria-invalid")).toBe("true");
    expect(await describedText("input[name=enabled]")).toContain("PLAUDIT_PUBLIC_URL");
    // The focus goes to the field to fix.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("enabled");
    // A delay past the server's limit: said beside the delay, in the app's language.
    await delay.fill("90");
    await delay.press("Enter");
    await expect.poll(() => delay.getAttribute("aria-invalid")).toBe("true");
    expect(await describedText("input[name=delayDays]")).toMatch(/60/);
    expect(await enabled.getAttribute("aria-invalid")).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("delayDays");
    // A yellow accent on the default white: buttons and the focus ring would be unreadable.
    await delay.fill("7");
    const accent = page.locator("input[name=accent]");
    await accent.fill("#ffd700");
    await accent.press("Enter");
    await expect.poll(() => accent.getAttribute("aria-invalid")).toBe("true");
    // Refused together with turning requests on (still checked): both said at once.
    expect(await enabled.getAttribute("aria-invalid")).toBe("true");
    expect(await describedText("input[name=accent]")).toMatch(/^.*יחס הניגודיות לרקע הוא 1\.\d:1 בלבד/);
    // The focus goes to the first of them in the form.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("enabled");
    expect((await adminApi(plaudit, "GET", SETTINGS)).json).toEqual(before);
    expect(shop.problems().filter((p) => !p.includes("422"))).toEqual([]);
  });

  it("stops and resumes review requests to a shopper's address, keyboard only, as the API then reads it", async () => {
    const shop = await signInThroughInvite(plaudit, "owner", "requests-stop@demo.example");
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/requests`);
    const field = page.getByLabel("Shopper's email");
    const said = page.locator("form.stop-emails [role=status]");
    const suppressed = async () =>
      (await adminApi(plaudit, "GET", `${SUPPRESSIONS}?email=stop.me%40example.com`)).json.suppressed;
    await field.fill("not an address");
    await field.press("Enter");
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    // In another case and with spaces, as the shopper's email may show it: the same address.
    await field.fill("  Stop.Me@Example.com ");
    await field.press("Enter");
    await said.filter({ hasText: "gets review requests." }).waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("false");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Stop review requests");
    await page.keyboard.press("Enter");
    await said.filter({ hasText: "stopped." }).waitFor();
    expect(await suppressed()).toBe(true);
    await page.getByRole("button", { name: "Resume review requests" }).press("Enter");
    await said.filter({ hasText: "again, from the next order" }).waitFor();
    expect(await suppressed()).toBe(false);
    expect(shop.problems().filter((p) => !p.includes("422"))).toEqual([]);
  });

  it("is not offered to a moderator, whose role cannot manage requests", async () => {
    const shop = await signInThroughInvite(plaudit, "moderator", "requests-mod@demo.example");
    const { page } = shop;
    expect(await page.locator("header.top nav a").allTextContents()).not.toContain("Review requests");
    await page.goto(`${plaudit.baseUrl}/admin/#/requests`);
    await page.getByText("Your role cannot open this page.").waitFor();
    expect(await page.locator("form.request-settings").count()).toBe(0);
  });
});
