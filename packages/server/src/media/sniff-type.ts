import { fileTypeFromBuffer } from "file-type";

export type SniffedType =
  | { kind: "image"; mime: "image/jpeg" | "image/png" | "image/webp" | "image/avif" | "image/heic" }
  | { kind: "video"; mime: "video/mp4" | "video/quicktime" | "video/webm" };

const ALLOWED: Record<string, SniffedType> = {
  "image/jpeg": { kind: "image", mime: "image/jpeg" },
  "image/png": { kind: "image", mime: "image/png" },
  "image/webp": { kind: "image", mime: "image/webp" },
  // AVIF: what Chrome and Android save and share; this sharp build decodes it (AV1, via libheif).
  "image/avif": { kind: "image", mime: "image/avif" },
  "image/heic": { kind: "image", mime: "image/heic" },
  "image/heif": { kind: "image", mime: "image/heic" },
  "video/mp4": { kind: "video", mime: "video/mp4" },
  "video/quicktime": { kind: "video", mime: "video/quicktime" },
  "video/webm": { kind: "video", mime: "video/webm" },
};

/** Bytes file-type needs to see; the upload holds this much back before deciding. */
export const SNIFF_BYTES = 4100;

/**
 * What the first bytes of an upload are, judged only by their content (the file name and the
 * part's Content-Type are never consulted), or undefined when they are nothing we accept. SVG and
 * HTML are text: file-type reports neither, so they are refused here.
 */
export async function sniffType(head: Uint8Array): Promise<SniffedType | undefined> {
  const found = await fileTypeFromBuffer(head);
  return found ? ALLOWED[found.mime] : undefined;
}
