import type { Metric, Registry } from "prom-client";

// The two per-request series, kept as plain numbers and formatted by prom-client at scrape time.
// prom-client's own Counter and Histogram re-validate and re-hash the labels on every inc() and
// observe(), even through a child made once; on a read the read cache answers that was a sizeable
// share of the request's cost, paid twice per request for a scrape every 15 s or so.

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

type Labels = { method: string; route: string; status: string };

/** One line of a scrape, as prom-client's registry formats it. */
interface Value {
  labels: Record<string, string | number>;
  sharedLabels?: Labels;
  value: number;
  metricName?: string;
}

interface Series {
  labels: Labels;
  count: number;
  sum: number;
  /** Observations per bucket (not cumulative; +Inf is `count`). */
  inBucket: number[];
}

export interface RequestMetrics {
  observe(method: string, route: string, status: number, seconds: number): void;
}

/** Registers plaudit_http_requests_total and plaudit_http_request_duration_seconds on `registry`. */
export function registerRequestMetrics(registry: Registry): RequestMetrics {
  // Routes are patterns and statuses few, so the series are few.
  const series = new Map<string, Series>();

  const reset = () => series.clear();

  const counter = {
    reset,
    name: "plaudit_http_requests_total",
    help: "HTTP requests by method, route pattern and status",
    type: "counter",
    aggregator: "sum",
    async get() {
      return {
        name: this.name,
        help: this.help,
        type: "counter",
        aggregator: "sum",
        values: [...series.values()].map((s): Value => ({ labels: s.labels, value: s.count })),
      };
    },
  };

  const histogram = {
    reset,
    name: "plaudit_http_request_duration_seconds",
    help: "HTTP request latency by method, route pattern and status",
    type: "histogram",
    aggregator: "sum",
    async get() {
      const values: Value[] = [];
      // The shape prom-client's Histogram gives: `le` first, then the series' own labels.
      for (const s of series.values()) {
        let cumulative = 0;
        BUCKETS.forEach((bound, i) => {
          cumulative += s.inBucket[i] ?? 0;
          values.push({
            labels: { le: bound },
            sharedLabels: s.labels,
            value: cumulative,
            metricName: `${this.name}_bucket`,
          });
        });
        values.push(
          {
            labels: { le: "+Inf" },
            sharedLabels: s.labels,
            value: s.count,
            metricName: `${this.name}_bucket`,
          },
          { labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${this.name}_sum` },
          { labels: {}, sharedLabels: s.labels, value: s.count, metricName: `${this.name}_count` },
        );
      }
      return {
        name: this.name,
        help: this.help,
        type: "histogram",
        aggregator: "sum",
        values,
      };
    },
  };

  // The registry only asks a metric for its name and get(); these are not prom-client classes.
  registry.registerMetric(counter as unknown as Metric);
  registry.registerMetric(histogram as unknown as Metric);

  return {
    observe(method, route, status, seconds) {
      const key = `${method} ${route} ${status}`;
      let s = series.get(key);
      if (!s) {
        s = {
          labels: { method, route, status: String(status) },
          count: 0,
          sum: 0,
          inBucket: BUCKETS.map(() => 0),
        };
        series.set(key, s);
      }
      s.count++;
      s.sum += seconds;
      for (let i = 0; i < BUCKETS.length; i++) {
        if (seconds <= (BUCKETS[i] as number)) {
          s.inBucket[i] = (s.inBucket[i] ?? 0) + 1;
          break;
        }
      }
    },
  };
}
