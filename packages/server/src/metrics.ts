import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { Database, QueryTiming } from "./db/database.ts";
import { registerRequestMetrics } from "./request-metrics.ts";

/** The app's Prometheus metrics, on a Registry of its own (several apps may live in one process). */
export interface Metrics {
  registry: Registry;
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  rateLimitRejected(scope: "ip" | "store"): void;
  /** A media upload answered 4xx (too large, not an accepted type, unreadable, rate limited). */
  uploadRejected(status: number): void;
  /** A public read looked up in the read cache (http/read-cache.ts). */
  readCache(result: "hit" | "miss" | "bypass"): void;
  /** An admin request refused: missing_key, invalid_key (unknown or revoked), throttled. */
  adminAuthFailed(reason: string): void;
  /** Stops listening to the database's queries. */
  detach(): void;
}

export function createMetrics(db: Database, options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: "plaudit_" });

  const requests = registerRequestMetrics(registry);
  const queries = new Histogram({
    name: "plaudit_db_query_duration_seconds",
    help: "Database query time by dialect, operation and outcome",
    labelNames: ["dialect", "operation", "outcome"] as const,
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [registry],
  });
  const rejections = new Counter({
    name: "plaudit_rate_limit_rejections_total",
    help: "Writes refused with 429 by the rate limiter, by bucket scope",
    labelNames: ["scope"] as const,
    registers: [registry],
  });

  const uploadRejections = new Counter({
    name: "plaudit_upload_rejections_total",
    help: "Media uploads refused with a 4xx, by status (413 too large, 415 type, 422 unreadable, 429 rate limited)",
    labelNames: ["status"] as const,
    registers: [registry],
  });

  const readCacheLookups = new Counter({
    name: "plaudit_read_cache_lookups_total",
    help: "Public reads looked up in the in-process read cache: hit, miss, or bypass (client asked for a fresh answer)",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  // One child per label value, made once: a labelled inc() on the hottest path costs a lookup.
  const readCacheChildren = {
    hit: readCacheLookups.labels("hit"),
    miss: readCacheLookups.labels("miss"),
    bypass: readCacheLookups.labels("bypass"),
  };

  const adminAuthFailures = new Counter({
    name: "plaudit_admin_auth_failures_total",
    help: "Admin requests refused: missing_key, invalid_key (unknown or revoked), throttled (429 after too many)",
    labelNames: ["reason"] as const,
    registers: [registry],
  });

  const onQuery = (timing: QueryTiming) => {
    queries.observe(
      { dialect: timing.dialect, operation: timing.operation, outcome: timing.failed ? "error" : "ok" },
      timing.seconds,
    );
  };
  db.queryListeners.add(onQuery);

  return {
    registry,
    observeRequest(labels, seconds) {
      requests.observe(labels.method, labels.route, labels.status, seconds);
    },
    rateLimitRejected(scope) {
      rejections.inc({ scope });
    },
    uploadRejected(status) {
      uploadRejections.inc({ status: String(status) });
    },
    readCache(result) {
      readCacheChildren[result].inc();
    },
    adminAuthFailed(reason) {
      adminAuthFailures.inc({ reason });
    },
    detach() {
      db.queryListeners.delete(onQuery);
    },
  };
}
