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

/** The photo upright, ≤ MAX_EDGE, as a JPEG; the file itself when the browser cannot decode it. */
export async function resizeImage(file: Blob, maxEdge = MAX_EDGE): Promise<Blob> {
  if (typeof createImageBitmap !== "function") return file;
  try {
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
