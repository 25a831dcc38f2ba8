import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, describe, expect, it } from "vitest";
import { localDiskStorage } from "./local-disk-storage.ts";
import { mediaKey } from "./media-storage.ts";

const root = mkdtempSync(join(tmpdir(), "plaudit-disk-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const storage = localDiskStorage(root);
const key = (variant: string) => mediaKey("demo", "A".repeat(22), variant, "jpg");

describe("local disk media storage", () => {
  it("stores, reads whole and by range, and deletes", async () => {
    await storage.put(key("w1"), Buffer.from("0123456789"), "image/jpeg");
    expect(await storage.stat(key("w1"))).toEqual({ size: 10, contentType: "image/jpeg" });
    const whole = await storage.get(key("w1"));
    expect(await text(whole?.body ?? Readable.from([]))).toBe("0123456789");
    const part = await storage.get(key("w1"), { start: 2, end: 4 });
    expect(await text(part?.body ?? Readable.from([]))).toBe("234");
    await storage.delete(key("w1"));
    expect(await storage.stat(key("w1"))).toBeUndefined();
    expect(await storage.get(key("w1"))).toBeUndefined();
  });

  it("leaves no partial file when the stream fails midway", async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
        this.destroy(new Error("client went away"));
      },
    });
    await expect(storage.put(key("w2"), failing, "image/jpeg")).rejects.toThrow("client went away");
    expect(await storage.stat(key("w2"))).toBeUndefined();
    const dir = join(root, "demo", "A".repeat(22));
    expect(readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".part"))).toEqual([]);
  });

  it("refuses keys it did not make", async () => {
    for (const bad of [
      "../etc/passwd",
      "demo/../../x.jpg",
      "demo/short/w1.jpg",
      "demo/AAAAAAAAAAAAAAAAAAAAAA/w1.html",
    ]) {
      await expect(storage.put(bad, Buffer.from("x"), "text/html")).rejects.toThrow("not a media key");
      await expect(storage.get(bad)).rejects.toThrow("not a media key");
    }
  });
});
