import { describe, expect, it } from "vitest";
import { createMemoryRateLimiter, DEFAULT_RATE_LIMITS, parseRateLimitSettings } from "./rate-limit.ts";

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
});
