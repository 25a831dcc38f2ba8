// The admin app's newer screens and the queue's remaining keys, in Chromium: a pending review's
// photo at full size (the queue's viewer and the media queue), approving and rejecting photos, the
// r / e / x shortcuts, the owner's users screen (invite with a role, change a role, sign someone
// out everywhere, remove), and the app in German.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { WAIT_FOR_MS } from "../scripts/test-waits.mjs";
import {
  adminApi,
  card,
  focusedCard,
  PASSWORD,
  pendingReviews,
  pendingReviewWithPhoto,
  screenshot,
  signInThroughInvite,
  statusOf,
  withHeldMedia,
} from "./admin-helpers.ts";
import { harnessOfFile } from "./harness.ts";

const plaudit = harnessOfFile();

/** The dialog's image once loaded: its natural size (0 × 0 when the file did not load). */
async function shownImage(page: Page): Promise<{ width: number; height: number; src: string }> {
  const img = page.locator("dialog[open] img.full");
  await img.waitFor();
  await expect
    .poll(() => img.evaluate((el) => (el as HTMLImageElement).complete), { timeout: WAIT_FOR_MS })
    .toBe(true);
  return img.evaluate((el) => {
    const image = el as HTMLImageElement;
    return { width: image.naturalWidth, height: image.naturalHeight, src: image.currentSrc };
  });
}

describe("photos and videos", () => {
  it("shows a pending review's photo at full size in the queue, which the public cannot see", async () => {
    const { reviewId, mediaId } = await pendingReviewWithPhoto(plaudit, "photo-mug", 1600, 1200);
    const shop = await signInThroughInvite(plaudit, "moderator", "viewer@demo.example");
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=photo-mug&media=1`);
    const review = card(page, "photo-mug with a photo");
    await review.waitFor();
    await expect.poll(() => page.locator("article.review").count()).toBe(1);
    await review.locator("button.thumb").click();
    const image = await shownImage(page);
    // The largest stored size (1280 px wide), not the thumbnail, served by the admin file route.
    expect(image.width).toBe(1280);
    expect(image.height).toBe(960);
    expect(image.src).toBe(`${plaudit.baseUrl}/v1/admin/media/${mediaId}/files/w1280.jpg`);
    expect((await fetch(`${plaudit.baseUrl}/media/demo/${mediaId}/w1280.jpg`)).status).toBe(404);
    await screenshot(page, "queue-media-viewer");
    await page.keyboard.press("Escape");
    await page.locator("dialog[open]").waitFor({ state: "detached" });
    expect((await statusOf(plaudit, reviewId)).status).toBe("pending");
    expect(shop.problems()).toEqual([]);
  });

  it("approves and rejects held photos in the media queue, full size first", async () => {
    // Held: the demo store is set to hold photos of reviewers without a verified purchase.
    const [keep, drop] = await withHeldMedia(plaudit, async () => [
      await pendingReviewWithPhoto(plaudit, "photo-keep", 1200, 900),
      await pendingReviewWithPhoto(plaudit, "photo-drop", 900, 1200),
    ]);
    const shop = await signInThroughInvite(plaudit, "moderator", "media@demo.example");
    const { page } = shop;
    await page.locator("header.top nav a", { hasText: "Photos & videos" }).click();
    const item = (id: string) => page.locator(`li.media-item[data-media-id="${id}"]`);
    await item(keep.mediaId).waitFor();
    await screenshot(page, "media-queue");
    await item(keep.mediaId).locator("button.thumb").click();
    const image = await shownImage(page);
    expect(image.width).toBe(1200);
    await page.locator("dialog[open] .actions button", { hasText: "Approve" }).click();
    await item(keep.mediaId).waitFor({ state: "detached" });
    await item(drop.mediaId).locator(".actions button", { hasText: "Reject" }).click();
    await item(drop.mediaId).waitFor({ state: "detached" });
    await page.locator(".toasts", { hasText: "Rejected." }).waitFor();

    const state = async (s: string) =>
      (await adminApi(plaudit, "GET", `/v1/admin/media?status=${s}&limit=100`)).json.items.map(
        (m: { id: string }) => m.id,
      );
    expect(await state("ready")).toContain(keep.mediaId);
    expect(await state("rejected")).toContain(drop.mediaId);
    expect(await state("held")).not.toContain(keep.mediaId);

    // The rejected one can be restored from its tab.
    await page.locator("nav.tabs a", { hasText: "Rejected" }).click();
    await item(drop.mediaId).locator(".actions button", { hasText: "Restore" }).click();
    await item(drop.mediaId).waitFor({ state: "detached" });
    expect(await state("ready")).toContain(drop.mediaId);
    expect(shop.problems()).toEqual([]);
  });
});

describe("the queue's keys", () => {
  it("x selects, e opens the reply, r rejects (after the grace period)", async () => {
    const ids = await pendingReviews(plaudit, "keys-rex", 2);
    const shop = await signInThroughInvite(plaudit, "moderator", "rex@demo.example", { graceMs: 300 });
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=keys-rex`);
    const newest = card(page, "keys-rex review 2");
    await newest.waitFor();
    // Only the filtered list (the queue shown first has these cards too).
    await expect.poll(() => page.locator("article.review").count()).toBe(2);
    await page.keyboard.press("j");
    // Each key acts once the queue has rendered the last one's effect: wait for it before the next.
    await expect.poll(() => focusedCard(page)).toBe("keys-rex review 2");
    await page.keyboard.press("x");
    await expect.poll(() => newest.locator(".review-head input[type=checkbox]").isChecked()).toBe(true);
    await page.locator("fieldset.bulk .count", { hasText: "1 selected" }).waitFor();
    await page.keyboard.press("x");
    await expect.poll(() => newest.locator(".review-head input[type=checkbox]").isChecked()).toBe(false);

    await page.keyboard.press("e");
    const textarea = newest.locator("textarea[name=reply]");
    await textarea.waitFor();
    await expect.poll(() => textarea.evaluate((el) => el === document.activeElement)).toBe(true);
    // Typing in the reply is text, not shortcuts.
    await page.keyboard.type("rex");
    expect(await textarea.inputValue()).toBe("rex");
    await page.keyboard.press("Escape");
    await textarea.waitFor({ state: "detached" });
    expect((await statusOf(plaudit, ids[1] as string)).reply).toBe(null);

    await newest.focus();
    await page.keyboard.press("r");
    await expect.poll(() => statusOf(plaudit, ids[1] as string)).toMatchObject({ status: "rejected" });
    expect((await statusOf(plaudit, ids[0] as string)).status).toBe("pending");
    expect(shop.problems()).toEqual([]);
  });

  it("bulk approval is all or none: a review changed elsewhere stops the batch and is shown", async () => {
    const ids = await pendingReviews(plaudit, "bulk-race", 3);
    const shop = await signInThroughInvite(plaudit, "moderator", "bulkrace@demo.example", { graceMs: 300 });
    const { page } = shop;
    await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=bulk-race`);
    await card(page, "bulk-race review 3").waitFor();
    await expect.poll(() => page.locator("article.review").count()).toBe(3);
    expect(
      (await adminApi(plaudit, "PATCH", `/v1/admin/reviews/${ids[0]}`, { reply: "Answered in another tab" }))
        .status,
    ).toBe(200);
    await page.locator("fieldset.bulk input[type=checkbox]").check();
    await page.locator("fieldset.bulk button", { hasText: "Approve selected" }).click();
    await card(page, "bulk-race review 1").locator(".conflict").waitFor({ timeout: WAIT_FOR_MS });
    await page.locator(".toasts", { hasText: "Nothing saved: 1 of 3" }).waitFor();
    for (const id of ids) expect((await statusOf(plaudit, id)).status).toBe("pending");
    expect(shop.problems().filter((p) => !p.includes("409"))).toEqual([]);
  });
});

describe("the owner's users screen", () => {
  it("invites with a role, changes it, signs the user out everywhere, and removes them", async () => {
    const shop = await signInThroughInvite(plaudit, "owner", "boss@demo.example");
    const { page } = shop;
    await page.locator("header.top nav a", { hasText: "Users" }).click();
    await page.locator("table.user-list").waitFor();

    // A bad address is refused beside the field, without a request.
    await page.locator("form.invite input[name=email]").fill("not an address");
    await page.locator("form.invite button[type=submit]").click();
    await page.locator("form.invite .error", { hasText: "Enter an email address." }).waitFor();

    await page.locator("form.invite input[name=email]").fill("helper@demo.example");
    await page.locator("form.invite select[name=role]").selectOption("support");
    await page.locator("form.invite button[type=submit]").click();
    const link = await page.locator("dialog[open] input.invite-link").inputValue();
    expect(link).toMatch(/\/admin\/#\/set-password\?store=demo&email=helper%40demo\.example&token=/);
    await screenshot(page, "users-invite");
    await page.keyboard.press("Escape");

    // The same address again: refused beside the field.
    await page.locator("form.invite input[name=email]").fill("helper@demo.example");
    await page.locator("form.invite button[type=submit]").click();
    await page.locator("form.invite .error", { hasText: "already has an account" }).waitFor();

    // The helper follows the link in their own browser and signs in.
    const helper = await plaudit.open(`/admin/${new URL(link).hash}`, {
      initScript: `localStorage.setItem("plaudit-admin-locale", "en");`,
    });
    await helper.page.locator("input[name=password]").fill(PASSWORD);
    await helper.page.locator("form button[type=submit]").click();
    await helper.page.locator("input[name=password][autocomplete=current-password]").fill(PASSWORD);
    await helper.page.locator("form button[type=submit]").click();
    await helper.page.locator("header.top nav").waitFor();

    const row = page.locator("table.user-list tr", { hasText: "helper@demo.example" });
    await row.locator("select").selectOption("moderator");
    await page.locator(".toasts", { hasText: "helper@demo.example is now moderator" }).waitFor();
    const users = await adminApi(plaudit, "GET", "/v1/admin/users");
    expect(users.json.items.find((u: { email: string }) => u.email === "helper@demo.example").role).toBe(
      "moderator",
    );

    await row.locator("button", { hasText: "Sign out everywhere" }).click();
    await page.locator(".toasts", { hasText: "signed out everywhere" }).waitFor();
    // The helper's browser is signed out: its next request lands on sign-in.
    await helper.page.reload();
    await helper.page.locator("form.auth input[name=password]").waitFor();

    await row.locator("button", { hasText: "Remove" }).click();
    await page.locator("dialog[open] button", { hasText: "Remove" }).click();
    await row.waitFor({ state: "detached" });
    const after = await adminApi(plaudit, "GET", "/v1/admin/users");
    expect(after.json.items.map((u: { email: string }) => u.email)).not.toContain("helper@demo.example");
    await screenshot(page, "users");
    expect(shop.problems().filter((p) => !p.includes("409"))).toEqual([]);
  });

  it("is not there for a moderator: no link, and the API says 403", async () => {
    const shop = await signInThroughInvite(plaudit, "moderator", "nousers@demo.example");
    const { page } = shop;
    expect(await page.locator("header.top nav a", { hasText: "Users" }).count()).toBe(0);
    await page.goto(`${plaudit.baseUrl}/admin/#/users`);
    await page.locator("main .error-notice").waitFor();
    const status = await page.evaluate(() => fetch("/v1/admin/users").then((r) => r.status));
    expect(status).toBe(403);
  });
});

describe("in German", () => {
  it("speaks German on every screen a moderator and an owner open", async () => {
    await pendingReviews(plaudit, "de-tasse", 1);
    const shop = await signInThroughInvite(plaudit, "owner", "inhaber@demo.example", { locale: "de" });
    const { page } = shop;
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      "de",
      "ltr",
    ]);
    const nav = await page.locator("header.top nav a").allTextContents();
    expect(nav).toEqual([
      "Moderation",
      "Fotos & Videos",
      "Übersicht",
      "Kunden",
      "Datenschutz",
      "Bewertungsanfragen",
      "Treueprogramm",
      "Protokoll",
      "Benutzer",
    ]);
    await page.goto(`${plaudit.baseUrl}/admin/#/queue?product=de-tasse`);
    await card(page, "de-tasse review 1").waitFor();
    expect(await page.locator("main h1").textContent()).toBe("Moderationsliste");
    // The filtered list replaces the one shown before (the de-tasse card is in both): poll.
    await expect
      .poll(() => card(page, "de-tasse review 1").locator(".actions button").allTextContents())
      .toEqual(["Freigeben", "Ablehnen", "Antworten"]);
    await page.goto(`${plaudit.baseUrl}/admin/#/privacy`);
    await expect.poll(() => page.locator("main h1").textContent()).toBe("Datenschutzanfragen");
    await page.goto(`${plaudit.baseUrl}/admin/#/users`);
    await page.locator("form.invite button[type=submit]", { hasText: "Einladen" }).waitFor();
    expect(await page.title()).toContain("Benutzer");
    expect(shop.problems()).toEqual([]);
  });
});
