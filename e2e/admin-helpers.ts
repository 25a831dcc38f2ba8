// The admin app in the browser: accounts made through the API with the demo store's key (as an
// owner would), signed in through their invite link, and reviews put in the moderation queue.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { solidJpeg } from "../packages/server/testing/test-files.ts";
import { filePart, upload } from "../packages/server/testing/upload-client.ts";
import { DEMO_SECRET, type Harness, repoRoot, type ShopPage } from "./harness.ts";

export const DEMO_KEY = DEMO_SECRET;
export type Role = "owner" | "moderator" | "support";

// biome-ignore lint/suspicious/noExplicitAny: answers are arbitrary JSON the tests read
type Json = any;

/** The admin API with the demo store's key. */
export async function adminApi(
  plaudit: Harness,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${plaudit.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${DEMO_KEY}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** A 10 € order of one tee by `customerId` (with `email`, when given): the customer exists. */
export async function customerWithOrder(plaudit: Harness, customerId: string, email?: string): Promise<void> {
  const order = {
    orderId: `o-${customerId}`,
    customerId,
    ...(email ? { email } : {}),
    total: 10,
    currency: "EUR",
    items: [{ productId: "tee-classic", quantity: 1, price: 10 }],
  };
  const placed = await adminApi(plaudit, "POST", "/v1/admin/orders", order);
  if (placed.status !== 201) throw new Error(`order for ${customerId}: ${placed.status}`);
}

/** A new user of the demo store: their one-time set-password link. */
export async function invite(plaudit: Harness, role: Role, email: string): Promise<string> {
  const res = await adminApi(plaudit, "POST", "/v1/admin/users", { email, role });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.inviteUrl;
}

export const PASSWORD = "a long admin passphrase";

/**
 * Opens the invite link, chooses the password, signs in with it on the screen that follows, and
 * waits for the first screen of the role.
 */
export async function signInThroughInvite(
  plaudit: Harness,
  role: Role,
  email: string,
  options: {
    locale?: "en" | "de" | "he";
    graceMs?: number;
    viewport?: { width: number; height: number };
  } = {},
): Promise<ShopPage> {
  const link = new URL(await invite(plaudit, role, email));
  const settings = [
    `localStorage.setItem("plaudit-admin-locale", ${JSON.stringify(options.locale ?? "en")});`,
    options.graceMs ? `localStorage.setItem("plaudit-admin-grace-ms", "${options.graceMs}");` : "",
  ].join("\n");
  const shop = await plaudit.open(`/admin/${link.hash}`, {
    initScript: settings,
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const { page } = shop;
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.locator("form button[type=submit]").click();
  // The sign-in screen, the store and address filled in from the link.
  await page.locator("input[name=password][autocomplete=current-password]").waitFor();
  expect(await page.locator("input[name=email]").inputValue()).toBe(email);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.locator("form button[type=submit]").click();
  await page.locator("header.top nav").waitFor();
  return shop;
}

/** A review of `product` posted as a shopper would, then put back to pending by the shop's key: its id. */
async function heldReview(
  plaudit: Harness,
  product: string,
  review: Record<string, unknown>,
): Promise<string> {
  const res = await fetch(`${plaudit.baseUrl}/v1/stores/demo/products/${product}/reviews`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(review),
  });
  const json = (await res.json()) as Json;
  expect(res.status, JSON.stringify(json)).toBe(201);
  const id: string = json.review.id;
  expect((await adminApi(plaudit, "PATCH", `/v1/admin/reviews/${id}`, { status: "pending" })).status).toBe(
    200,
  );
  return id;
}

/** Reviews of `product`, published by the demo shop's API, then held for moderation. */
export async function pendingReviews(plaudit: Harness, product: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    ids.push(
      await heldReview(plaudit, product, {
        rating: (i % 5) + 1,
        title: `${product} review ${i}`,
        body: `What a shopper thought of ${product}, number ${i}.`,
        author: { name: `Shopper ${i}`, email: `shopper${i}@example.com` },
      }),
    );
  }
  return ids;
}

/** A review of `product` with one photo (`width` × `height` JPEG), held for moderation: its id and the photo's. */
export async function pendingReviewWithPhoto(
  plaudit: Harness,
  product: string,
  width = 1600,
  height = 1200,
): Promise<{ reviewId: string; mediaId: string }> {
  const up = await upload(`${plaudit.baseUrl}/v1/stores/demo/media`, [
    filePart(await solidJpeg(width, height)),
  ]);
  expect(up.status, JSON.stringify(up.json)).toBe(201);
  const reviewId = await heldReview(plaudit, product, {
    rating: 4,
    title: `${product} with a photo`,
    body: `A photo of ${product} as it arrived, taken by its buyer.`,
    author: { name: "Photo Shopper", email: `photo-${product}@example.com` },
    mediaIds: [up.json.id],
  });
  return { reviewId, mediaId: up.json.id };
}

// The hold is a store-wide setting: tests of a file that run side by side (describe.concurrent)
// take turns at it, or one would put it back while another's upload still counts on it.
let heldMediaTurn: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` with the demo store holding photos of reviewers without a verified purchase for a
 * moderator (it shows them by default), then puts the setting back. One `work` at a time per file.
 */
export function withHeldMedia<T>(plaudit: Harness, work: () => Promise<T>): Promise<T> {
  const turn = heldMediaTurn.then(async () => {
    expect(
      (await adminApi(plaudit, "PUT", "/v1/admin/media/settings", { holdUnverifiedMedia: true })).status,
    ).toBe(200);
    try {
      return await work();
    } finally {
      await adminApi(plaudit, "PUT", "/v1/admin/media/settings", { holdUnverifiedMedia: false });
    }
  });
  heldMediaTurn = turn.catch(() => {});
  return turn;
}

export async function statusOf(
  plaudit: Harness,
  id: string,
): Promise<{ status: string; reply: string | null }> {
  const res = await adminApi(plaudit, "GET", `/v1/admin/reviews/${id}`);
  return { status: res.json.status, reply: res.json.reply?.body ?? null };
}

/** The queue's cards' titles, top to bottom. */
export const titlesShown = (page: Page) => page.locator("article.review h2").allTextContents();

/** The card of a review in the queue. */
export const card = (page: Page, title: string) => page.locator("article.review", { hasText: title });

/**
 * The title of the queue card that has the focus ("" when the focus is not on a card): not the
 * focused element's text, which is the whole page's when nothing has the focus.
 */
export const focusedCard = (page: Page) =>
  page.evaluate(
    () => document.activeElement?.closest("article.review")?.querySelector("h2")?.textContent ?? "",
  );

/** Screenshots for docs/admin/ when PLAUDIT_ADMIN_SCREENSHOTS=1 (README links them). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.PLAUDIT_ADMIN_SCREENSHOTS !== "1") return;
  const dir = join(repoRoot, "docs/admin");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
