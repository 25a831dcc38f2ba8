import { afterEach, describe, expect, it, vi } from "vitest";
import { fitWithin, MAX_EDGE, resizeImage } from "./prepare-media.ts";

afterEach(() => vi.unstubAllGlobals());

describe("preparing a photo", () => {
  it("scales the long edge down to 2048 px, keeping the shape, and never scales up", () => {
    expect(fitWithin(4032, 3024, MAX_EDGE)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(3024, 4032, MAX_EDGE)).toEqual({ width: 1536, height: 2048 });
    expect(fitWithin(800, 600, MAX_EDGE)).toEqual({ width: 800, height: 600 });
  });

  it("decodes upright (EXIF orientation applied) and sends the original when the browser cannot decode", async () => {
    const decode = vi.fn(async () => {
      throw new DOMException("The source image could not be decoded.", "InvalidStateError");
    });
    vi.stubGlobal("createImageBitmap", decode);
    const heic = new Blob([new Uint8Array(16)], { type: "image/heic" });
    await expect(resizeImage(heic)).resolves.toBe(heic);
    expect(decode).toHaveBeenCalledWith(heic, { imageOrientation: "from-image" });
  });

  it("does not decode a picture whose header says it is huge (a decompression bomb): it goes up as it is", async () => {
    const decode = vi.fn(async () => ({ width: 1, height: 1, close() {} }));
    vi.stubGlobal("createImageBitmap", decode);
    // A PNG's signature and IHDR: 20000 × 20000 (400 MP, 1.6 GB once decoded), in a few bytes.
    const header = new Uint8Array(33);
    const view = new DataView(header.buffer);
    header.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    view.setUint32(16, 20000);
    view.setUint32(20, 20000);
    const bomb = new Blob([header], { type: "image/png" });
    await expect(resizeImage(bomb)).resolves.toBe(bomb);
    expect(decode).not.toHaveBeenCalled();
    // A 200 MP phone photo (16320 × 12240, JPEG SOF0 after an APP1) is still decoded and resized.
    const jpeg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe1, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x2f, 0xd0, 0x3f, 0xc0,
    ]);
    await resizeImage(new Blob([jpeg], { type: "image/jpeg" }));
    expect(decode).toHaveBeenCalledTimes(1);
  });
});
