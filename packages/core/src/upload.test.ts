import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "./client.ts";

// Upload progress runs on XMLHttpRequest, so these tests talk to a real HTTP server.
let server: Server;
let apiBase = "";
const received: { contentType: string; bytes: number }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "*" };
    if (req.method === "OPTIONS") return res.writeHead(204, cors).end();
    let bytes = 0;
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    req.on("end", () => {
      received.push({ contentType: req.headers["content-type"] ?? "", bytes });
      if (req.url?.includes("/stores/full/")) {
        res.writeHead(413, { ...cors, "content-type": "application/json" });
        return res.end(JSON.stringify({ error: { code: "payload_too_large", message: "too large" } }));
      }
      res.writeHead(201, { ...cors, "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "m1",
          kind: "image",
          url: "/m1.webp",
          thumbnailUrl: "/m1-t.webp",
          width: 4,
          height: 3,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("uploadMedia with progress", () => {
  it("sends the file as multipart and reports progress up to 1", async () => {
    const progress: number[] = [];
    const client = createClient({ apiBase, store: "demo" });
    const file = new Blob([new Uint8Array(256 * 1024)], { type: "image/png" });
    const media = await client.uploadMedia(file, { onProgress: (fraction) => progress.push(fraction) });
    expect(media).toMatchObject({ id: "m1", kind: "image" });
    expect(received.at(-1)!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(received.at(-1)!.bytes).toBeGreaterThan(256 * 1024);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it("rejects with the API's typed error", async () => {
    const client = createClient({ apiBase, store: "full" });
    await expect(client.uploadMedia(new Blob(["x"]), { onProgress: () => {} })).rejects.toMatchObject({
      kind: "http",
      status: 413,
      code: "payload_too_large",
    });
  });
});
