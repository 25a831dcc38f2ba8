// Failed admin authentications per client address: after a burst of them the address is refused
// with 429 before its key is even looked at (so a guess that happens to be right is not told
// apart while throttled). In memory, per process, like the write limits (docs/server.md); always
// on, even with PLAUDIT_RATE_LIMITS=off, which is for load tests of the public routes.

import { createTokenBuckets, secondsUntilToken } from "../rate-limit.ts";

export interface AdminFailureRule {
  /** Failures allowed at once. */
  burst: number;
  /** Failures forgiven per second afterwards. */
  perSecond: number;
}

export const ADMIN_FAILURE_RULE: AdminFailureRule = { burst: 20, perSecond: 0.2 };

export interface AdminFailures {
  /** Seconds until `address` may try again, or 0 when it may now. */
  retryAfter(address: string, now: Date): number;
  /** Counts one failure against `address`. */
  record(address: string, now: Date): void;
}

export function createAdminFailures(
  rule: AdminFailureRule = ADMIN_FAILURE_RULE,
  maxAddresses = 50_000,
): AdminFailures {
  // A failure takes a token from the address's bucket (the write limiter's buckets, rate-limit.ts):
  // `burst` of them at once, forgiven at `perSecond`; an empty bucket waits for its next token.
  const bucket = { capacity: rule.burst, refillPerSecond: rule.perSecond };
  const buckets = createTokenBuckets(maxAddresses);
  return {
    retryAfter(address, now) {
      const tokens = buckets.peek(address, bucket, now.getTime());
      return tokens > 0 ? 0 : secondsUntilToken(tokens, bucket);
    },
    record(address, now) {
      buckets.touch(address, bucket, now.getTime()).tokens -= 1;
    },
  };
}
