import type { FileHandle } from "node:fs/promises";
import { MAX_MOOV_BYTES } from "./video-probe.ts";

// A phone's video says where it was shot: Android writes moov/udta/©xyz, an iPhone a
// com.apple.quicktime.location.ISO6709 key in moov/meta, cameras and editors XMP in a uuid box;
// beside them the camera's make, model and software. A photo loses all that by being re-encoded;
// a video cannot be (no ffmpeg where Plaudit runs), but these boxes can be blanked in place: each
// becomes a `free` box of the same size, all zeros. Nothing moves, so every offset into the media
// data (the sample tables' chunk offsets) stays right, and players skip `free` boxes anywhere.

/** Boxes that hold only user data and metadata, never what playback needs. */
const PRIVATE = new Set(["udta", "meta", "uuid"]);
/** Boxes whose children may hold them. */
const CONTAINERS = new Set(["moov", "trak", "mdia", "minf"]);
const FREE = Buffer.from("free", "latin1");

/** A box header at `at`: its type, header length and size (size 0: to the end of its parent). */
function headerAt(data: Buffer, at: number): { type: string; header: number; size: number } | undefined {
  if (at + 8 > data.length) return undefined;
  const size = data.readUInt32BE(at);
  const type = data.toString("latin1", at + 4, at + 8);
  if (size !== 1) return { type, header: 8, size };
  if (at + 16 > data.length) return undefined;
  return { type, header: 16, size: Number(data.readBigUInt64BE(at + 8)) };
}

/** The box at `at` inside `[at, to)`, or undefined where none fits. */
function boxAt(
  data: Buffer,
  at: number,
  to: number,
): { type: string; body: number; end: number } | undefined {
  const head = at + 8 <= to ? headerAt(data, at) : undefined;
  if (!head) return undefined;
  const size = head.size === 0 ? to - at : head.size;
  if (size < head.header || at + size > to) return undefined;
  return { type: head.type, body: at + head.header, end: at + size };
}

/** Blanks the private boxes inside `data[from, to)`, descending into containers; how many. */
function blankWithin(data: Buffer, from: number, to: number): number {
  let blanked = 0;
  for (let at = from, box = boxAt(data, at, to); box; at = box.end, box = boxAt(data, at, to)) {
    if (PRIVATE.has(box.type)) {
      FREE.copy(data, at + 4);
      data.fill(0, box.body, box.end);
      blanked += 1;
    } else if (CONTAINERS.has(box.type)) blanked += blankWithin(data, box.body, box.end);
  }
  return blanked;
}

/**
 * Blanks location, camera and XMP boxes of an MP4/QuickTime file in place (the upload's own
 * temporary file, already checked whole by probeIsoMedia): at the top level and inside the movie
 * header. Answers how many boxes were blanked.
 */
export async function blankIsoMetadata(file: FileHandle, size: number): Promise<number> {
  let blanked = 0;
  const head = Buffer.alloc(16);
  for (let at = 0; at < size; ) {
    const { bytesRead } = await file.read(head, 0, 16, at);
    const box = headerAt(head.subarray(0, bytesRead), 0);
    if (!box) break;
    const end = box.size === 0 ? size : at + box.size;
    if (end > size || end < at + box.header) break;
    if (box.type === "moov" && end - at <= MAX_MOOV_BYTES) {
      const moov = Buffer.alloc(end - at);
      await file.read(moov, 0, moov.length, at);
      const inside = blankWithin(moov, box.header, moov.length);
      if (inside > 0) await file.write(moov, 0, moov.length, at);
      blanked += inside;
    } else if (PRIVATE.has(box.type)) {
      await file.write(FREE, 0, 4, at + 4);
      const zeros = Buffer.alloc(Math.min(end - at - box.header, 1024 * 1024));
      for (let from = at + box.header; from < end; from += zeros.length)
        await file.write(zeros, 0, Math.min(zeros.length, end - from), from);
      blanked += 1;
    }
    at = end;
  }
  return blanked;
}
