// Where the keyboard focus goes in the admin app after an action, in Chromium (which drops the
// focus of a button that becomes disabled, or is removed, to the page — the next Tab then starts
// over at the top): a failed sign-in, the invite link's dialog, a removed user, a list tried
// again after an error, a photo approved in the media queue.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { pendingReviewWithPhoto, signInThroughInvite, withHeldMedia } from "./admin-helpers.ts";
import { harnessOfFile } from "./harness.ts";

const plaudit = harnessOfFile();

/** The focused element, as a tag and its text (or name). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return `${element?.tagName.toLowerCase()}: ${element?.getAttribute("name") ?? element?.textContent?.trim().slice(0, 40)}`;
  });

describe("the admin app's focus", () => {
  it("stays on Sign in after a failed sign-in", async () => {
    const shop = await plaudit.open("/admin/#/sign-in", {
      initScript: `localStorage.setItem("plaudit-admin-locale", "en");`,
    });
    const { page } = shop;
    await page.locator("input[name=store]").fill("demo");
    await page.locator("input[name=email]").fill("nobody@demo.example");
    await page.locator("input[name=password]").fill("not the password");
    await page.locator("form.auth button[type=submit]").focus();
    await page.keyboard.press("Enter");
    await page.locator("form.auth [role=alert]", { hasText: "do not match an account" }).waitFor();
    expect(await focused(page)).toBe("button: Sign in");
  });

  it("goes back to Invite when the link's dialog closes, and to the heading when a user is removed", async () => {
    const shop = await signInThroughInvite(plaudit, "owner", "focus-owner@demo.example");
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/users`);
    await page.locator("table.user-list").waitFor();
    await page.locator("form.invite input[name=email]").fill("focus-invitee@demo.example");
    await page.locator("form.invite button[type=submit]").focus();
    await page.keyboard.press("Enter");
    await page.locator("dialog[open] input.invite-link").waitFor();
    await page.keyboard.press("Escape");
    await page.locator("dialog[open]").waitFor({ state: "detached" });
    expect(await focused(page)).toBe("button: Invite");

    const row = page.locator("table.user-list tr", { hasText: "focus-invitee@demo.example" });
    await row.locator("button.danger").focus();
    await page.keyboard.press("Enter");
    await page.locator("dialog[open] button.danger").focus();
    await page.keyboard.press("Enter");
    await row.waitFor({ state: "detached" });
    await page.locator(".toasts", { hasText: "was removed" }).waitFor();
    expect(await focused(page)).toBe("h1: Users");
  });

  it("goes to the heading when a list that failed is tried again", async () => {
    const shop = await signInThroughInvite(plaudit, "moderator", "focus-retry@demo.example");
    const { page } = shop;
    let failing = true;
    await page.route("**/v1/admin/reviews?*", (route) =>
      failing
        ? route.fulfill({
            status: 503,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "unavailable", message: "try again later" } }),
          })
        : route.continue(),
    );
    await page.goto(`${plaudit.baseUrl}/admin/#/queue?status=rejected`);
    const retry = page.locator("main [role=alert] button", { hasText: "Try again" });
    await retry.focus();
    failing = false;
    await page.keyboard.press("Enter");
    await retry.waitFor({ state: "detached" });
    expect(await focused(page)).toBe("h1: Moderation queue");
  });

  it("moves to the next photo when one is approved in the media queue", async () => {
    const [first, second] = await withHeldMedia(plaudit, async () => [
      await pendingReviewWithPhoto(plaudit, "focus-photo-1", 800, 600),
      await pendingReviewWithPhoto(plaudit, "focus-photo-2", 800, 600),
    ]);
    const shop = await signInThroughInvite(plaudit, "moderator", "focus-media@demo.example");
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/media`);
    const item = (id: string) => page.locator(`li.media-item[data-media-id="${id}"]`);
    await item(first.mediaId).waitFor();
    await item(second.mediaId).locator(".actions button", { hasText: "Approve" }).focus();
    await page.keyboard.press("Enter");
    await item(second.mediaId).waitFor({ state: "detached" });
    await page.locator(".toasts", { hasText: "Approved." }).waitFor();
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest("li.media-item")?.getAttribute("data-media-id"),
      ),
    ).toBeTruthy();
    expect(await focused(page)).toMatch(/^button: /);
  });
});
