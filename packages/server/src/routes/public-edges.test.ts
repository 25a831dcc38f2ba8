import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, longReviewText, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import {
  databasesUnderTest,
  METRICS_AUTH,
  startTestServer,
  type TestServer,
} from "../../testing/test-server.ts";
import { createMemoryRateLimiter } from "../rate-limit.ts";

describe.each(databasesUnderTest())("public API edges on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  const reviewsUrl = (product = "edge", store = storeId) =>
    `${server.url}/v1/stores/${store}/products/${product}/reviews`;

  beforeAll(async () => {
    server = await startTestServer({ db: kind, rateLimiter: createMemoryRateLimiter() });
    ({ storeId } = await makeStore(server.db, {
      allowedOrigins: ["https://shop.example", "http://localhost:*"],
      // Generous: only the dedicated store below is meant to hit its limit.
      rateLimits: {
        perIp: { capacity: 1000, refillPerSecond: 100 },
        perStore: { capacity: 1000, refillPerSecond: 100 },
      },
    }));
  });
  afterAll(() => server.close());

  it("lets any origin read and answers with ETag and shared-cache headers, then 304 on If-None-Match", async () => {
    await postJson(reviewsUrl(), reviewBody());
    for (const url of [
      reviewsUrl(),
      `${server.url}/v1/stores/${storeId}/products/edge/summary`,
      `${server.url}/v1/stores/${storeId}/summaries?products=edge,x`,
    ]) {
      const first = await fetch(url, { headers: { origin: "https://anywhere.example" } });
      expect(first.status).toBe(200);
      expect(first.headers.get("access-control-allow-origin")).toBe("*");
      expect(first.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
      const etag = first.headers.get("etag");
      expect(etag).toMatch(/^W\/".+"$/);
      await first.text();
      const again = await fetch(url, { headers: { "if-none-match": etag as string } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
    }
    // A new review changes the representation, so the old tag no longer matches.
    const before = (await fetch(reviewsUrl())).headers.get("etag") as string;
    await postJson(reviewsUrl(), reviewBody());
    expect((await fetch(reviewsUrl(), { headers: { "if-none-match": before } })).status).toBe(200);
  });

  it("gzips a review list for clients that accept it, keeping its ETag revalidation", async () => {
    for (let i = 0; i < 4; i++) await postJson(reviewsUrl("long"), reviewBody({ body: longReviewText(900) }));
    const get = (headers: Record<string, string>) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
        const { hostname, port, pathname } = new URL(reviewsUrl("long"));
        const req = request({ hostname, port, path: pathname, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        });
        req.on("error", fail);
        req.end();
      });
    const plain = await get({});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const zipped = await get({ "accept-encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    const etag = String(zipped.headers.etag);
    expect((await get({ "accept-encoding": "gzip", "if-none-match": etag })).status).toBe(304);
  });

  it("answers preflights for writes", async () => {
    const res = await fetch(reviewsUrl(), {
      method: "OPTIONS",
      headers: {
        origin: "https://shop.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
  });

  it("takes writes from allowed origins and origin-less servers, refuses others with 403", async () => {
    expect((await postJson(reviewsUrl(), reviewBody(), { origin: "https://shop.example" })).status).toBe(201);
    expect((await postJson(reviewsUrl(), reviewBody(), { origin: "http://localhost:5173" })).status).toBe(
      201,
    );
    expect((await postJson(reviewsUrl(), reviewBody())).status).toBe(201);
    // The server's own origin (its demo pages) may always write.
    expect((await postJson(reviewsUrl(), reviewBody(), { origin: server.url })).status).toBe(201);
    for (const origin of [
      "https://evil.example",
      "https://shop.example.evil.example",
      "http://localhost.evil:80",
      "null",
    ]) {
      const res = await postJson(reviewsUrl(), reviewBody(), { origin });
      expect(res.status, origin).toBe(403);
      expect(res.json.error.code).toBe("origin_not_allowed");
    }
  });

  it("rate-limits writes per IP with 429 rate_limited and Retry-After", async () => {
    const limited = await makeStore(server.db, {
      rateLimits: {
        perIp: { capacity: 3, refillPerSecond: 0.1 },
        perStore: { capacity: 100, refillPerSecond: 10 },
      },
    });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof postJson>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await postJson(reviewsUrl("p", limited.storeId), reviewBody());
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(last?.json.error.code).toBe("rate_limited");
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Reads are never limited.
    expect((await getJson(reviewsUrl("p", limited.storeId))).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: METRICS_AUTH })).text();
    expect(metrics).toMatch(/plaudit_rate_limit_rejections_total\{scope="ip"\} 2/);
  });

  it("rate-limits writes per store across IPs", async () => {
    const limited = await makeStore(server.db, {
      rateLimits: {
        perIp: { capacity: 100, refillPerSecond: 10 },
        perStore: { capacity: 2, refillPerSecond: 0.1 },
      },
    });
    // Three client addresses (all of 127.0.0.0/8 is this machine): each is well under its own
    // limit, so only the store's shared bucket can refuse the third.
    const statuses: number[] = [];
    for (const address of ["127.0.0.2", "127.0.0.3", "127.0.0.4"])
      statuses.push(await postFrom(address, reviewsUrl("p", limited.storeId), reviewBody()));
    expect(statuses).toEqual([201, 201, 429]);
  });

  it("never shows a reviewer's email in any public response", async () => {
    const demo = `${server.url}/v1/stores/${storeId}`;
    // Other shoppers' reviews, each with an address (published: the lists show them).
    for (const [n, rating] of [5, 4, 1].entries()) {
      const other = await postJson(
        `${demo}/products/tee-classic/reviews`,
        reviewBody({
          rating,
          body: `Shopper ${n} here: ${["soft and warm", "fits as described", "fell apart"][n]}.`,
          author: { name: `Shopper ${n}`, email: `shopper${n}@example.com` },
        }),
      );
      expect(other.status).toBe(201);
    }
    const bodies: string[] = [];
    const submitted = await postJson(
      `${demo}/products/tee-classic/reviews`,
      reviewBody({ author: { name: "Eve", email: "eve.secret@example.org" } }),
    );
    bodies.push(JSON.stringify(submitted.json));
    bodies.push(
      JSON.stringify(
        (await postJson(`${demo}/reviews/${submitted.json.review.id}/votes`, { value: "up", voter: "x" }))
          .json,
      ),
    );
    bodies.push((await getJson(`${demo}/reviews/${submitted.json.review.id}`)).text);
    for (const sort of ["newest", "oldest", "highest", "lowest", "helpful", "media"]) {
      bodies.push((await getJson(`${demo}/products/tee-classic/reviews?sort=${sort}&limit=50`)).text);
    }
    bodies.push((await getJson(`${demo}/products/tee-classic/reviews?verified=1&q=a&limit=50`)).text);
    bodies.push((await getJson(`${demo}/products/tee-classic/summary`)).text);
    bodies.push((await getJson(`${demo}/summaries?products=tee-classic,hoodie-zip`)).text);
    bodies.push((await getJson(`${server.url}/healthz`)).text);
    bodies.push(await (await fetch(`${server.url}/metrics`, { headers: METRICS_AUTH })).text());
    const all = bodies.join("\n");
    expect(all).toContain("Eve");
    expect(all).not.toContain("eve.secret@example.org");
    expect(all).not.toMatch(/[\w.+-]+@example\.(com|org)/);
    // The contract's own examples name made-up addresses; no reviewer's may appear there either.
    const contract = (await getJson(`${server.url}/v1/openapi.json`)).text;
    expect(contract).not.toContain("eve.secret@example.org");
  });

  it("answers unknown routes with 404 in the error shape", async () => {
    const res = await getJson(`${server.url}/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
  });
});

/** POSTs JSON from a given local address (the client address the server sees); resolves the status. */
function postFrom(localAddress: string, url: string, body: unknown): Promise<number> {
  return new Promise((done, fail) => {
    const payload = JSON.stringify(body);
    const req = request(
      url,
      {
        method: "POST",
        localAddress,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (res) => {
        res.resume();
        res.on("end", () => done(res.statusCode ?? 0));
      },
    );
    req.on("error", fail);
    req.end(payload);
  });
}
