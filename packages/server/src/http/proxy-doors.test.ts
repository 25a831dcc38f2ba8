// Behind proxies (issue 13): the client address is counted from the right of X-Forwarded-For, and
// no forwarded header a client sends changes a URL Plaudit hands out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { createMemoryRateLimiter } from "../rate-limit.ts";
import { ADMIN_FAILURE_RULE } from "./admin-failures.ts";

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

  it("keys an IPv6 client by its /64 and an IPv4-mapped one as the IPv4 address it is", async () => {
    // One home's /64: any of its 2^64 addresses is the same shopper (was a new bucket each).
    expect((await write("2001:db8:aa:bb::1")).status).toBe(201);
    expect((await write("2001:db8:aa:bb:ffff:1:2:3")).status).toBe(429);
    expect((await write("[2001:DB8:AA:BB::9]:443")).status).toBe(429);
    // The next /64 is someone else.
    expect((await write("2001:db8:aa:bc::1")).status).toBe(201);
    expect((await write("::ffff:203.0.113.40")).status).toBe(201);
    expect((await write("203.0.113.40")).status).toBe(429);
  });

  it("throttles failed admin keys from one IPv6 /64 together, whatever address each comes from", async () => {
    const tryKey = (i: number) =>
      fetch(`${server.url}/v1/admin/reviews`, {
        headers: {
          authorization: "Bearer sk_wrong",
          "x-forwarded-for": `2001:db8:77:1:${i.toString(16)}::1`,
        },
      });
    const statuses: number[] = [];
    // The burst, and one more (the wall clock forgives a fraction of a failure meanwhile).
    for (let i = 0; i < ADMIN_FAILURE_RULE.burst + 2; i++) statuses.push((await tryKey(i)).status);
    expect(statuses.slice(0, ADMIN_FAILURE_RULE.burst).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another network is not held back by it.
    const other = await fetch(`${server.url}/v1/admin/reviews`, {
      headers: { authorization: "Bearer sk_wrong", "x-forwarded-for": "2001:db8:77:2::1" },
    });
    expect(other.status).toBe(401);
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
