import type { FileHandle } from "node:fs/promises";

// Minimal container checks for uploaded videos, without ffmpeg (not installed where Plaudit must
// run): the ISO-BMFF box tree of MP4/MOV and the EBML header of WebM. They prove the file is the
// container it claims, whole (no box runs past the end), with a video track, and read its duration
// and size. They do not decode frames: the browser does that, from our server, never as HTML.

export interface VideoFacts {
  width: number;
  height: number;
  /** Undefined when the container does not say (WebM recorded by a browser often does not). */
  durationSeconds?: number;
}

export type ProbeResult = { ok: true; facts: VideoFacts } | { ok: false; reason: string };

export const MAX_MOOV_BYTES = 32 * 1024 * 1024;
const WEBM_HEAD_BYTES = 1024 * 1024;

async function readAt(file: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, offset);
  return buffer.subarray(0, bytesRead);
}

interface Box {
  type: string;
  start: number;
  /** First byte after the header. */
  body: number;
  end: number;
}

/** The boxes directly inside `data[from, to)`, or a reason they are malformed. */
function childBoxes(data: Buffer, from: number, to: number): Box[] | string {
  const boxes: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = data.readUInt32BE(at);
    const type = data.toString("latin1", at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return `box ${type} is cut off`;
      size = Number(data.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header || at + size > to) return `box ${type} runs past its parent`;
    boxes.push({ type, start: at, body: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

function findBox(data: Buffer, boxes: Box[], path: string[]): Box | undefined {
  const [first, ...rest] = path;
  const box = boxes.find((b) => b.type === first);
  if (!box || rest.length === 0) return box;
  const children = childBoxes(data, box.body, box.end);
  return typeof children === "string" ? undefined : findBox(data, children, rest);
}

/** MP4 / QuickTime: top-level boxes cover the file exactly; moov has mvhd and a video trak. */
export async function probeIsoMedia(file: FileHandle, size: number): Promise<ProbeResult> {
  let at = 0;
  let moov: Box | undefined;
  let hasMdat = false;
  while (at < size) {
    const head = await readAt(file, at, 16);
    if (head.length < 8) return { ok: false, reason: "the file ends inside a box header" };
    let boxSize = head.readUInt32BE(0);
    const type = head.toString("latin1", 4, 8);
    let header = 8;
    if (boxSize === 1) {
      if (head.length < 16) return { ok: false, reason: "the file ends inside a box header" };
      boxSize = Number(head.readBigUInt64BE(8));
      header = 16;
    } else if (boxSize === 0) boxSize = size - at;
    if (!/^[\x20-\x7e]{4}$/.test(type)) return { ok: false, reason: "not an ISO media box structure" };
    if (boxSize < header) return { ok: false, reason: `box ${type} has a bad size` };
    if (at + boxSize > size) return { ok: false, reason: `the file is truncated inside box ${type}` };
    if (type === "moov") moov = { type, start: at, body: at + header, end: at + boxSize };
    if (type === "mdat") hasMdat = true;
    at += boxSize;
  }
  if (!moov) return { ok: false, reason: "the file has no movie header (moov)" };
  if (!hasMdat) return { ok: false, reason: "the file has no media data (mdat)" };
  if (moov.end - moov.start > MAX_MOOV_BYTES) return { ok: false, reason: "the movie header is too large" };

  const data = await readAt(file, moov.body, moov.end - moov.body);
  const children = childBoxes(data, 0, data.length);
  if (typeof children === "string") return { ok: false, reason: children };
  const mvhd = children.find((b) => b.type === "mvhd");
  if (!mvhd || mvhd.end - mvhd.body < 32) return { ok: false, reason: "the movie header has no mvhd" };
  const version = data[mvhd.body];
  const timescale = data.readUInt32BE(mvhd.body + (version === 1 ? 20 : 12));
  const duration =
    version === 1 ? Number(data.readBigUInt64BE(mvhd.body + 24)) : data.readUInt32BE(mvhd.body + 16);

  for (const trak of children.filter((b) => b.type === "trak")) {
    const inner = childBoxes(data, trak.body, trak.end);
    if (typeof inner === "string") return { ok: false, reason: inner };
    const hdlr = findBox(data, inner, ["mdia", "hdlr"]);
    if (
      !hdlr ||
      hdlr.end - hdlr.body < 12 ||
      data.toString("latin1", hdlr.body + 8, hdlr.body + 12) !== "vide"
    )
      continue;
    const tkhd = inner.find((b) => b.type === "tkhd");
    if (!tkhd) return { ok: false, reason: "the video track has no header" };
    const sizeAt = tkhd.body + (data[tkhd.body] === 1 ? 88 : 76);
    if (sizeAt + 8 > tkhd.end) return { ok: false, reason: "the video track header is cut off" };
    const width = Math.round(data.readUInt32BE(sizeAt) / 65536);
    const height = Math.round(data.readUInt32BE(sizeAt + 4) / 65536);
    return {
      ok: true,
      facts: {
        width,
        height,
        ...(timescale > 0 ? { durationSeconds: Math.round((duration / timescale) * 1000) / 1000 } : {}),
      },
    };
  }
  return { ok: false, reason: "the file has no video track" };
}

// EBML variable-length integers: the leading zero bits say how many bytes follow.
function vint(
  data: Buffer,
  at: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } | undefined {
  const first = data[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (length > 8 || at + length > data.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = data[at + i] as number;
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

interface Element {
  id: number;
  body: number;
  /** Undefined size (live streams) runs to the end of its parent. */
  end: number;
  /** Where the element says it ends (Infinity for an unknown size), even past the bytes read. */
  declaredEnd: number;
}

function* elements(data: Buffer, from: number, to: number): Generator<Element> {
  let at = from;
  while (at < to) {
    const id = vint(data, at, true);
    if (!id) return;
    const size = vint(data, at + id.length, false);
    if (!size) return;
    const body = at + id.length + size.length;
    const end = size.unknown ? to : body + size.value;
    yield {
      id: id.value,
      body,
      end: Math.min(end, to),
      declaredEnd: size.unknown ? Number.POSITIVE_INFINITY : end,
    };
    at = end;
  }
}

const readUint = (data: Buffer, e: Element) => {
  let value = 0;
  for (let i = e.body; i < e.end; i++) value = value * 256 + (data[i] as number);
  return value;
};

/** WebM: EBML header with DocType webm, a Segment with Info, a video track and a Cluster. */
export async function probeWebm(file: FileHandle, size: number): Promise<ProbeResult> {
  const data = await readAt(file, 0, Math.min(size, WEBM_HEAD_BYTES));
  const top = [...elements(data, 0, data.length)];
  const header = top[0];
  if (header?.id !== 0x1a45dfa3) return { ok: false, reason: "not an EBML file" };
  const docType = [...elements(data, header.body, header.end)].find((e) => e.id === 0x4282);
  if (!docType || data.toString("latin1", docType.body, docType.end) !== "webm")
    return { ok: false, reason: "not a WebM file" };
  const segment = top.find((e) => e.id === 0x18538067);
  if (!segment) return { ok: false, reason: "the file has no segment" };
  // A segment of known size must fit in the file: otherwise the upload was cut short.
  if (Number.isFinite(segment.declaredEnd) && segment.declaredEnd > size)
    return { ok: false, reason: "the file is truncated" };

  let timecodeScale = 1_000_000;
  let duration: number | undefined;
  let width = 0;
  let height = 0;
  let hasVideo = false;
  let hasCluster = false;
  for (const e of elements(data, segment.body, segment.end)) {
    if (e.id === 0x1549a966) {
      for (const info of elements(data, e.body, e.end)) {
        if (info.id === 0x2ad7b1) timecodeScale = readUint(data, info);
        if (info.id === 0x4489 && info.end - info.body === 8) duration = data.readDoubleBE(info.body);
        if (info.id === 0x4489 && info.end - info.body === 4) duration = data.readFloatBE(info.body);
      }
    } else if (e.id === 0x1654ae6b) {
      for (const entry of elements(data, e.body, e.end)) {
        if (entry.id !== 0xae) continue;
        for (const field of elements(data, entry.body, entry.end)) {
          if (field.id === 0x83 && readUint(data, field) === 1) hasVideo = true;
          if (field.id !== 0xe0) continue;
          for (const v of elements(data, field.body, field.end)) {
            if (v.id === 0xb0) width = readUint(data, v);
            if (v.id === 0xba) height = readUint(data, v);
          }
        }
      }
    } else if (e.id === 0x1f43b675) {
      hasCluster = true;
      break;
    }
  }
  if (!hasVideo) return { ok: false, reason: "the file has no video track" };
  if (!hasCluster) return { ok: false, reason: "the file has no frames (no cluster)" };
  const seconds =
    duration !== undefined && Number.isFinite(duration) && duration > 0
      ? Math.round(((duration * timecodeScale) / 1e9) * 1000) / 1000
      : undefined;
  return {
    ok: true,
    facts: { width, height, ...(seconds !== undefined ? { durationSeconds: seconds } : {}) },
  };
}
