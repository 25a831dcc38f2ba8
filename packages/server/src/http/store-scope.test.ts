import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, postJson, reviewBody, testClock } from "../../testing/fixtures.ts";
import {
  databasesUnderTest,
  METRICS_AUTH,
  startTestServer,
  type TestServer,
} from "../../testing/test-server.ts";
import type { AppEnv } from "../context.ts";
import { createMemoryRateLimiter } from "../rate-limit.ts";
import { STORE_CACHE_MS, STORE_CACHE_SIZE, storeScope } from "./store-scope.ts";

// storeScope() on its own terms, on the app's injected clock: how long a store's settings are
// remembered, which ids are looked up at all, which methods are writes, and the two rate limits
// (which one refused, its Retry-After, and that a request the address bucket refused does not
// spend the store's). Database reads are counted through db.queryListeners.
describe.each(databasesUnderTest())("store scope on %s", (kind) => {
  let server: TestServer;
  const time = testClock();
  const reviews = (storeId: string) => `${server.url}/v1/stores/${storeId}/products/p/reviews`;
  const from = (address: string, origin?: string) => ({
    "x-forwarded-for": address,
    ...(origin ? { origin } : {}),
  });

  beforeAll(async () => {
    server = await startTestServer({
      db: kind,
      clock: time.clock,
      rateLimiter: createMemoryRateLimiter(),
      trustProxy: 1,
    });
  });
  afterAll(() => server.close());

  it("remembers a store's settings for STORE_CACHE_MS of the app's clock, then reads them again", async () => {
    const { storeId } = await makeStore(server.db, { allowedOrigins: ["https://shop.example"] });
    const write = async () =>
      (await postJson(reviews(storeId), reviewBody(), from("10.1.0.1", "https://new-shop.example"))).status;
    expect(await write()).toBe(403);
    await server.db.kysely
      .updateTable("stores")
      .set({ allowed_origins: JSON.stringify(["https://shop.example", "https://new-shop.example"]) })
      .where("id", "=", storeId)
      .execute();
    time.advance(STORE_CACHE_MS - 1);
    expect(await write()).toBe(403);
    time.advance(1);
    expect(await write()).toBe(201);
  });

  it("takes writes from the server's own origin, origin-less servers and listed origins only", async () => {
    const { storeId } = await makeStore(server.db, { allowedOrigins: ["https://shop.example"] });
    const write = async (origin?: string) =>
      (await postJson(reviews(storeId), reviewBody(), from("10.4.0.1", origin))).status;
    expect(await write(server.url)).toBe(201);
    expect(await write()).toBe(201);
    expect(await write("https://shop.example")).toBe(201);
    const port = Number(new URL(server.url).port);
    for (const origin of [
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
      "null",
      "https://evil.example",
    ]) {
      expect([origin, await write(origin)]).toEqual([origin, 403]);
    }
  });

  it("does not remember a store that does not exist: one created a moment later answers at once", async () => {
    const storeId = `s-later-${Math.random().toString(36).slice(2, 10)}`;
    const missing = await fetch(reviews(storeId));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("store_not_found");
    await makeStore(server.db, { id: storeId });
    expect((await fetch(reviews(storeId))).status).toBe(200);
  });

  it("takes store ids of 1 to 64 letters, digits, - and _, and names a refused one in 64 characters", async () => {
    const longest = `s_${"a".repeat(61)}-`;
    expect(longest).toHaveLength(64);
    await makeStore(server.db, { id: longest });
    expect((await fetch(reviews(longest))).status).toBe(200);
    const tooLong = `${longest}b`;
    const refused = await fetch(reviews(tooLong));
    expect(refused.status).toBe(404);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("store_not_found");
    expect(body.error.message).toBe(`no store with id ${JSON.stringify(longest)}`);
  });

  it("treats GET and HEAD as reads (no origin check, no limit) and everything else as a write", async () => {
    const { storeId } = await makeStore(server.db, {
      rateLimits: {
        perIp: { capacity: 1, refillPerSecond: 0.25 },
        perStore: { capacity: 100, refillPerSecond: 10 },
      },
    });
    const evil = from("10.2.0.1", "https://evil.example");
    for (let i = 0; i < 3; i++) {
      expect((await fetch(reviews(storeId), { headers: evil })).status).toBe(200);
      expect((await fetch(reviews(storeId), { method: "HEAD", headers: evil })).status).toBe(200);
    }
    const refused = await postJson(reviews(storeId), reviewBody(), evil);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("origin_not_allowed");
    // The refused origin spent nothing: the address's one token is still there.
    expect((await postJson(reviews(storeId), reviewBody(), from("10.2.0.1"))).status).toBe(201);
  });

  it("says which limit refused, with the seconds until its next token as Retry-After", async () => {
    const { storeId } = await makeStore(server.db, {
      rateLimits: {
        perIp: { capacity: 1, refillPerSecond: 0.25 },
        perStore: { capacity: 2, refillPerSecond: 0.1 },
      },
    });
    const metric = async (scope: string) => {
      const text = await (await fetch(`${server.url}/metrics`, { headers: METRICS_AUTH })).text();
      return Number(
        new RegExp(`plaudit_rate_limit_rejections_total\\{scope="${scope}"\\} (\\d+)`).exec(text)?.[1] ?? 0,
      );
    };
    const [ipBefore, storeBefore] = [await metric("ip"), await metric("store")];
    const post = (address: string) => postJson(reviews(storeId), reviewBody(), from(address));

    expect((await post("10.3.0.1")).status).toBe(201);
    const byIp = await post("10.3.0.1");
    expect(byIp.status).toBe(429);
    expect(byIp.json.error.code).toBe("rate_limited");
    expect(byIp.headers.get("retry-after")).toBe("4");
    expect(await metric("ip")).toBe(ipBefore + 1);
    // The address's refusal did not spend the store's second token: another address gets it.
    expect((await post("10.3.0.2")).status).toBe(201);
    const byStore = await post("10.3.0.3");
    expect(byStore.status).toBe(429);
    expect(byStore.headers.get("retry-after")).toBe("10");
    expect(await metric("store")).toBe(storeBefore + 1);
    expect(await metric("ip")).toBe(ipBefore + 1);
    // On the app's clock: 4 s later the first address has a token again, the store not yet.
    time.advance(4_000);
    const stillStore = await post("10.3.0.1");
    expect(stillStore.status).toBe(429);
    expect(stillStore.headers.get("retry-after")).toBe("6");
    time.advance(7_000);
    expect((await post("10.3.0.4")).status).toBe(201);
  });
  /** How many queries `work` makes on the server's database. */
  async function queriesDuring(work: () => Promise<unknown>): Promise<number> {
    let count = 0;
    const listener = () => void count++;
    server.db.queryListeners.add(listener);
    try {
      await work();
    } finally {
      server.db.queryListeners.delete(listener);
    }
    return count;
  }

  it("refuses an id that is no store id with 404 without reading the database", async () => {
    const read = async (storeId: string) => {
      let status = 0;
      const queries = await queriesDuring(async () => {
        status = (await fetch(reviews(storeId))).status;
      });
      return { storeId, status, queries };
    };
    for (const storeId of ["!x", "x!", "a.b", "x".repeat(65)]) {
      expect(await read(storeId)).toEqual({ storeId, status: 404, queries: 0 });
    }
    // An id of the right form that no store has is looked up (and is 404 too).
    const fits = await read("x".repeat(64));
    expect([fits.status, fits.queries > 0]).toEqual([404, true]);
  });

  it("never counts a request without a Host header as same-origin", async () => {
    // Node's HTTP server always has a Host (the adapter refuses a request without one); a fetch
    // handed to the app itself (another runtime, or a proxy that drops it) may have none.
    const { storeId } = await makeStore(server.db, { allowedOrigins: ["https://shop.example"] });
    const write = (origin: string) =>
      server.app.fetch(
        new Request(`http://127.0.0.1/v1/stores/${storeId}/products/p/reviews`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": "10.5.0.1", origin },
          body: JSON.stringify(reviewBody()),
        }),
      );
    expect((await write("http://undefined")).status).toBe(403);
    expect((await write("https://shop.example")).status).toBe(201);
  });

  it(`remembers at most ${STORE_CACHE_SIZE} stores, forgetting the one read longest ago`, async () => {
    // The middleware alone, on a bare app: one query per store read, none per store remembered.
    const app = new Hono<AppEnv>();
    app.use("/s/:store/*", storeScope(server.app.ctx));
    app.get("/s/:store/x", (c) => c.text(c.get("store").id));
    const template = await server.db.kysely
      .selectFrom("stores")
      .selectAll()
      .where("id", "=", (await makeStore(server.db)).storeId)
      .executeTakeFirstOrThrow();
    const ids = Array.from({ length: STORE_CACHE_SIZE + 1 }, (_, i) => `s-many-${i}`);
    for (let i = 0; i < ids.length; i += 200) {
      await server.db.kysely
        .insertInto("stores")
        .values(
          ids
            .slice(i, i + 200)
            .map((id) => ({ ...template, id, secret_hash: `${template.secret_hash}-${id}` })),
        )
        .execute();
    }
    const read = async (id: string) => {
      const res = await app.request(`/s/${id}/x`);
      expect(await res.text()).toBe(id);
    };
    for (const id of ids) await read(id);
    // The store read last and the second one read are remembered; the first one is forgotten.
    expect(await queriesDuring(() => read(ids[STORE_CACHE_SIZE] as string))).toBe(0);
    expect(await queriesDuring(() => read(ids[1] as string))).toBe(0);
    expect(await queriesDuring(() => read(ids[0] as string))).toBe(1);
  });
});
