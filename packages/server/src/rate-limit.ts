// Write rate limits. The limiter is an interface so several server processes can share one in
// Redis; the in-memory token bucket here is right for a single process.

export interface BucketRule {
  /** Burst size: how many requests may arrive at once. */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one token from the bucket `key`; says when to retry if it is empty. */
  take(key: string, rule: BucketRule, now: Date): Promise<RateLimitDecision>;
}

/** Per store, stored as JSON in stores.rate_limits; missing parts fall back to the defaults. */
export interface RateLimitSettings {
  perIp: BucketRule;
  perStore: BucketRule;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  perIp: { capacity: 30, refillPerSecond: 0.5 },
  perStore: { capacity: 600, refillPerSecond: 20 },
};

export function parseRateLimitSettings(json: string | null): RateLimitSettings {
  if (!json) return DEFAULT_RATE_LIMITS;
  try {
    const parsed = JSON.parse(json) as Partial<RateLimitSettings>;
    return {
      perIp: validRule(parsed.perIp) ?? DEFAULT_RATE_LIMITS.perIp,
      perStore: validRule(parsed.perStore) ?? DEFAULT_RATE_LIMITS.perStore,
    };
  } catch {
    return DEFAULT_RATE_LIMITS;
  }
}

function validRule(rule: unknown): BucketRule | undefined {
  if (typeof rule !== "object" || rule === null) return undefined;
  const { capacity, refillPerSecond } = rule as Record<string, unknown>;
  if (typeof capacity !== "number" || typeof refillPerSecond !== "number") return undefined;
  if (!(capacity >= 1) || !(refillPerSecond > 0)) return undefined;
  return { capacity, refillPerSecond };
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * Token buckets in memory, by key: each refills at its rule's rate up to its capacity; the least
 * recently used is forgotten past `maxBuckets` (a forgotten bucket is full again). The write
 * limiter below and the admin-failure throttle (http/admin-failures.ts) both count with these.
 */
export function createTokenBuckets(maxBuckets: number) {
  const buckets = new Map<string, Bucket>();
  const refilled = (bucket: Bucket, rule: BucketRule, nowMs: number) =>
    Math.min(
      rule.capacity,
      bucket.tokens + (Math.max(0, nowMs - bucket.updatedMs) / 1000) * rule.refillPerSecond,
    );
  return {
    /** Tokens in `key`'s bucket now, without touching it. */
    peek(key: string, rule: BucketRule, nowMs: number): number {
      const bucket = buckets.get(key);
      return bucket ? refilled(bucket, rule, nowMs) : rule.capacity;
    },
    /** `key`'s bucket refilled to now and made the most recently used (created full). */
    touch(key: string, rule: BucketRule, nowMs: number): Bucket {
      const bucket = buckets.get(key) ?? { tokens: rule.capacity, updatedMs: nowMs };
      bucket.tokens = refilled(bucket, rule, nowMs);
      bucket.updatedMs = nowMs;
      // Re-insert so Map order is least-recently-used first; evict the oldest past the cap.
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxBuckets) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return bucket;
    },
  };
}

/** Seconds until a bucket holding `tokens` has one again. */
export const secondsUntilToken = (tokens: number, rule: BucketRule) =>
  Math.max(1, Math.ceil((1 - tokens) / rule.refillPerSecond));

export function createMemoryRateLimiter(options: { maxBuckets?: number } = {}): RateLimiter {
  const buckets = createTokenBuckets(options.maxBuckets ?? 100_000);
  return {
    async take(key, rule, now) {
      const bucket = buckets.touch(key, rule, now.getTime());
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: secondsUntilToken(bucket.tokens, rule) };
    },
  };
}

/** A limiter that allows everything (`PLAUDIT_RATE_LIMITS=off`). */
export const unlimitedRateLimiter: RateLimiter = {
  async take() {
    return { allowed: true };
  },
};
