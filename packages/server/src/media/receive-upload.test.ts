import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isoVideo, solidJpeg, solidPng } from "../../testing/test-files.ts";
import { ApiError } from "../errors.ts";
import { MEDIA_LIMITS } from "./media-limits.ts";
import { POSTER_BYTES, receiveUpload, receiveUploadForm, UPLOAD_BODY_MAX } from "./receive-upload.ts";

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

function body(parts: RawPart[], options: { unterminated?: boolean; preamble?: number } = {}): Buffer {
  // Bytes before the first boundary: multipart lets a client send them, and they count as body.
  // (`preamble` bytes in all, ending in the CRLF before the first boundary.)
  const chunks: Buffer[] = options.preamble
    ? [Buffer.alloc(options.preamble - 2, 0x2e), Buffer.from("\r\n")]
    : [];
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

/** The same request with its body arriving in pieces of `chunk` bytes, as from a socket. */
function streamed(payload: Buffer, chunk: number): Request {
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= payload.length) return controller.close();
      controller.enqueue(new Uint8Array(payload.subarray(offset, offset + chunk)));
      offset += chunk;
    },
  });
  return new Request("http://plaudit.test/v1/stores/s/media", {
    method: "POST",
    headers: { "content-type": CONTENT_TYPE },
    body: stream,
    duplex: "half",
  } as RequestInit);
}

/** An MP4 (by its first bytes) of exactly `size` bytes. */
const videoOf = (size: number) => {
  const head = isoVideo({ mdatBytes: 1000 });
  return Buffer.concat([head, Buffer.alloc(size - head.length)]);
};
/** The documented most of one request (API.md): a 100 MB video, its 5 MB poster, the multipart framing. */
const WHOLE_BODY_MAX = MEDIA_LIMITS.videoBytes + MEDIA_LIMITS.posterBytes + MEDIA_LIMITS.multipartOverhead;
const WHOLE_BODY_TEXT = "uploads may be at most 100 MB (videos) or 15 MB (photos)";

/**
 * Files this process holds open in the uploads' temporary folder (Linux: /proc/self/fd; elsewhere
 * none can be seen). A video's file is closed before receiveUpload answers, taken or refused.
 */
// This process's open files in the shared upload folder. Other test files in the same process may
// hold one of their own for a moment (an upload route's test): a leak is one that stays, so the
// checks wait for none rather than read once.
const openUploadFiles = () => {
  if (!existsSync("/proc/self/fd")) return [];
  const folder = join(tmpdir(), "plaudit-uploads");
  return readdirSync("/proc/self/fd").flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(folder) ? [target] : [];
    } catch {
      return [];
    }
  });
};

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

  it("reads a form's text fields before its file, and keeps them when the file is refused", async () => {
    const text = (value: string) => new TextEncoder().encode(value);
    const fields = [
      { name: "title", bytes: text("Warm"), filename: null },
      { name: "body", bytes: text("Line one\r\nline two ✓"), filename: null },
      { name: "other", bytes: text("ignored"), filename: null },
    ];
    const form = () => ({
      names: ["title", "body"],
      maxBytes: 64 * 1024,
      values: {} as Record<string, string>,
    });
    // No file chosen: the browser sends the file field empty, without a filename.
    const none = form();
    const empty = body([...fields, { name: "file", bytes: new Uint8Array(0), filename: "" }]);
    expect(await receiveUploadForm(request(empty), none)).toBeNull();
    expect(none.values).toEqual({ title: "Warm", body: "Line one\r\nline two ✓" });
    // Declared too large: refused at the file, once the fields before it are read.
    const big = form();
    const declared = String(UPLOAD_BODY_MAX + big.maxBytes + 1);
    const refused = await receiveUploadForm(
      request(body([...fields, { name: "file", bytes: jpegOf(100) }]), {
        "content-type": CONTENT_TYPE,
        "content-length": declared,
      }),
      big,
    ).then(
      () => undefined,
      (error: ApiError) => error,
    );
    expect([refused?.status, refused?.headers?.Connection]).toEqual([413, "close"]);
    expect(big.values.body).toBe("Line one\r\nline two ✓");
    // A refusal the caller knew before (too many uploads): the same, with its own error.
    const capped = {
      ...form(),
      refuseFile: new ApiError(429, "rate_limited", "too many uploads; try again later"),
    };
    const answer = await receiveUploadForm(
      request(body([...fields, { name: "file", bytes: jpegOf(100) }])),
      capped,
    ).then(
      () => undefined,
      (error: ApiError) => error,
    );
    expect(answer?.status).toBe(429);
    expect(capped.values.title).toBe("Warm");
    // The fields share one budget: a longer text is cut there (and found too long by its own check).
    const small = { ...form(), maxBytes: 6 };
    await receiveUploadForm(request(body(fields)), small);
    expect(small.values).toEqual({ title: "Warm", body: "Li" });
  });

  it("answers 413 from the declared length alone, before reading: the whole body's and a photo's", async () => {
    const small = body([{ name: "file", bytes: jpegOf(100) }]);
    const whole = await refusal(
      request(small, { "content-type": CONTENT_TYPE, "content-length": String(UPLOAD_BODY_MAX + 1) }),
    );
    expect([whole.status, whole.code, whole.message, whole.headers?.Connection]).toEqual([
      413,
      "payload_too_large",
      WHOLE_BODY_TEXT,
      "close",
    ]);
    expect(UPLOAD_BODY_MAX).toBe(WHOLE_BODY_MAX);
    // A video may declare the whole body's limit exactly; one byte more is refused, a video too.
    const video = body([{ name: "file", bytes: isoVideo({ mdatBytes: 1000 }) }]);
    const declaring = (length: number) =>
      request(video, { "content-type": CONTENT_TYPE, "content-length": String(length) });
    const atMax = await receiveUpload(declaring(WHOLE_BODY_MAX));
    expect(atMax.file.type.kind).toBe("video");
    await atMax.cleanup();
    const overMax = await refusal(declaring(WHOLE_BODY_MAX + 1));
    expect([overMax.status, overMax.message]).toEqual([413, WHOLE_BODY_TEXT]);
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
    // In pieces of 256 KB, as from a socket: the limit holds on the bytes as they stream in.
    const photo = jpegOf(MEDIA_LIMITS.imageBytes);
    const exact = await receiveUpload(streamed(body([{ name: "file", bytes: photo }]), 256 * 1024));
    expect("bytes" in exact.file && Buffer.compare(exact.file.bytes, photo)).toBe(0);
    const over = await refusal(
      streamed(body([{ name: "file", bytes: jpegOf(MEDIA_LIMITS.imageBytes + 1) }]), 256 * 1024),
    );
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
    await expect.poll(openUploadFiles).toEqual([]);
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
  it("takes a video of exactly 100 MB whole, as it streams in, and refuses one byte more", async () => {
    const video = videoOf(MEDIA_LIMITS.videoBytes);
    const exact = await receiveUpload(streamed(body([{ name: "file", bytes: video }]), 1024 * 1024));
    if (!("path" in exact.file)) throw new Error("a video is kept in a file");
    expect(exact.file.size).toBe(MEDIA_LIMITS.videoBytes);
    expect(Buffer.compare(readFileSync(exact.file.path), video)).toBe(0);
    await exact.cleanup();
    const over = await refusal(
      streamed(body([{ name: "file", bytes: videoOf(MEDIA_LIMITS.videoBytes + 1) }]), 1024 * 1024),
    );
    expect([over.status, over.message, over.headers?.Connection]).toEqual([
      413,
      "videos may be at most 100 MB",
      "close",
    ]);
  });

  it("counts every byte of the body, even before the first part: the whole limit to the byte", async () => {
    // The poster first: the limit trips in the video's last bytes, while it is written to its file.
    const parts = [
      { name: "poster", bytes: jpegOf(MEDIA_LIMITS.posterBytes) },
      { name: "file", bytes: videoOf(MEDIA_LIMITS.videoBytes) },
    ];
    const framing = body(parts).length;
    const exact = await receiveUpload(
      streamed(body(parts, { preamble: WHOLE_BODY_MAX - framing }), 1024 * 1024),
    );
    expect([exact.file.type.kind, exact.poster?.bytes.length]).toEqual(["video", MEDIA_LIMITS.posterBytes]);
    await exact.cleanup();
    const over = await refusal(
      streamed(body(parts, { preamble: WHOLE_BODY_MAX - framing + 1 }), 1024 * 1024),
    );
    expect([over.status, over.message, over.headers?.Connection]).toEqual([413, WHOLE_BODY_TEXT, "close"]);
    // The video part that was streaming when the limit tripped was ended and its file closed.
    await expect.poll(openUploadFiles).toEqual([]);
  });

  it("holds a poster, not the video beside it, to the poster's 5 MB when the length is declared", async () => {
    const payload = body([
      { name: "file", bytes: videoOf(6 * 1024 * 1024) },
      { name: "poster", bytes: jpegOf(1000) },
    ]);
    const got = await receiveUpload(
      request(payload, { "content-type": CONTENT_TYPE, "content-length": String(payload.length) }),
    );
    expect([got.file.type.kind, got.poster?.bytes.length]).toEqual(["video", 1000]);
    await got.cleanup();
  });

  it("lets cleanup run more than once", async () => {
    const got = await receiveUpload(request(body([{ name: "file", bytes: isoVideo({ mdatBytes: 1000 }) }])));
    if (!("path" in got.file)) throw new Error("a video is kept in a file");
    await got.cleanup();
    await got.cleanup();
    expect(existsSync(got.file.path)).toBe(false);
  });

  it("answers a body that is no multipart at all under a multipart Content-Type with 400", async () => {
    const garbage = await refusal(request(Buffer.from("this is not multipart, there is no boundary in it")));
    expect([garbage.status, garbage.code]).toEqual([400, "bad_request"]);
  });
  it("answers a body that breaks off mid-way (the client went away) with 400", async () => {
    const payload = body([{ name: "file", bytes: isoVideo({ mdatBytes: 200_000 }) }]);
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new Error("the client went away"));
        sent = true;
        controller.enqueue(new Uint8Array(payload.subarray(0, 64 * 1024)));
      },
    });
    const broken = await refusal(
      new Request("http://plaudit.test/v1/stores/s/media", {
        method: "POST",
        headers: { "content-type": CONTENT_TYPE },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect([broken.status, broken.code, broken.message]).toEqual([
      400,
      "bad_request",
      "the multipart body is malformed",
    ]);
  });
});
