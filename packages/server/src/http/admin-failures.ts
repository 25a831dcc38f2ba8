// Failed admin authentications per client address: after a burst of them the address is refused
// with 429 before its key is even looked at (so a guess that happens to be right is not told
// apart while throttled). In memory, per process, like the write limits (docs/server.md); always
// on, even with PLAUDIT_RATE_LIMITS=off, which is for load tests of the public routes.

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
  // Failures not yet forgiven, per address (oldest-touched first, for eviction).
  const counts = new Map<string, { failures: number; atMs: number }>();
  const current = (address: string, nowMs: number): number => {
    const entry = counts.get(address);
    if (!entry) return 0;
    return Math.max(0, entry.failures - (Math.max(0, nowMs - entry.atMs) / 1000) * rule.perSecond);
  };
  return {
    retryAfter(address, now) {
      const failures = current(address, now.getTime());
      return failures < rule.burst ? 0 : Math.max(1, Math.ceil((failures - rule.burst + 1) / rule.perSecond));
    },
    record(address, now) {
      const nowMs = now.getTime();
      const failures = current(address, nowMs) + 1;
      counts.delete(address);
      counts.set(address, { failures, atMs: nowMs });
      if (counts.size > maxAddresses) {
        const oldest = counts.keys().next().value;
        if (oldest !== undefined) counts.delete(oldest);
      }
    },
  };
}
