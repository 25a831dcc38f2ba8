import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawGet } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/test-server.ts";

/** A raw GET with chosen headers, answering the undecoded bytes (fetch would decompress them). */
function rawBytes(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((done, fail) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method: "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("static assets", () => {
  let server: TestServer;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "plaudit-assets-"));
    const embedDir = join(root, "embed");
    mkdirSync(join(embedDir, "chunks"), { recursive: true });
    writeFileSync(join(embedDir, "plaudit.js"), "console.log('plaudit');");
    writeFileSync(join(embedDir, "plaudit.js.br"), brotliCompressSync("console.log('plaudit');"));
    writeFileSync(join(embedDir, "plaudit.js.gz"), gzipSync("console.log('plaudit');"));
    writeFileSync(join(embedDir, "chunks", "reviews-abc123.js"), "export const x = 1;");
    writeFileSync(join(root, "secret.txt"), "do not serve");
    server = await startTestServer({ db: "sqlite", assets: { embedDir } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("serves the loader with a short cache and chunks as immutable", async () => {
    const loader = await fetch(`${server.url}/plaudit.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(loader.headers.get("cache-control")).toBe("public, max-age=300");
    expect(loader.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await loader.text()).toContain("plaudit");
    const chunk = await fetch(`${server.url}/chunks/reviews-abc123.js`);
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // Shops import the chunks cross-origin as ES modules (CORS mode).
    for (const res of [loader, chunk]) {
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    }
  });

  it("serves the build's precompressed loader to browsers that accept it, plain to others", async () => {
    const br = await rawBytes(server.url, "/plaudit.js", { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(brotliDecompressSync(br.body).toString()).toBe("console.log('plaudit');");
    const gz = await rawBytes(server.url, "/plaudit.js", { "accept-encoding": "gzip;q=1, br;q=0" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe("console.log('plaudit');");
    const plain = await rawBytes(server.url, "/plaudit.js", {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe("console.log('plaudit');");
    // A chunk built without variants is still served, uncompressed.
    const chunk = await rawBytes(server.url, "/chunks/reviews-abc123.js", { "accept-encoding": "br" });
    expect(chunk.headers["content-encoding"]).toBeUndefined();
    expect(chunk.body.toString()).toBe("export const x = 1;");
  });

  it("serves no demo: the demo package's routes are mounted only by `start --demo`", async () => {
    for (const path of ["/demo/", "/demo/index.html", "/demo/sign-in"]) {
      expect((await rawGet(server.url, path)).status, path).toBe(404);
    }
    expect((await fetch(`${server.url}/`, { redirect: "manual" })).status).toBe(404);
  });

  it.each([
    "/chunks/../../secret.txt",
    "/chunks/%2e%2e/%2e%2e/secret.txt",
    "/chunks/..%2f..%2fsecret.txt",
    "/chunks/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/chunks/%00reviews-abc123.js",
    "/chunks/%E0%A4%A.js",
  ])("does not serve %s", async (path) => {
    const res = await rawGet(server.url, path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("do not serve");
  });

  it("answers a missing file with 404", async () => {
    expect((await fetch(`${server.url}/chunks/nope.js`)).status).toBe(404);
  });
});
