import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import busboy from "busboy";
import { ApiError, validationFailed } from "../errors.ts";
import { MEDIA_LIMITS } from "./media-limits.ts";
import { SNIFF_BYTES, type SniffedType, sniffType } from "./sniff-type.ts";

export type ReceivedImage = { type: Extract<SniffedType, { kind: "image" }>; bytes: Buffer };
export type ReceivedVideo = { type: Extract<SniffedType, { kind: "video" }>; path: string; size: number };

export interface ReceivedUpload {
  file: ReceivedImage | ReceivedVideo;
  /** A frame the browser took from the video (only with a video). */
  poster?: ReceivedImage;
  /** Removes temporary files; call when done, success or not. */
  cleanup(): Promise<void>;
}

/** SHA-256 (hex) of the file's bytes as received (a video's before its metadata is blanked). */
export async function uploadDigest(upload: ReceivedUpload): Promise<string> {
  const hash = createHash("sha256");
  const { file } = upload;
  if ("bytes" in file) hash.update(file.bytes);
  else for await (const chunk of createReadStream(file.path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** A poster is one frame: far smaller than a photo. */
export const POSTER_BYTES = MEDIA_LIMITS.posterBytes;
/** The most a whole upload request may carry. */
export const UPLOAD_BODY_MAX = MEDIA_LIMITS.videoBytes + POSTER_BYTES + MEDIA_LIMITS.multipartOverhead;

// The client may still be sending when we answer: say the connection ends, so it stops.
const close = { Connection: "close" };
const tooLarge = (message: string) => new ApiError(413, "payload_too_large", message, undefined, close);
const refused = (part: string) =>
  new ApiError(
    415,
    "unsupported_media_type",
    `${part} must be a JPEG, PNG, WebP, AVIF or HEIC photo, or an MP4, WebM or MOV video`,
    undefined,
    close,
  );
const invalid = (fields: Record<string, string>) => {
  const error = validationFailed(fields);
  return new ApiError(error.status, error.code, error.message, error.fields, close);
};

const IMAGE_LIMIT_TEXT = "photos may be at most 15 MB";
const WHOLE_BODY_TEXT = "uploads may be at most 100 MB (videos) or 15 MB (photos)";

/**
 * The text fields a form sends beside its file (the hosted review page's one form: what the shopper
 * typed travels with the photo, so it is never lost to an upload).
 */
export interface UploadFormFields {
  /** The fields kept (the first of each name); others are ignored. */
  names: readonly string[];
  /** The most the fields may take together, in bytes: a field is cut there, and the body may be this much larger. */
  maxBytes: number;
  /** Filled as the fields arrive: the caller has them even when the file is refused. */
  values: Record<string, string>;
  /**
   * Refuse the file (with this error) once the fields before it are read: the caller already knows
   * the answer (too many uploads), but still wants what was typed.
   */
  refuseFile?: ApiError | undefined;
}

/** A form's parts: its file when one was chosen (null when the form's file field came empty). */
export async function receiveUploadForm(
  request: Request,
  form: UploadFormFields,
): Promise<ReceivedUpload | null> {
  const received = await receiveParts(request, form);
  if (!received.file) return null;
  return { ...received, file: received.file };
}

/**
 * Reads a multipart upload as it streams in: exactly one `file` part and, with a video, an optional
 * `poster` image. Each part's type is judged from its first bytes; the size limit for that type
 * holds on the declared Content-Length (before reading) and on the bytes read (stopping at once).
 * On a refusal the rest of the body is left unread and the answer carries Connection: close.
 */
export async function receiveUpload(request: Request): Promise<ReceivedUpload> {
  const received = await receiveParts(request);
  if (!received.file) throw invalid({ file: "is required: send the photo or video as a part named file" });
  return { ...received, file: received.file };
}

async function receiveParts(
  request: Request,
  form?: UploadFormFields,
): Promise<Omit<ReceivedUpload, "file"> & { file?: ReceivedUpload["file"] }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(contentType))
    throw new ApiError(400, "bad_request", "send the file as multipart/form-data with a part named file");
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  const formBytes = form?.maxBytes ?? 0;
  const bodyMax = UPLOAD_BODY_MAX + formBytes;
  // A form's fields come before its file: refused at the file, so what was typed is read first.
  const declaredTooLarge = declared > bodyMax ? tooLarge(WHOLE_BODY_TEXT) : undefined;
  if (declaredTooLarge && !form) throw declaredTooLarge;
  if (!request.body) throw new ApiError(400, "bad_request", "the upload has no body");

  const tempFiles: string[] = [];
  const cleanup = async () => {
    await Promise.all(tempFiles.map((path) => rm(path, { force: true })));
  };
  const received: { file?: ReceivedImage | ReceivedVideo; poster?: ReceivedImage } = {};
  const seen = new Set<string>();
  let failure: ApiError | undefined;
  const stop = new AbortController();
  const fail = (error: unknown) => {
    failure ??=
      error instanceof ApiError ? error : new ApiError(400, "bad_request", "the multipart body is malformed");
    stop.abort();
  };

  async function takePart(name: string, stream: Readable, filename: string | undefined): Promise<void> {
    if (form) {
      const refusal = form.refuseFile ?? declaredTooLarge;
      if (refusal) throw refusal;
    }
    if (name !== "file" && name !== "poster")
      throw invalid({
        [name.slice(0, 40)]: "is not a part of an upload; send file (and poster with a video)",
      });
    if (seen.has(name)) throw invalid({ [name]: "send exactly one" });
    seen.add(name);

    const head: Buffer[] = [];
    let headBytes = 0;
    const iterator = stream[Symbol.asyncIterator]();
    while (headBytes < SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value as Buffer);
      headBytes += (next.value as Buffer).length;
    }
    // A form's file field with no file chosen: browsers send it empty, without a filename.
    if (form && headBytes === 0 && !filename) {
      seen.delete(name);
      return;
    }
    const type = await sniffType(Buffer.concat(head));
    if (!type) throw refused(name);
    if (name === "poster" && type.kind !== "image")
      throw invalid({ poster: "must be an image (a frame of the video)" });
    if (type.kind === "image") {
      const limit = name === "poster" ? POSTER_BYTES : MEDIA_LIMITS.imageBytes;
      if (name === "file" && declared > limit + MEDIA_LIMITS.multipartOverhead + formBytes)
        throw tooLarge(IMAGE_LIMIT_TEXT);
      const chunks = head;
      let size = headBytes;
      for (;;) {
        if (size > limit)
          throw tooLarge(name === "poster" ? "a poster may be at most 5 MB" : IMAGE_LIMIT_TEXT);
        const next = await iterator.next();
        if (next.done) break;
        chunks.push(next.value as Buffer);
        size += (next.value as Buffer).length;
      }
      const image: ReceivedImage = { type, bytes: Buffer.concat(chunks) };
      if (name === "poster") received.poster = image;
      else received.file = image;
      return;
    }

    const dir = join(tmpdir(), "plaudit-uploads");
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${randomBytes(12).toString("hex")}.part`);
    tempFiles.push(path);
    const out = createWriteStream(path);
    let size = 0;
    try {
      for (let chunk: Buffer | undefined = Buffer.concat(head); chunk !== undefined; ) {
        size += chunk.length;
        if (size > MEDIA_LIMITS.videoBytes) throw tooLarge("videos may be at most 100 MB");
        if (!out.write(chunk)) await new Promise<void>((go) => out.once("drain", () => go()));
        const next = await iterator.next();
        chunk = next.done ? undefined : (next.value as Buffer);
      }
    } finally {
      await new Promise<void>((done, error) => {
        out.end((err?: Error | null) => (err ? error(err) : done()));
      });
    }
    received.file = { type, path, size };
  }

  const parser = busboy({
    headers: { "content-type": contentType },
    limits: {
      files: 2,
      fields: 4 + (form?.names.length ?? 0),
      parts: 6 + (form?.names.length ?? 0),
      fieldSize: form ? form.maxBytes : 1024,
      headerPairs: 20,
      fileSize: MEDIA_LIMITS.videoBytes + 1,
    },
  });
  const parts: Promise<void>[] = [];
  const streams: Readable[] = [];
  let fieldBytes = 0;
  parser.on("field", (name, value) => {
    if (!form?.names.includes(name) || Object.hasOwn(form.values, name)) return;
    // Together within maxBytes: a field past it is cut (and found too long by its own check).
    const kept = Buffer.from(value)
      .subarray(0, Math.max(0, form.maxBytes - fieldBytes))
      .toString("utf8");
    fieldBytes += Buffer.byteLength(kept);
    form.values[name] = kept;
  });
  parser.on("file", (name, stream, info) => {
    streams.push(stream);
    parts.push(
      takePart(name, stream, info.filename).catch((error: unknown) => {
        fail(error);
        stream.resume();
      }),
    );
  });
  for (const limit of ["filesLimit", "fieldsLimit", "partsLimit"] as const)
    parser.on(limit, () => fail(invalid({ file: "send one file part (and a poster with a video)" })));
  parser.on("error", (error) => fail(error));
  const finished = new Promise<void>((done) => parser.on("close", () => done()));
  const stopped = new Promise<void>((done) =>
    stop.signal.addEventListener("abort", () => done(), { once: true }),
  );
  // Waits for the parser to take more, or for a part to fail; leaves no listener behind. A part
  // that already failed will never be read again (its stream keeps its async iterator's 'readable'
  // listener, so resume() cannot free it): the parser would never drain, so do not wait for it.
  const drainedOrStopped = () =>
    new Promise<void>((go) => {
      if (stop.signal.aborted) return go();
      const done = () => {
        parser.off("drain", done);
        stop.signal.removeEventListener("abort", done);
        go();
      };
      parser.once("drain", done);
      stop.signal.addEventListener("abort", done, { once: true });
    });

  const reader = request.body.getReader();
  let total = 0;
  try {
    while (!failure) {
      const { done, value } = await reader.read();
      // A part may have failed while this read waited: take no more.
      if (failure) break;
      if (done) {
        parser.end();
        break;
      }
      total += value.byteLength;
      if (total > bodyMax) {
        fail(tooLarge(WHOLE_BODY_TEXT));
        break;
      }
      if (!parser.write(value)) await drainedOrStopped();
    }
    if (!failure) await Promise.race([finished, stopped]);
    // A part still streaming when the body was refused (the whole-body limit, while a part was
    // within its own) waits for bytes that will never come: end it, or this would never return.
    if (failure) for (const stream of streams) stream.destroy();
    await Promise.all(parts);
  } catch (error) {
    fail(error);
  } finally {
    // Never cancel: cancelling would reset the socket before the error answer is written.
    reader.releaseLock();
  }
  if (failure) {
    parser.destroy();
    await cleanup();
    throw failure;
  }
  if (received.poster && !received.file) {
    await cleanup();
    throw invalid({ file: "is required: send the photo or video as a part named file" });
  }
  if (received.poster && received.file?.type.kind !== "video") {
    await cleanup();
    throw invalid({ poster: "is only for videos" });
  }
  return {
    ...(received.file ? { file: received.file } : {}),
    ...(received.poster ? { poster: received.poster } : {}),
    cleanup,
  };
}
