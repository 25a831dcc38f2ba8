import { availableParallelism } from "node:os";
import type { Metadata, OutputInfo } from "sharp";
import { ApiError } from "../errors.ts";
import { MEDIA_LIMITS } from "./media-limits.ts";

type SharpModule = typeof import("sharp")["default"];
let sharpLoading: Promise<SharpModule> | undefined;

/**
 * sharp, loaded on first use. Its native part is a per-platform optional dependency, which an
 * install may lack (`--omit=optional`, node_modules copied from another OS): only image work
 * needs it, so every other command runs without it, and `start` asks for it up front (cli.ts).
 */
export async function loadSharp(): Promise<SharpModule> {
  sharpLoading ??= import("sharp").then((module) => module.default);
  return sharpLoading;
}

export interface EncodedVariant {
  width: number;
  height: number;
  webp: Buffer;
  jpg: Buffer;
}

export interface ProcessedImage {
  /** Ascending width; the last is the largest. */
  variants: EncodedVariant[];
  /** Dominant colour, #rrggbb. */
  placeholder: string;
}

// Decoding a 40-megapixel photo takes ~120 MB of pixels: only a few run at once, the rest queue.
const MAX_PARALLEL = Math.max(2, Math.min(4, availableParallelism()));
let running = 0;
const waiting: (() => void)[] = [];

async function withImageSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((go) => waiting.push(go));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

const LARGEST_WIDTH = MEDIA_LIMITS.widths[MEDIA_LIMITS.widths.length - 1] ?? 1280;

const tooManyPixels = () => new ApiError(413, "payload_too_large", "images may have at most 40 megapixels");

const unreadable = () =>
  new ApiError(422, "validation_failed", "file could not be read as an image (damaged or incomplete?)", {
    file: "could not be read as an image (damaged or incomplete?)",
  });

/** The widths to make for an image `width` px wide: never larger than the image itself. */
export function variantWidths(width: number): number[] {
  const largest = Math.min(width, LARGEST_WIDTH);
  return [...MEDIA_LIMITS.widths.filter((w) => w < largest), largest];
}

const hex = (n: number) => Math.round(n).toString(16).padStart(2, "0");

/**
 * Decodes an uploaded photo and makes new files from its pixels alone: auto-rotated from its EXIF
 * orientation, converted to sRGB, resized to the responsive widths (never enlarged; the largest
 * fits 1280 × 4096), encoded as WebP and JPEG. Nothing of the original file is copied (no EXIF,
 * GPS, XMP, ICC, comments, or bytes appended after the image), so a polyglot cannot survive. Damaged or truncated input is
 * 422; more than 40 megapixels is 413; a format this sharp build cannot decode (HEVC HEIC) is 415.
 */
export function processImage(input: Buffer, sourceType: string): Promise<ProcessedImage> {
  return withImageSlot(async () => {
    const sharp = await loadSharp();
    const options = {
      failOn: "truncated",
      limitInputPixels: MEDIA_LIMITS.imagePixels,
    } as const;
    let meta: Metadata;
    try {
      meta = await sharp(input, options).metadata();
    } catch (error) {
      if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooManyPixels();
      if (sourceType === "image/heic") {
        throw new ApiError(
          415,
          "unsupported_media_type",
          "HEIC photos cannot be read here; send JPEG (iPhone: Settings › Camera › Formats › Most Compatible)",
        );
      }
      throw unreadable();
    }
    if ((meta.width ?? 0) * (meta.height ?? 0) > MEDIA_LIMITS.imagePixels) throw tooManyPixels();

    let base: { data: Buffer; info: OutputInfo };
    try {
      base = await sharp(input, options)
        .rotate()
        .resize({
          width: LARGEST_WIDTH,
          height: MEDIA_LIMITS.largestHeight,
          fit: "inside",
          withoutEnlargement: true,
        })
        .toColourspace("srgb")
        .raw()
        .toBuffer({ resolveWithObject: true });
    } catch (error) {
      if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooManyPixels();
      throw unreadable();
    }
    const raw = {
      raw: { width: base.info.width, height: base.info.height, channels: base.info.channels },
    } as const;

    const variants: EncodedVariant[] = [];
    for (const width of variantWidths(base.info.width)) {
      const height = Math.max(1, Math.round((base.info.height * width) / base.info.width));
      const resized = () => sharp(base.data, raw).resize({ width, height, fit: "fill" });
      const [webp, jpg] = await Promise.all([
        // effort 3 and plain libjpeg: mozjpeg's trellis and WebP's default effort cost 5–10× the
        // time for a few percent of bytes, and uploads are waited on.
        resized().webp({ quality: 80, effort: 3 }).toBuffer(),
        resized().flatten({ background: "#ffffff" }).jpeg({ quality: 82, progressive: true }).toBuffer(),
      ]);
      variants.push({ width, height, webp, jpg });
    }
    const { dominant } = await sharp(base.data, raw).stats();
    return { variants, placeholder: `#${hex(dominant.r)}${hex(dominant.g)}${hex(dominant.b)}` };
  });
}

/** A plain poster for a video sent without one (no frame can be decoded without ffmpeg). */
export async function plainPoster(width: number, height: number): Promise<ProcessedImage> {
  const w = width > 0 ? width : 640;
  const h = height > 0 ? height : 360;
  const sharp = await loadSharp();
  const png = await sharp({
    create: {
      width: Math.min(w, 1280),
      height: Math.max(1, Math.round((Math.min(w, 1280) * h) / w)),
      channels: 3,
      background: "#1f2937",
    },
  })
    .png()
    .toBuffer();
  return processImage(png, "image/png");
}
