import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isoVideo, solidJpeg, solidPng } from "../../testing/test-files.ts";
import { ApiError } from "../errors.ts";
import { MEDIA_LIMITS } from "./media-limits.ts";
import { POSTER_BYTES, receiveUpload, UPLOAD_BODY_MAX } from "./receive-upload.ts";

// receiveUpload() on requests built here, byte for byte: which bodies it takes, each part's size
// limit to the byte, and what every refusal says (status, code, field, Connection: close).

const BOUNDARY = "plaudit-test-boundary";
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

interface RawPart {
  name: string;
  bytes: Uint8Array;
  /** A file part unless null (then a plain field). */
  filename?: string | null;
}

function body(parts: RawPart[], options: { unterminated?: boolean } = {}): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === null ? "" : `; filename="${part.filename ?? "upload.bin"}"`;
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${filename}\r\n` +
          // busboy takes an octet-stream part for a file even without a filename.
          (part.filename === null ? "\r\n" : "Content-Type: application/octet-stream\r\n\r\n"),
      ),
      Buffer.from(part.bytes),
      Buffer.from("\r\n"),
    );
  }
  if (!options.unterminated) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

function request(
  payload: Buffer | undefined,
  headers: Record<string, string> = { "content-type": CONTENT_TYPE },
): Request {
  return new Request("http://plaudit.test/v1/stores/s/media", {
    method: "POST",
    headers,
    ...(payload ? { body: new Uint8Array(payload) } : {}),
  });
}

/** A JPEG (by its first bytes) of exactly `size` bytes. */
const jpegOf = (size: number) => Buffer.concat([JPEG_HEAD, Buffer.alloc(size - JPEG_HEAD.length, 0x11)]);

async function refusal(req: Request): Promise<ApiError> {
  const error = await receiveUpload(req).then(
    (upload) => {
      void upload.cleanup();
      throw new Error("the upload was taken");
    },
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw error;
  return error;
}

describe("receiving a multipart upload", () => {
  it("takes one photo part and gives back its exact bytes and sniffed type", async () => {
    const png = await solidPng(40, 30);
    for (const contentType of [
      CONTENT_TYPE,
      `MULTIPART/FORM-DATA; BOUNDARY=${BOUNDARY}`,
      `multipart/form-data;boundary=${BOUNDARY}`,
      `multipart/form-data ; charset=utf-8; boundary=${BOUNDARY}`,
    ]) {
      const got = await receiveUpload(
        request(body([{ name: "file", bytes: png }]), { "content-type": contentType }),
      );
      expect(got.file.type).toEqual({ kind: "image", mime: "image/png" });
      expect("bytes" in got.file && Buffer.compare(got.file.bytes, png)).toBe(0);
      expect(got.poster).toBeUndefined();
      await got.cleanup();
    }
  });

  it("ignores up to four plain fields beside the file, and refuses a fifth", async () => {
    const jpeg = await solidJpeg(20, 20);
    const fields = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        name: `note${i}`,
        bytes: Buffer.from("x"),
        filename: null,
      }));
    const ok = await receiveUpload(request(body([{ name: "file", bytes: jpeg }, ...fields(4)])));
    expect(ok.file.type.mime).toBe("image/jpeg");
    const five = await refusal(request(body([{ name: "file", bytes: jpeg }, ...fields(5)])));
    expect(five.status).toBe(422);
    expect(five.fields).toEqual({ file: "send one file part (and a poster with a video)" });
  });

  it("refuses what is not multipart/form-data with a boundary, or has no body, with 400", async () => {
    const payload = body([{ name: "file", bytes: jpegOf(100) }]);
    for (const contentType of [
      "application/json",
      "multipart/form-data",
      `x-multipart/form-data; boundary=${BOUNDARY}`,
      `multipart/form-data-ish; boundary=${BOUNDARY}`,
      "",
    ]) {
      const error = await refusal(request(payload, contentType ? { "content-type": contentType } : {}));
      expect(error.status, contentType).toBe(400);
      expect(error.code).toBe("bad_request");
    }
    const empty = await refusal(request(undefined));
    expect([empty.status, empty.message]).toEqual([400, "the upload has no body"]);
  });

  it("answers 413 from the declared length alone, before reading: the whole body's and a photo's", async () => {
    const small = body([{ name: "file", bytes: jpegOf(100) }]);
    const whole = await refusal(
      request(small, { "content-type": CONTENT_TYPE, "content-length": String(UPLOAD_BODY_MAX + 1) }),
    );
    expect([whole.status, whole.code, whole.headers?.Connection]).toEqual([
      413,
      "payload_too_large",
      "close",
    ]);
    const photoLimit = MEDIA_LIMITS.imageBytes + MEDIA_LIMITS.multipartOverhead;
    const photo = await refusal(
      request(small, { "content-type": CONTENT_TYPE, "content-length": String(photoLimit + 1) }),
    );
    expect([photo.status, photo.message]).toEqual([413, "photos may be at most 15 MB"]);
    // At exactly each limit the declared length is no reason to refuse.
    const atLimit = await receiveUpload(
      request(small, { "content-type": CONTENT_TYPE, "content-length": String(photoLimit) }),
    );
    expect(atLimit.file.type.kind).toBe("image");
  });

  it("takes a photo of exactly 15 MB and refuses one byte more, Connection: close", async () => {
    const exact = await receiveUpload(
      request(body([{ name: "file", bytes: jpegOf(MEDIA_LIMITS.imageBytes) }])),
    );
    expect("bytes" in exact.file && exact.file.bytes.length).toBe(MEDIA_LIMITS.imageBytes);
    const over = await refusal(request(body([{ name: "file", bytes: jpegOf(MEDIA_LIMITS.imageBytes + 1) }])));
    expect([over.status, over.message, over.headers?.Connection]).toEqual([
      413,
      "photos may be at most 15 MB",
      "close",
    ]);
  });

  it("writes a video to a temporary file with its poster frame, and cleanup removes the file", async () => {
    const video = isoVideo({ width: 64, height: 48, seconds: 1, mdatBytes: 20_000 });
    const poster = await solidJpeg(64, 48);
    const got = await receiveUpload(
      request(
        body([
          { name: "file", bytes: video },
          { name: "poster", bytes: poster },
        ]),
      ),
    );
    expect(got.file.type).toEqual({ kind: "video", mime: "video/mp4" });
    if (!("path" in got.file)) throw new Error("a video is kept in a file");
    expect(got.file.size).toBe(video.length);
    expect(Buffer.compare(readFileSync(got.file.path), video)).toBe(0);
    expect(got.poster?.type.mime).toBe("image/jpeg");
    expect(Buffer.compare(got.poster?.bytes ?? Buffer.alloc(0), poster)).toBe(0);
    await got.cleanup();
    expect(existsSync(got.file.path)).toBe(false);
  });

  it("takes a poster of exactly 5 MB and refuses one byte more", async () => {
    const video = isoVideo({ mdatBytes: 1000 });
    const exact = await receiveUpload(
      request(
        body([
          { name: "file", bytes: video },
          { name: "poster", bytes: jpegOf(POSTER_BYTES) },
        ]),
      ),
    );
    expect(exact.poster?.bytes.length).toBe(POSTER_BYTES);
    await exact.cleanup();
    const over = await refusal(
      request(
        body([
          { name: "file", bytes: video },
          { name: "poster", bytes: jpegOf(POSTER_BYTES + 1) },
        ]),
      ),
    );
    expect([over.status, over.message]).toEqual([413, "a poster may be at most 5 MB"]);
  });

  it("refuses a poster that is a video, and a poster beside a photo", async () => {
    const video = isoVideo({ mdatBytes: 1000 });
    const videoPoster = await refusal(
      request(
        body([
          { name: "file", bytes: video },
          { name: "poster", bytes: video },
        ]),
      ),
    );
    expect([videoPoster.status, videoPoster.fields]).toEqual([
      422,
      { poster: "must be an image (a frame of the video)" },
    ]);
    const jpeg = await solidJpeg(20, 20);
    const besidePhoto = await refusal(
      request(
        body([
          { name: "file", bytes: jpeg },
          { name: "poster", bytes: jpeg },
        ]),
      ),
    );
    expect([besidePhoto.status, besidePhoto.fields]).toEqual([422, { poster: "is only for videos" }]);
  });

  it("names what is wrong with the parts: unknown, repeated, too many, missing, not a photo or video", async () => {
    const jpeg = await solidJpeg(20, 20);
    const longName = "n".repeat(60);
    const unknown = await refusal(request(body([{ name: longName, bytes: jpeg }])));
    expect(unknown.status).toBe(422);
    expect(Object.keys(unknown.fields ?? {})).toEqual(["n".repeat(40)]);
    const twice = await refusal(
      request(
        body([
          { name: "file", bytes: jpeg },
          { name: "file", bytes: jpeg },
        ]),
      ),
    );
    expect(twice.fields).toEqual({ file: "send exactly one" });
    const three = await refusal(
      request(
        body([
          { name: "file", bytes: jpeg },
          { name: "poster", bytes: jpeg },
          { name: "poster", bytes: jpeg },
        ]),
      ),
    );
    expect(three.status).toBe(422);
    const none = await refusal(request(body([{ name: "note", bytes: Buffer.from("x"), filename: null }])));
    expect(none.fields).toEqual({ file: "is required: send the photo or video as a part named file" });
    const html = await refusal(
      request(body([{ name: "file", bytes: Buffer.from("<html><script></script></html>") }])),
    );
    expect([html.status, html.code, html.headers?.Connection]).toEqual([
      415,
      "unsupported_media_type",
      "close",
    ]);
    expect(html.message).toMatch(/^file must be/);
  });

  it("answers a body cut off before its closing boundary with 400", async () => {
    const cut = await refusal(request(body([{ name: "file", bytes: jpegOf(100) }], { unterminated: true })));
    expect([cut.status, cut.code]).toEqual([400, "bad_request"]);
  });
});
