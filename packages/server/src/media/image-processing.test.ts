import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { photoWithPrivateMetadata, solidPng } from "../../testing/test-files.ts";
import { ApiError } from "../errors.ts";
import { processImage, variantWidths } from "./image-processing.ts";

async function refusal(work: Promise<unknown>): Promise<ApiError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("processImage", () => {
  it("keeps no EXIF, GPS, XMP or ICC metadata of the upload", async () => {
    const input = await photoWithPrivateMetadata();
    const before = await sharp(input).metadata();
    expect(before.exif && before.xmp && before.icc).toBeTruthy();

    const { variants } = await processImage(input, "image/jpeg");
    expect(variants.length).toBeGreaterThan(0);
    for (const v of variants) {
      for (const file of [v.webp, v.jpg]) {
        const meta = await sharp(file).metadata();
        expect(meta.exif).toBeUndefined();
        expect(meta.icc).toBeUndefined();
        expect(meta.xmp).toBeUndefined();
        expect(file.includes(Buffer.from("PlauditCam"))).toBe(false);
        expect(file.includes(Buffer.from("Secret Person"))).toBe(false);
      }
    }
  });

  it("turns the picture upright by its EXIF orientation", async () => {
    // 1600×1200 stored with orientation 6 (rotate 90°) is a 1200×1600 portrait.
    const { variants } = await processImage(await photoWithPrivateMetadata(), "image/jpeg");
    const largest = variants[variants.length - 1];
    expect(largest).toMatchObject({ width: 1200, height: 1600 });
    expect(await sharp(largest?.jpg).metadata()).toMatchObject({ width: 1200, height: 1600, format: "jpeg" });
    expect(await sharp(largest?.webp).metadata()).toMatchObject({ width: 1200, format: "webp" });
  });

  it("makes 320/640/1280 wide sizes and never enlarges a small picture", async () => {
    expect(variantWidths(4000)).toEqual([320, 640, 1280]);
    expect(variantWidths(1000)).toEqual([320, 640, 1000]);
    expect(variantWidths(200)).toEqual([200]);
    const small = await processImage(await solidPng(200, 100), "image/png");
    expect(small.variants.map((v) => [v.width, v.height])).toEqual([[200, 100]]);
  });

  it("gives the dominant colour as a CSS placeholder", async () => {
    const { placeholder } = await processImage(await solidPng(400, 300, "#336699"), "image/png");
    expect(placeholder).toMatch(/^#[0-9a-f]{6}$/);
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(placeholder.slice(i, i + 2), 16));
    // stats() bins colours coarsely: near #336699, not exactly.
    expect(Math.abs((r as number) - 0x33)).toBeLessThan(24);
    expect(Math.abs((g as number) - 0x66)).toBeLessThan(24);
    expect(Math.abs((b as number) - 0x99)).toBeLessThan(24);
  });

  it("refuses a truncated JPEG with 422", async () => {
    const whole = await photoWithPrivateMetadata(800, 600);
    const error = await refusal(
      processImage(whole.subarray(0, Math.floor(whole.length * 0.7)), "image/jpeg"),
    );
    expect(error.status).toBe(422);
  });

  it("refuses JPEG magic bytes followed by HTML with 422", async () => {
    const polyglot = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
      Buffer.from("<html><script>alert(document.cookie)</script></html>"),
    ]);
    expect((await refusal(processImage(polyglot, "image/jpeg"))).status).toBe(422);
  });

  it("refuses more than 40 megapixels with 413", async () => {
    const huge = await sharp({ create: { width: 8000, height: 5001, channels: 3, background: "#fff" } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    expect((await refusal(processImage(huge, "image/png"))).status).toBe(413);
  });
});
