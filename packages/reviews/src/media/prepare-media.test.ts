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
});
