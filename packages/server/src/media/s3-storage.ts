import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { assertMediaKey, contentTypeOfKey, type MediaStorage } from "./media-storage.ts";
import { EMPTY_SHA256, type S3Credentials, sha256Hex, signRequest, uriEncode } from "./s3-signing.ts";

export interface S3StorageOptions {
  /** e.g. https://s3.eu-central-1.amazonaws.com, https://<account>.r2.cloudflarestorage.com, http://minio:9000 */
  endpoint: string;
  bucket: string;
  region: string;
  credentials: S3Credentials;
  /** Key prefix inside the bucket, e.g. "plaudit/". */
  prefix?: string;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  clock?: () => Date;
}

/**
 * Media in an S3-compatible bucket (AWS S3, R2, MinIO, Backblaze B2…), path-style addressing
 * (`endpoint/bucket/key`), which every S3-compatible service accepts. Objects are PUT whole, so a
 * reader sees all of one or nothing. A stream without a known size is read into memory first
 * (S3 needs Content-Length); the upload code always knows the size.
 */
export function s3Storage(options: S3StorageOptions): MediaStorage {
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? (() => new Date());
  const endpoint = options.endpoint.replace(/\/+$/, "");
  const prefix = options.prefix ?? "";

  const urlOf = (key: string) => {
    assertMediaKey(key);
    return new URL(`${endpoint}/${uriEncode(options.bucket)}/${uriEncode(prefix + key, true)}`);
  };

  async function send(
    method: string,
    key: string,
    headers: Record<string, string>,
    payloadHash: string,
    body?: Buffer | Readable,
  ): Promise<Response> {
    const url = urlOf(key);
    const signed = signRequest(
      { method, url, headers: { ...headers, "x-amz-content-sha256": payloadHash }, payloadHash },
      { credentials: options.credentials, region: options.region, service: "s3", now: clock() },
    );
    // fetch sets Host itself and refuses to be told.
    const { host: _host, ...sendHeaders } = signed;
    const init: RequestInit & { duplex?: "half" } = { method, headers: sendHeaders };
    if (body !== undefined) {
      init.body = (Buffer.isBuffer(body)
        ? new Uint8Array(body)
        : Readable.toWeb(body)) as unknown as BodyInit;
      if (!Buffer.isBuffer(body)) init.duplex = "half";
    }
    return doFetch(url, init);
  }

  const failure = async (what: string, res: Response) =>
    new Error(`S3 ${what} failed: ${res.status} ${(await res.text().catch(() => "")).slice(0, 300)}`);

  return {
    async put(key, body, contentType, size) {
      let payload: Buffer | Readable = body;
      if (!Buffer.isBuffer(body) && size === undefined) {
        const chunks: Buffer[] = [];
        for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
        payload = Buffer.concat(chunks);
      }
      const length = Buffer.isBuffer(payload) ? payload.byteLength : (size as number);
      const hash = Buffer.isBuffer(payload) ? sha256Hex(payload) : "UNSIGNED-PAYLOAD";
      const res = await send(
        "PUT",
        key,
        { "content-type": contentType, "content-length": String(length) },
        hash,
        payload,
      );
      if (!res.ok) throw await failure(`PUT ${key}`, res);
      await res.body?.cancel();
    },
    async get(key, range) {
      const headers: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end}` } : {};
      const res = await send("GET", key, headers, EMPTY_SHA256);
      if (res.status === 404) {
        await res.body?.cancel();
        return undefined;
      }
      if (!res.ok || !res.body) throw await failure(`GET ${key}`, res);
      const total = /\/(\d+)$/.exec(res.headers.get("content-range") ?? "")?.[1];
      return {
        body: Readable.fromWeb(res.body as unknown as WebReadableStream),
        size: Number(total ?? res.headers.get("content-length") ?? 0),
        contentType: res.headers.get("content-type") ?? contentTypeOfKey(key),
      };
    },
    async stat(key) {
      const res = await send("HEAD", key, {}, EMPTY_SHA256);
      if (res.status === 404) return undefined;
      if (!res.ok) throw await failure(`HEAD ${key}`, res);
      return {
        size: Number(res.headers.get("content-length") ?? 0),
        contentType: res.headers.get("content-type") ?? contentTypeOfKey(key),
      };
    },
    async delete(key) {
      const res = await send("DELETE", key, {}, EMPTY_SHA256);
      await res.body?.cancel();
      if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key} failed: ${res.status}`);
    },
  };
}
