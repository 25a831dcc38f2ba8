// The S3 driver against a real S3-compatible HTTP peer (s3rver 3, on 127.0.0.1): path-style
// requests, ranges, HEAD, deletes, its XML errors and its access-key check, as S3 answers them.
// s3rver 3 does not recompute SigV4 signatures (the release that does needs Node 24); the
// signature's arithmetic is proven against AWS's published examples in s3-signing.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaKey } from "./media-storage.ts";
import { s3Storage } from "./s3-storage.ts";

const dir = mkdtempSync(join(tmpdir(), "plaudit-s3-"));
const peer = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory: dir,
  configureBuckets: [{ name: "media", configs: [] }],
});
let endpoint = "";
// s3rver's built-in account.
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

beforeAll(async () => {
  const address = (await peer.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await peer.close();
  rmSync(dir, { recursive: true, force: true });
});

const key = (variant: string, ext: "jpg" | "mp4" = "jpg") => mediaKey("shop-1", "B".repeat(22), variant, ext);
const storage = () =>
  s3Storage({ endpoint, bucket: "media", region: "us-east-1", credentials, prefix: "plaudit/" });
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) % 256));

describe("S3 media storage against an S3-compatible server", () => {
  it("stores, states, reads whole and by range, and deletes", async () => {
    const s3 = storage();
    const photo = bytes(5000);
    await s3.put(key("w1"), photo, "image/jpeg");
    expect(await s3.stat(key("w1"))).toEqual({ size: 5000, contentType: "image/jpeg" });
    const whole = await s3.get(key("w1"));
    expect(whole?.size).toBe(5000);
    expect((await buffer(whole?.body ?? Readable.from([]))).equals(photo)).toBe(true);
    const part = await s3.get(key("w1"), { start: 100, end: 199 });
    expect(part?.size).toBe(5000);
    expect((await buffer(part?.body ?? Readable.from([]))).equals(photo.subarray(100, 200))).toBe(true);
    await s3.delete(key("w1"));
    expect(await s3.stat(key("w1"))).toBeUndefined();
    expect(await s3.get(key("w1"))).toBeUndefined();
  });

  it("streams a body of known size (a video) unsigned, and one of unknown size whole", async () => {
    const s3 = storage();
    const video = bytes(300_000);
    await s3.put(
      key("v", "mp4"),
      Readable.from([video.subarray(0, 100_000), video.subarray(100_000)]),
      "video/mp4",
      video.length,
    );
    expect((await buffer((await s3.get(key("v", "mp4")))?.body ?? Readable.from([]))).equals(video)).toBe(
      true,
    );
    await s3.put(key("u"), Readable.from([video.subarray(0, 10)]), "image/jpeg");
    expect(await s3.stat(key("u"))).toEqual({ size: 10, contentType: "image/jpeg" });
  });

  it("keeps objects under its prefix and treats deleting a missing key as done", async () => {
    const s3 = storage();
    await s3.put(key("p"), bytes(10), "image/jpeg");
    const unprefixed = s3Storage({ endpoint, bucket: "media", region: "us-east-1", credentials });
    expect(await unprefixed.stat(key("p"))).toBeUndefined();
    await expect(s3.delete(key("gone"))).resolves.toBeUndefined();
  });

  it("fails loudly, with the server's answer, when the access key is unknown", async () => {
    const wrong = s3Storage({
      endpoint,
      bucket: "media",
      region: "us-east-1",
      credentials: { accessKeyId: "NOT-A-KEY", secretAccessKey: "S3RVER" },
    });
    await expect(wrong.put(key("x"), bytes(10), "image/jpeg")).rejects.toThrow(
      /S3 PUT .* failed: 403[\s\S]*InvalidAccessKeyId/,
    );
    await expect(wrong.stat(key("x"))).rejects.toThrow(/S3 HEAD .* failed: 403/);
    await expect(wrong.delete(key("x"))).rejects.toThrow(/S3 DELETE .* failed: 403/);
  });

  it("fails on a bucket that does not exist instead of reporting the object missing", async () => {
    const nowhere = s3Storage({ endpoint, bucket: "no-such-bucket", region: "us-east-1", credentials });
    await expect(nowhere.put(key("y"), bytes(10), "image/jpeg")).rejects.toThrow(
      /S3 PUT .* failed: 404[\s\S]*NoSuchBucket/,
    );
  });

  it("refuses keys that are not media keys before any request", async () => {
    await expect(storage().put("../etc/passwd", bytes(1), "image/jpeg")).rejects.toThrow(/media key/);
  });
});
