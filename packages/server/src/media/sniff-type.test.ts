import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { isoVideo, solidJpeg, solidPng, webmVideo } from "../../testing/test-files.ts";
import { sniffType } from "./sniff-type.ts";

/** An ISO-BMFF file type box with this major brand (and mif1 beside it), as HEIF files start. */
const ftyp = (brand: string) =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from(`ftyp${brand}`, "latin1"),
    Buffer.alloc(4),
    Buffer.from(`mif1${brand}`, "latin1"),
    Buffer.alloc(64),
  ]);

// The upload's type judged by its first bytes only: what each accepted format is taken for, and
// that formats a browser could run or that we do not serve are nothing.
describe("sniffing an upload's type", () => {
  it("knows the photo and video formats we accept", async () => {
    const webp = Buffer.concat([
      Buffer.from("RIFF"),
      Buffer.from([36, 0, 0, 0]),
      Buffer.from("WEBPVP8 "),
      Buffer.alloc(32),
    ]);
    const cases: [string, Uint8Array, unknown][] = [
      ["jpeg", await solidJpeg(8, 8), { kind: "image", mime: "image/jpeg" }],
      ["png", await solidPng(8, 8), { kind: "image", mime: "image/png" }],
      ["webp", webp, { kind: "image", mime: "image/webp" }],
      [
        "avif",
        await sharp({ create: { width: 8, height: 8, channels: 3, background: "#369" } })
          .avif()
          .toBuffer(),
        { kind: "image", mime: "image/avif" },
      ],
      ["heic", ftyp("heic"), { kind: "image", mime: "image/heic" }],
      // HEIF is the same container: kept as image/heic.
      ["heif", ftyp("mif1"), { kind: "image", mime: "image/heic" }],
      ["mp4", isoVideo({ mdatBytes: 100 }), { kind: "video", mime: "video/mp4" }],
      ["mov", isoVideo({ brand: "qt  ", mdatBytes: 100 }), { kind: "video", mime: "video/quicktime" }],
      ["webm", webmVideo(), { kind: "video", mime: "video/webm" }],
    ];
    for (const [name, bytes, expected] of cases)
      expect([name, await sniffType(bytes)]).toEqual([name, expected]);
  });

  it("is nothing for GIF, PDF, HTML, SVG, unknown or no bytes", async () => {
    for (const bytes of [
      Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"),
      Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1"),
      Buffer.from("<!doctype html><html><script>alert(1)</script></html>"),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      Buffer.alloc(100, 0x11),
      Buffer.alloc(0),
    ]) {
      expect(await sniffType(bytes)).toBeUndefined();
    }
  });
});
