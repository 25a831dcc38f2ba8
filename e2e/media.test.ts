// Photo and video reviews in Chromium against the real server (issue 4): files picked with
// setInputFiles (a real JPEG made here with sharp; the server tests' structurally valid MP4),
// resized in the browser before upload, shown on the card after publishing (the demo store
// publishes at once), opened in the lightbox and moved through by keyboard, with 0 axe violations;
// and the gallery widget on the demo store's Customer photos page.
import type { Page } from "playwright-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { isoVideo, photoWithPrivateMetadata } from "../packages/server/testing/test-files.ts";
import { WAIT_FOR_MS } from "../scripts/test-waits.mjs";
import { harnessOfFile } from "./harness.ts";
import { axeViolations } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

const TALL = { width: 1280, height: 2400 };

/** The focused element, looking through shadow roots. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return (
      active?.textContent?.trim() ||
      active?.getAttribute("aria-label") ||
      active?.querySelector("img")?.alt ||
      ""
    );
  });

/**
 * Writes a review with files through the real form and waits for "published". Each review says
 * something of its own: the same text from one address on another product is held as spam.
 */
async function writeReview(
  page: Page,
  author: string,
  files: { name: string; mimeType: string; buffer: Buffer }[],
  body = "Exactly like the photos: good colour, holds its shape.",
): Promise<void> {
  const reviews = page.locator('[data-plaudit="reviews"]');
  await reviews.locator("article").first().waitFor({ timeout: WAIT_FOR_MS });
  await reviews.getByRole("button", { name: "Write a review" }).click();
  const dialog = reviews.getByRole("dialog");
  await dialog.getByRole("radio", { name: "5 stars" }).click();
  await dialog.getByRole("textbox", { name: "Your review" }).fill(body);
  await dialog.getByRole("textbox", { name: "Your name" }).fill(author);
  await dialog.getByRole("textbox", { name: "Email" }).fill("shopper@example.com");
  await dialog.locator("input[type=file]:not([capture])").setInputFiles(files);
  // Every file resized, stored and answered by the server in one wait: the suite's wait for each.
  await expect
    .poll(() => dialog.getByText("Uploaded", { exact: true }).count(), {
      timeout: files.length * WAIT_FOR_MS,
    })
    .toBe(files.length);
  await dialog.getByRole("button", { name: "Submit review" }).click();
  await dialog.getByText("Thank you! Your review has been published.").waitFor({ timeout: WAIT_FOR_MS });
}

// Chromium hands Playwright no body for an upload of a Blob, so the page records what it sends.
const RECORD_UPLOADS = `(() => {
  const sent = (window.__plauditUploads = []);
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (body) {
    if (body instanceof FormData && body.get("file") instanceof Blob) sent.push(body.get("file"));
    return send.call(this, body);
  };
})();`;

/** The files the page sent to POST /media, as sharp reads them. */
async function uploadedImages(page: Page) {
  const encoded = await page.evaluate(async () => {
    const sent = (window as unknown as { __plauditUploads: Blob[] }).__plauditUploads;
    return Promise.all(
      sent.map(async (blob) => {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let text = "";
        for (const byte of bytes) text += String.fromCharCode(byte);
        return btoa(text);
      }),
    );
  });
  return Promise.all(encoded.map((base64) => sharp(Buffer.from(base64, "base64")).metadata()));
}

describe("photo and video reviews", () => {
  it("sends a photo review resized and upright in the browser, shows it on the card and in the lightbox, keyboard and axe clean", async () => {
    const shop = await plaudit.open("/demo/tee-classic.html", { viewport: TALL, initScript: RECORD_UPLOADS });
    // 3000×2000 stored sideways (EXIF orientation 6, GPS inside): the browser must send it upright, ≤ 2048 px.
    const sideways = await photoWithPrivateMetadata(3000, 2000);
    const second = await sharp({ create: { width: 900, height: 1200, channels: 3, background: "#3a7d44" } })
      .jpeg()
      .toBuffer();
    await writeReview(shop.page, "Photo Tester", [
      { name: "sideways.jpg", mimeType: "image/jpeg", buffer: sideways },
      { name: "green.jpg", mimeType: "image/jpeg", buffer: second },
    ]);
    const [first] = await uploadedImages(shop.page);
    expect(first!.format).toBe("jpeg");
    expect(Math.max(first!.width, first!.height)).toBeLessThanOrEqual(2048);
    expect(first!.height).toBeGreaterThan(first!.width); // turned upright: portrait
    expect(first!.exif).toBeUndefined(); // no GPS or camera data left the browser
    expect(shop.problems()).toEqual([]);
    await shop.close();

    // A fresh shopper (no HTTP cache) sees it on the card.
    const reader = await plaudit.open("/demo/tee-classic.html", { viewport: TALL });
    const reviews = reader.page.locator('[data-plaudit="reviews"]');
    const thumb = reviews.getByRole("button", { name: "Photo 1 from Photo Tester’s review" });
    await thumb.waitFor({ timeout: WAIT_FOR_MS });
    const box = await thumb.locator("img").evaluate((img: HTMLImageElement) => ({
      width: img.getAttribute("width"),
      loading: img.loading,
      src: img.src,
    }));
    expect(box).toMatchObject({ width: "64", loading: "lazy" });
    // The smallest size the server made (320 px: enough for the 64 px box on any screen).
    expect(box.src).toMatch(/\/w320\.webp$/);
    await expect.poll(() => reviews.getByText(/photos? (and|or) videos?/).count()).toBeGreaterThan(0);

    await thumb.click();
    const dialog = reviews.getByRole("dialog");
    await dialog.waitFor();
    await expect.poll(() => dialog.locator(".plaudit-lightbox__position").textContent()).toBe("1 of 2");
    await expect
      .poll(() =>
        dialog
          .locator("img.plaudit-lightbox__media")
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
    expect(await dialog.textContent()).toContain("Exactly like the photos");
    await reader.page.keyboard.press("ArrowRight");
    await expect.poll(() => dialog.locator(".plaudit-lightbox__position").textContent()).toBe("2 of 2");
    expect(await dialog.locator("img.plaudit-lightbox__media").getAttribute("alt")).toBe(
      "Photo 2 from Photo Tester’s review",
    );
    await reader.page.keyboard.press("ArrowLeft");
    await expect.poll(() => dialog.locator(".plaudit-lightbox__position").textContent()).toBe("1 of 2");
    // Tab stays inside the dialog.
    for (let i = 0; i < 6; i++) await reader.page.keyboard.press("Tab");
    expect(
      await dialog.evaluate((d) =>
        d.contains(
          d.getRootNode() instanceof ShadowRoot ? (d.getRootNode() as ShadowRoot).activeElement : null,
        ),
      ),
    ).toBe(true);
    expect(await axeViolations(reader.page)).toEqual([]);
    await reader.page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focusedName(reader.page)).toBe("Photo 1 from Photo Tester’s review");
    expect(await axeViolations(reader.page)).toEqual([]);
    expect(reader.problems()).toEqual([]);
    await reader.close();
  });

  it("sends a video review and plays it with native controls in the lightbox", async () => {
    const shop = await plaudit.open("/demo/mug-enamel.html", { viewport: TALL });
    await writeReview(
      shop.page,
      "Video Tester",
      [
        {
          name: "clip.mp4",
          mimeType: "video/mp4",
          buffer: isoVideo({ width: 640, height: 360, seconds: 3 }),
        },
      ],
      "The enamel survived a week of camping; the clip shows the chip-free rim.",
    );
    await shop.close();

    const reader = await plaudit.open("/demo/mug-enamel.html", { viewport: TALL });
    const reviews = reader.page.locator('[data-plaudit="reviews"]');
    const thumb = reviews.getByRole("button", { name: /^Video 1 from Video Tester’s review/ });
    await thumb.waitFor({ timeout: WAIT_FOR_MS });
    expect(await thumb.textContent()).toContain("0:03");
    await thumb.press("Enter");
    const video = reviews.getByRole("dialog").locator("video");
    await video.waitFor();
    expect(
      await video.evaluate((v: HTMLVideoElement) => ({
        controls: v.controls,
        label: v.getAttribute("aria-label"),
      })),
    ).toEqual({
      controls: true,
      label: "Video 1 from Video Tester’s review",
    });
    expect(await axeViolations(reader.page)).toEqual([]);
    await reader.page.keyboard.press("Escape");
    await reader.close();
  });

  it("shows the shop's review photos in the gallery widget, opens one with its review and product link", async () => {
    const shop = await plaudit.open("/demo/gallery.html", { viewport: TALL });
    const grid = shop.page.locator('[data-plaudit="gallery"]:not([data-layout])');
    await expect.poll(() => grid.locator(".plaudit-gallery__tile").count()).toBeGreaterThanOrEqual(3);
    const carousel = shop.page.locator('[data-plaudit="gallery"][data-layout="carousel"]');
    await carousel.getByRole("button", { name: "Pause slideshow" }).waitFor();
    await carousel.getByRole("button", { name: "Pause slideshow" }).click();
    await carousel.getByRole("button", { name: "Play slideshow" }).waitFor();

    await grid.locator(".plaudit-gallery__tile").first().click();
    const dialog = grid.getByRole("dialog");
    // The newest media first: one of the two reviews written above, with its own text.
    await dialog.getByText(/Exactly like the photos|chip-free rim/).waitFor({ timeout: WAIT_FOR_MS });
    const href = await dialog.getByRole("link", { name: "View the product" }).getAttribute("href");
    expect(href).toMatch(/^(tee-classic|mug-enamel)\.html$/);
    expect(await axeViolations(shop.page)).toEqual([]);
    await shop.page.keyboard.press("Escape");
    expect(shop.problems()).toEqual([]);
    await shop.close();
  });
});
