import { describe, expect, it } from "vitest";
import {
  createMemoryRateLimiter,
  DEFAULT_RATE_LIMITS,
  parseRateLimitSettings,
  unlimitedRateLimiter,
} from "./rate-limit.ts";

describe("memory rate limiter", () => {
  const rule = { capacity: 3, refillPerSecond: 1 };
  const t0 = new Date("2026-01-01T00:00:00Z");

  it("allows a burst of `capacity`, then refuses with the seconds until a token returns", async () => {
    const limiter = createMemoryRateLimiter();
    for (let i = 0; i < 3; i++) expect(await limiter.take("k", rule, t0)).toEqual({ allowed: true });
    expect(await limiter.take("k", rule, t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("refills over time and keeps buckets apart by key", async () => {
    const limiter = createMemoryRateLimiter();
    for (let i = 0; i < 3; i++) await limiter.take("a", rule, t0);
    expect((await limiter.take("b", rule, t0)).allowed).toBe(true);
    expect((await limiter.take("a", rule, new Date(t0.getTime() + 1000))).allowed).toBe(true);
    expect((await limiter.take("a", rule, new Date(t0.getTime() + 1000))).allowed).toBe(false);
  });

  it("falls back to the defaults for missing or broken settings", () => {
    expect(parseRateLimitSettings(null)).toEqual(DEFAULT_RATE_LIMITS);
    expect(parseRateLimitSettings("{not json")).toEqual(DEFAULT_RATE_LIMITS);
    expect(parseRateLimitSettings('{"perIp":{"capacity":2,"refillPerSecond":0.1}}')).toEqual({
      perIp: { capacity: 2, refillPerSecond: 0.1 },
      perStore: DEFAULT_RATE_LIMITS.perStore,
    });
  });

  it("has the documented defaults: 30 writes at once per address (one more every 2 s), 600 per store (20/s)", () => {
    const defaults = {
      perIp: { capacity: 30, refillPerSecond: 0.5 },
      perStore: { capacity: 600, refillPerSecond: 20 },
    };
    expect(DEFAULT_RATE_LIMITS).toEqual(defaults);
    for (const json of [null, "", "null", "{}", "[]"]) expect(parseRateLimitSettings(json)).toEqual(defaults);
  });

  it("keeps each valid rule and replaces only the invalid one", () => {
    const store = { capacity: 7, refillPerSecond: 3 };
    const parse = (perIp: unknown) =>
      parseRateLimitSettings(JSON.stringify({ perIp, perStore: store })).perIp;
    for (const invalid of [
      null,
      5,
      "x",
      {},
      { capacity: 3 },
      { refillPerSecond: 1 },
      { capacity: "3", refillPerSecond: 1 },
      { capacity: 3, refillPerSecond: "1" },
      { capacity: 0.5, refillPerSecond: 1 },
      { capacity: 0, refillPerSecond: 1 },
      { capacity: 3, refillPerSecond: 0 },
      { capacity: 3, refillPerSecond: -1 },
    ]) {
      expect([invalid, parse(invalid)]).toEqual([invalid, DEFAULT_RATE_LIMITS.perIp]);
      expect(parseRateLimitSettings(JSON.stringify({ perIp: invalid, perStore: store })).perStore).toEqual(
        store,
      );
    }
    // The smallest valid rule: one request at once, refilled slowly.
    expect(parse({ capacity: 1, refillPerSecond: 0.001 })).toEqual({ capacity: 1, refillPerSecond: 0.001 });
  });

  it("refills at refillPerSecond, never above capacity, and never from a clock that went back", async () => {
    const limiter = createMemoryRateLimiter();
    const fast = { capacity: 2, refillPerSecond: 2 };
    const at = (ms: number) => new Date(t0.getTime() + ms);
    await limiter.take("f", fast, at(0));
    await limiter.take("f", fast, at(0));
    expect((await limiter.take("f", fast, at(0))).allowed).toBe(false);
    // 2 per second: one token after 500 ms.
    expect((await limiter.take("f", fast, at(500))).allowed).toBe(true);
    expect((await limiter.take("f", fast, at(500))).allowed).toBe(false);
    // A reading from the past adds nothing.
    expect((await limiter.take("f", fast, at(-10_000))).allowed).toBe(false);
    // An hour idle fills the bucket to its capacity only.
    const later = at(3_600_000);
    expect((await limiter.take("f", fast, later)).allowed).toBe(true);
    expect((await limiter.take("f", fast, later)).allowed).toBe(true);
    expect((await limiter.take("f", fast, later)).allowed).toBe(false);
  });

  it("says how long until the next whole token, at least 1 s", async () => {
    const limiter = createMemoryRateLimiter();
    const slow = { capacity: 1, refillPerSecond: 0.25 };
    await limiter.take("s", slow, t0);
    expect(await limiter.take("s", slow, t0)).toEqual({ allowed: false, retryAfterSeconds: 4 });
    // Half a token after 2 s: 2 s more.
    expect(await limiter.take("s", slow, new Date(t0.getTime() + 2000))).toEqual({
      allowed: false,
      retryAfterSeconds: 2,
    });
    const quick = { capacity: 1, refillPerSecond: 10 };
    await limiter.take("q", quick, t0);
    expect(await limiter.take("q", quick, t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("forgets the least recently used bucket past maxBuckets, and no other", async () => {
    const limiter = createMemoryRateLimiter({ maxBuckets: 2 });
    const one = { capacity: 1, refillPerSecond: 0.001 };
    const allowed = async (key: string) => (await limiter.take(key, one, t0)).allowed;
    expect(await allowed("a")).toBe(true);
    expect(await allowed("b")).toBe(true);
    // Two buckets, both kept (and "a" is now the most recently used).
    expect(await allowed("a")).toBe(false);
    expect(await allowed("c")).toBe(true);
    // "b" was the least recently used: forgotten, so it starts full again; "a" is still empty.
    expect(await allowed("b")).toBe(true);
    expect(await allowed("c")).toBe(false);
  });

  it("lets everything through when limits are off (PLAUDIT_RATE_LIMITS=off)", async () => {
    const one = { capacity: 1, refillPerSecond: 0.001 };
    for (let i = 0; i < 5; i++)
      expect(await unlimitedRateLimiter.take("k", one, t0)).toEqual({ allowed: true });
  });
});
