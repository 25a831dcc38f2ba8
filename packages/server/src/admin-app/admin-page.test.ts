import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../testing/test-server.ts";

// The admin app's files: the page with a strict CSP and no framing, hashed assets cached forever.
describe("the admin app's files", () => {
  let server: TestServer;
  const dir = mkdtempSync(join(tmpdir(), "plaudit-admin-dist-"));
  beforeAll(async () => {
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>admin</title>");
    writeFileSync(join(dir, "assets", "index-abc.js"), "export {};");
    server = await startTestServer({ db: "sqlite", assets: { embedDir: dir, adminDir: dir } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the page fresh, under a CSP that allows only its own scripts, never framed", async () => {
    const res = await fetch(`${server.url}/admin/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<title>admin</title>");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const bare = await fetch(`${server.url}/admin`, { redirect: "manual" });
    expect([bare.status, bare.headers.get("location")]).toEqual([301, "/admin/"]);
  });

  it("serves hashed assets as immutable and nothing outside its folder", async () => {
    const js = await fetch(`${server.url}/admin/assets/index-abc.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${server.url}/admin/assets/%2e%2e/index.html`)).status).toBe(404);
    expect((await fetch(`${server.url}/admin/assets/missing.js`)).status).toBe(404);
  });
});
