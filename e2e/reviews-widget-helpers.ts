import { readFileSync } from "node:fs";
// Shared by the reviews-widget*.test.ts files: read what the reviews widget shows (through its open
// shadow root), ask the API directly for what it should show, and run axe over the page.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect, vi } from "vitest";
import { WAIT_FOR_MS } from "../scripts/test-waits.mjs";
import type { Harness, ShopPage } from "./harness.ts";

const require = createRequire(import.meta.url);

export const PRODUCT_PAGE = "/demo/tee-classic.html";
export const PRODUCT = "tee-classic";
export const REVIEWS_API = `/v1/stores/demo/products/${PRODUCT}/reviews`;
/** Tall enough that the reviews widget is in view at once (it loads when it nears the viewport). */
export const TALL = { width: 1280, height: 2400 };

/** A review card as the shopper sees it, read back from the DOM. */
export interface ShownReview {
  id: string;
  rating: number;
  title: string;
  body: string;
  createdAt: string;
  verified: boolean;
  up: number;
  down: number;
  upPressed: boolean;
  downPressed: boolean;
  media: number;
}

export interface ApiReview {
  id: string;
  rating: number;
  title: string;
  body: string;
  createdAt: string;
  verified: boolean;
  helpful: { up: number; down: number };
  media: unknown[];
}

export interface ApiPage {
  items: ApiReview[];
  nextCursor: string | null;
  total: number;
  /** A search stopped at its first 1,000 matches: `total` is a floor. */
  totalCapped?: true;
}

/** Every card in the reviews widget, in order. Ratings come from the stars' text alternative. */
export function shownReviews(page: Page): Promise<ShownReview[]> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-plaudit="reviews"]')?.shadowRoot;
    const cards = [...(root?.querySelectorAll<HTMLElement>("article.plaudit-review") ?? [])];
    return cards.map((card) => {
      const [up, down] = [...card.querySelectorAll<HTMLButtonElement>(".plaudit-votes button")];
      const count = (button?: HTMLElement) =>
        Number(button?.querySelector(".plaudit-votes__count")?.textContent?.replace(/\D/g, "") ?? Number.NaN);
      const label = card.querySelector(".plaudit-stars")?.getAttribute("aria-label") ?? "";
      return {
        id: card.id.replace(/^plaudit-review-/, ""),
        rating: Number(/\d+(\.\d+)?/.exec(label)?.[0] ?? Number.NaN),
        title: card.querySelector(".plaudit-review__title")?.textContent ?? "",
        body: card.querySelector(".plaudit-review__body")?.textContent ?? "",
        createdAt: card.querySelector(".plaudit-review__meta time")?.getAttribute("datetime") ?? "",
        verified: card.querySelector(".plaudit-badge") !== null,
        up: count(up),
        down: count(down),
        upPressed: up?.getAttribute("aria-pressed") === "true",
        downPressed: down?.getAttribute("aria-pressed") === "true",
        media: card.querySelectorAll(".plaudit-media__open").length,
      };
    });
  });
}

export const idsOf = (reviews: { id: string }[]) => reviews.map((review) => review.id);

/** The reviews widget's polite live region ("Showing 10 of 57"), not the write dialog's. */
export function announcement(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      document
        .querySelector('[data-plaudit="reviews"]')
        ?.shadowRoot?.querySelector(".plaudit-reviews > [role='status']")
        ?.textContent?.trim() ?? "",
  );
}

/** The element focused inside the reviews widget's shadow root, described for assertions. */
export function focusedInWidget(
  page: Page,
): Promise<{ tag: string; role: string; id: string; text: string; name: string }> {
  return page.evaluate(() => {
    const host = document.querySelector('[data-plaudit="reviews"]');
    const el = document.activeElement === host ? host?.shadowRoot?.activeElement : document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      role: el?.getAttribute("role") ?? "",
      id: el?.id ?? "",
      text: el?.textContent?.trim() ?? "",
      name: el?.getAttribute("name") ?? el?.getAttribute("aria-label") ?? "",
    };
  });
}

/** GET from the API as the widget would, straight from Node (no browser cache in between). */
export async function apiGet<T>(
  plaudit: Harness,
  path: string,
  query: Record<string, string> = {},
): Promise<T> {
  const url = new URL(path, plaudit.baseUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const listReviews = (plaudit: Harness, query: Record<string, string> = {}) =>
  apiGet<ApiPage>(plaudit, REVIEWS_API, query);

/** Opens the product page (or another) and waits for the first review cards. */
export async function openWithReviews(plaudit: Harness, path = PRODUCT_PAGE): Promise<ShopPage> {
  const shop = await plaudit.open(path, { viewport: TALL });
  await shop.page.locator('[data-plaudit="reviews"] article').first().waitFor({ timeout: 10_000 });
  return shop;
}

/** The reviews widget's host; Playwright locators pierce its open shadow root. */
export const reviewsWidget = (page: Page) => page.locator('[data-plaudit="reviews"]');

/**
 * Whether the widget's code has mounted in every `kind` host on the page. The loader paints the
 * reviews and the badges from the server's markup and mounts their code when the shopper reaches
 * for one (docs/widget-contract.md, "Painted first"). Painted and mounted widgets adopt the same
 * sheets (a sheet per part of the CSS, shared), so the count says nothing: the code's own
 * `adoptStyles` lists what it adopted on the root, under `Symbol.for("plaudit.sheets")` (ui's
 * sheets.ts), none until it mounts. Server-rendered hosts (docs/ssr.md) carry a <style> until then.
 */
export const widgetCodeMounted = (page: Page, kind = "reviews") =>
  page.evaluate(
    (k) =>
      [...document.querySelectorAll(`[data-plaudit="${k}"]`)].every((host) => {
        const root = host.shadowRoot as (ShadowRoot & Record<symbol, unknown[] | undefined>) | null;
        return (root?.[Symbol.for("plaudit.sheets")]?.length ?? 0) > 0;
      }),
    kind,
  );

/**
 * Two frames and a task: what a widget does right after mounting (Preact runs its effects after
 * the next frame) has been done, and shifts it caused are reported. Not a timing assertion.
 */
export const nextFrames = (page: Page) =>
  page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done)))),
  );

/**
 * The shopper reaches for the reviews widget (a pointer over it), and its code comes: waits until
 * it has mounted over the painted markup, so what the test does next goes to the live widget.
 */
export async function reachForReviews(page: Page): Promise<void> {
  await reviewsWidget(page).hover();
  await expect.poll(() => widgetCodeMounted(page)).toBe(true);
}

/**
 * Waits until nothing on the page says it is updating (no aria-busy="true", open shadow roots
 * included), then until every animation and transition that ends has ended (not a skeleton's
 * endless pulse, nor one paused). A list being reloaded is dimmed while busy (reviews-styles.ts:
 * the new review just published reloads the list behind the thanks), and a dialog fades in from
 * transparent over .15 s (ui's dialog-styles.ts): a contrast read then reads half-transparent text
 * (axe blends opacity in). Not a timing assertion: it waits for the page to come to rest.
 */
export async function settled(page: Page): Promise<void> {
  // vi.waitFor, not expect.poll: concurrent tests (admin-privacy's languages) call this without
  // the global expect's test context.
  await vi.waitFor(
    async () => {
      const busy = await page.evaluate(() => {
        const roots: (Document | ShadowRoot)[] = [document];
        let busy = 0;
        for (let i = 0; i < roots.length; i++) {
          for (const element of roots[i]!.querySelectorAll("*")) {
            if (element.shadowRoot) roots.push(element.shadowRoot);
            if (element.getAttribute("aria-busy") === "true") busy++;
          }
        }
        return busy;
      });
      if (busy > 0) throw new Error(`${busy} element(s) still aria-busy`);
    },
    { timeout: WAIT_FOR_MS, interval: 50 },
  );
  await page.evaluate(async () => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const element of roots[i]!.querySelectorAll("*"))
        if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    const ending = roots
      .flatMap((root) => root.getAnimations())
      .filter(
        (animation) =>
          animation.playState === "running" && Number.isFinite(animation.effect?.getComputedTiming().endTime),
      );
    // A cancelled one (its element gone meanwhile) rejects: it is over too.
    await Promise.all(ending.map((animation) => animation.finished.catch(() => undefined)));
  });
}

/**
 * axe-core over the whole document (open shadow roots included), once it is at rest (settled):
 * "rule: help (targets)" per violation.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, not added as a <script>: pages with a strict CSP (the admin app)
  // refuse inline scripts.
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  await settled(page);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; help: string; nodes: { target: unknown }[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document): Promise<Result> } }).axe;
    const result = await axe.run(document);
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.map((n) => n.target))})`,
    );
  });
}

/** Uploads a photo of one colour at this size through the media route, as a shop's backend could. */
async function uploadPhoto(plaudit: Harness, width: number, height: number, shade: number): Promise<string> {
  const { default: sharp } = await import("sharp");
  const png = await sharp({
    create: { width, height, channels: 3, background: { r: 40 + shade * 60, g: 120, b: 90 } },
  })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), `photo-${shade}.png`);
  const upload = await fetch(new URL("/v1/stores/demo/media", plaudit.baseUrl), {
    method: "POST",
    body: form,
  });
  if (upload.status !== 201) throw new Error(`media upload: ${upload.status} ${await upload.text()}`);
  return ((await upload.json()) as { id: string }).id;
}

/**
 * Publishes a review of the product with photos of these sizes, newest of all. Answers its id.
 */
export async function addReviewWithPhotos(
  plaudit: Harness,
  sizes: { width: number; height: number }[],
  n = 0,
  body = "Here is how it looks after a month of wear.",
): Promise<string> {
  const mediaIds: string[] = [];
  for (const [i, { width, height }] of sizes.entries())
    mediaIds.push(await uploadPhoto(plaudit, width, height, n + i));
  const created = await fetch(new URL(REVIEWS_API, plaudit.baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      rating: 4,
      title: `Photo review ${n + 1}`,
      body,
      author: { name: `Photo Shopper ${n + 1}`, email: `photo${n}@example.com` },
      mediaIds,
    }),
  });
  if (created.status !== 201) throw new Error(`review: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { review: { id: string } }).review.id;
}

/** Publishes reviews with a photo each, newest of all. Answers their ids, newest last. */
export async function addReviewsWithPhotos(plaudit: Harness, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(await addReviewWithPhotos(plaudit, [{ width: 320, height: 240 }], i));
  return ids;
}
