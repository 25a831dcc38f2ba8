// What the browser does to a file before it is uploaded. A photo is decoded upright (EXIF
// orientation applied) and re-encoded as a JPEG no longer than 2048 px: a 12 MB phone photo
// becomes well under 1 MB, and its metadata (GPS included) never leaves the phone. A video gets a
// poster frame drawn from the video itself. Anything the browser cannot decode goes up as it is
// (the server decides); nothing here ever blocks an upload.
import type { PreparedMedia } from "./upload-queue.ts";

/** Longest edge of a photo as uploaded, in px. */
export const MAX_EDGE = 2048;
/** Longest edge of a video's poster frame, in px. */
export const POSTER_EDGE = 1280;
const JPEG_QUALITY = 0.86;
const POSTER_TIMEOUT_MS = 5000;

/** Width and height scaled down (never up) to fit `max` on the long edge. */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

type Drawable = CanvasImageSource & { width?: number; height?: number };

/** Draws `source` at the given size and encodes a JPEG; undefined when the browser cannot. */
async function encodeJpeg(source: Drawable, width: number, height: number): Promise<Blob | undefined> {
  const canvas =
    typeof OffscreenCanvas === "function"
      ? new OffscreenCanvas(width, height)
      : document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d") as
    | CanvasRenderingContext2D
    | OffscreenCanvasRenderingContext2D
    | null;
  if (!context) return undefined;
  // A transparent PNG would turn black as a JPEG.
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.drawImage(source, 0, 0, width, height);
  if ("convertToBlob" in canvas) return canvas.convertToBlob({ type: "image/jpeg", quality: JPEG_QUALITY });
  return new Promise((resolve) =>
    canvas.toBlob((blob) => resolve(blob ?? undefined), "image/jpeg", JPEG_QUALITY),
  );
}

/**
 * Pixels above which a photo is not decoded here. A 200 MP phone sensor is below it; a
 * decompression bomb (a 1 MB PNG of 20000 × 20000: 1.6 GB decoded) is above, and would get a
 * phone's tab killed. Such a file goes up as it is, and the server refuses it (over 40 MP).
 */
const DECODE_PIXELS_MAX = 250_000_000;

/** Width × height from a PNG, GIF, WebP or JPEG header in the first 256 KB; 0 when not found. */
export async function headerPixels(file: Blob): Promise<number> {
  const b = new DataView(await file.slice(0, 256 * 1024).arrayBuffer());
  const has = (at: number, n: number) => at + n <= b.byteLength;
  const u16le = (at: number) => b.getUint16(at, true);
  const u24le = (at: number) => u16le(at) + (b.getUint8(at + 2) << 16);
  const tag = (at: number) => (has(at, 4) ? b.getUint32(at) : 0);
  if (tag(0) === 0x89504e47 && tag(12) === 0x49484452 && has(16, 8)) return b.getUint32(16) * b.getUint32(20);
  if (tag(0) === 0x47494638 && has(6, 4)) return u16le(6) * u16le(8); // GIF8
  if (tag(0) === 0x52494646 && tag(8) === 0x57454250 && has(12, 18)) {
    // RIFF….WEBP: VP8X (extended), VP8L (lossless) or VP8 (lossy) first.
    const chunk = tag(12);
    if (chunk === 0x56503858) return (1 + u24le(24)) * (1 + u24le(27));
    if (chunk === 0x5650384c) {
      const bits = b.getUint32(21, true);
      return (1 + (bits & 0x3fff)) * (1 + ((bits >>> 14) & 0x3fff));
    }
    return (u16le(26) & 0x3fff) * (u16le(28) & 0x3fff);
  }
  if (b.byteLength > 3 && b.getUint16(0) === 0xffd8) {
    // JPEG: walk the markers to the frame header (SOF0–SOF15 but DHT, JPG and DAC).
    for (let at = 2; has(at, 9) && b.getUint8(at) === 0xff; at += 2 + b.getUint16(at + 2)) {
      const marker = b.getUint8(at + 1);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return b.getUint16(at + 5) * b.getUint16(at + 7);
    }
  }
  return 0;
}

/** The photo upright, ≤ MAX_EDGE, as a JPEG; the file itself when the browser cannot (or should not) decode it. */
export async function resizeImage(file: Blob, maxEdge = MAX_EDGE): Promise<Blob> {
  if (typeof createImageBitmap !== "function") return file;
  try {
    if ((await headerPixels(file)) > DECODE_PIXELS_MAX) return file;
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    try {
      const size = fitWithin(bitmap.width, bitmap.height, maxEdge);
      const encoded = await encodeJpeg(bitmap, size.width, size.height);
      return encoded && encoded.size > 0 ? encoded : file;
    } finally {
      bitmap.close();
    }
  } catch {
    return file; // HEIC in a browser that cannot read it, or a broken file: the server decides.
  }
}

/**
 * A frame from about a second in (past black lead-ins), ≤ POSTER_EDGE, and the video's length in
 * seconds; each absent when the browser cannot tell.
 */
export async function videoPoster(
  file: Blob,
  timeoutMs = POSTER_TIMEOUT_MS,
): Promise<{ poster?: Blob; seconds?: number }> {
  if (typeof document === "undefined" || typeof URL.createObjectURL !== "function") return {};
  const url = URL.createObjectURL(file);
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.preload = "auto";
  const waitFor = (event: string) =>
    new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => settle(new Error("timeout")), timeoutMs);
      video.addEventListener(event, () => settle(), { once: true });
      video.addEventListener("error", () => settle(new Error("undecodable")), { once: true });
    });
  try {
    const loaded = waitFor("loadeddata");
    video.src = url;
    await loaded;
    // A recording's WebM often states no length (Infinity until played through).
    const seconds = Number.isFinite(video.duration) ? video.duration : undefined;
    if (!video.videoWidth || !video.videoHeight) return { seconds };
    const seeked = waitFor("seeked");
    video.currentTime = Math.min(1, (seconds ?? 0) / 3);
    await seeked;
    const size = fitWithin(video.videoWidth, video.videoHeight, POSTER_EDGE);
    return { poster: await encodeJpeg(video, size.width, size.height), seconds };
  } catch {
    return {};
  } finally {
    video.removeAttribute("src");
    video.load();
    URL.revokeObjectURL(url);
  }
}

/** Resizes a photo or grabs a video's poster: what upload-queue.ts sends. */
export async function prepareMedia(file: File, kind: "image" | "video"): Promise<PreparedMedia> {
  if (kind === "image") return { file: await resizeImage(file) };
  const { poster, seconds } = await videoPoster(file);
  return { file, ...(poster ? { poster } : {}), ...(seconds !== undefined ? { seconds } : {}) };
}
