// Behind proxies (issue 13): the client address is counted from the right of X-Forwarded-For, and
// no forwarded header a client sends changes a URL Plaudit hands out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { createMemoryRateLimiter } from "../rate-limit.ts";

describe.each(databasesUnderTest())("behind a proxy on %s", (kind) => {
  let server: TestServer;
  let plain: TestServer;
  let storeId: string;
  let plainStore: string;

  beforeAll(async () => {
    server = await startTestServer({
      db: kind,
      trustProxy: 1,
      publicUrl: "https://reviews.shop.example",
      rateLimiter: createMemoryRateLimiter(),
    });
    ({ storeId } = await makeStore(server.db, {
      rateLimits: {
        perIp: { capacity: 1, refillPerSecond: 0.0001 },
        perStore: { capacity: 1000, refillPerSecond: 100 },
      },
    }));
    plain = await startTestServer({ db: kind });
    ({ storeId: plainStore } = await makeStore(plain.db));
  });
  afterAll(async () => {
    await server.close();
    await plain.close();
  });

  const write = (forwardedFor: string) =>
    postJson(`${server.url}/v1/stores/${storeId}/products/mug/reviews`, reviewBody(), {
      "x-forwarded-for": forwardedFor,
    });

  it("keys the rate limit by the address our proxy saw, not by what the client wrote left of it", async () => {
    expect((await write("203.0.113.7")).status).toBe(201);
    // The same client (our proxy appended 203.0.113.7) forging new left-most entries: same bucket.
    expect((await write("198.51.100.1, 203.0.113.7")).status).toBe(429);
    expect((await write("10.9.9.9, 192.0.2.55, 203.0.113.7")).status).toBe(429);
    // Another client is another bucket.
    expect((await write("203.0.113.8")).status).toBe(201);
  });

  it("keys it by the address alone where our proxy writes a port too (one client, many connections)", async () => {
    expect((await write("203.0.113.20:50001")).status).toBe(201);
    expect((await write("203.0.113.20:50002")).status).toBe(429);
    expect((await write("203.0.113.20")).status).toBe(429);
    expect((await write("[2001:DB8::20]:443")).status).toBe(201);
    expect((await write("[2001:db8::20]:444")).status).toBe(429);
    expect((await write("2001:db8::20")).status).toBe(429);
  });

  const uploadWith = async (base: string, store: string, headers: Record<string, string>) => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await solidJpeg(64, 48))], { type: "image/jpeg" }), "a.jpg");
    const res = await fetch(`${base}/v1/stores/${store}/media`, { method: "POST", body: form, headers });
    expect(res.status).toBe(201);
    return (await res.json()) as { url: string; thumbnailUrl: string };
  };
  const evil = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

  it("builds media URLs from PLAUDIT_PUBLIC_URL, whatever X-Forwarded-Host says", async () => {
    const media = await uploadWith(server.url, storeId, { ...evil, "x-forwarded-for": "203.0.113.9" });
    expect(media.url.startsWith("https://reviews.shop.example/")).toBe(true);
    expect(JSON.stringify(media)).not.toContain("evil.example");
  });

  it("without PLAUDIT_PUBLIC_URL, builds them from the Host reached, never a forwarded one", async () => {
    const media = await uploadWith(plain.url, plainStore, evil);
    expect(media.url.startsWith(`${plain.url}/`)).toBe(true);
    expect(JSON.stringify(media)).not.toContain("evil.example");
  });
});
