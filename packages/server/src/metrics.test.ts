// /metrics after real traffic: every series an operator alerts on exists, with values that add up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody } from "../testing/fixtures.ts";
import {
  databasesUnderTest,
  METRICS_AUTH,
  startTestServer,
  type TestServer,
} from "../testing/test-server.ts";
import { createMemoryRateLimiter } from "./rate-limit.ts";

/** `name{labels} value` lines of a Prometheus scrape, as a map from the series to its value. */
function parseScrape(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

const sumOf = (series: Map<string, number>, prefix: string, ...must: string[]) =>
  [...series]
    .filter(([key]) => key.startsWith(prefix) && must.every((m) => key.includes(m)))
    .reduce((total, [, value]) => total + value, 0);

describe.each(databasesUnderTest())("the /metrics scrape after traffic (%s)", (kind) => {
  let server: TestServer;
  let series: Map<string, number>;
  let uploadStatus = 0;
  /** Seconds from before the server started to after the scrape: everything it timed fits in it. */
  let window = 0;
  beforeAll(async () => {
    const started = performance.now();
    server = await startTestServer({ db: kind, rateLimiter: createMemoryRateLimiter() });
    // One write per IP, then the bucket is empty: the next ones are 429s.
    const { storeId } = await makeStore(server.db, {
      rateLimits: {
        perIp: { capacity: 1, refillPerSecond: 0.001 },
        perStore: { capacity: 1000, refillPerSecond: 100 },
      },
    });
    const reviews = `${server.url}/v1/stores/${storeId}/products/tee/reviews`;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postJson(reviews, reviewBody())).status);
    expect(statuses).toEqual([201, 429, 429]);
    for (let i = 0; i < 5; i++) expect((await getJson(reviews)).status).toBe(200);
    expect((await getJson(`${server.url}/v1/stores/${storeId}/summaries?products=tee`)).status).toBe(200);
    expect((await getJson(`${server.url}/v1/stores/nope/summaries?products=tee`)).status).toBe(404);
    // Not an image: refused by its bytes (in a store whose buckets are still full).
    const roomy = await makeStore(server.db);
    const upload = await fetch(`${server.url}/v1/stores/${roomy.storeId}/media`, {
      method: "POST",
      body: (() => {
        const form = new FormData();
        form.append("file", new Blob(["plain text, not a photo"], { type: "image/jpeg" }), "a.jpg");
        return form;
      })(),
    });
    uploadStatus = upload.status;
    expect([415, 422]).toContain(uploadStatus);
    series = parseScrape(await (await fetch(`${server.url}/metrics`, { headers: METRICS_AUTH })).text());
    window = (performance.now() - started) / 1000;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("counts requests by method, route pattern and status", () => {
    const list = 'method="GET",route="/v1/stores/:store/products/:product/reviews",status="200"';
    expect(series.get(`plaudit_http_requests_total{${list}}`)).toBe(5);
    expect(
      series.get(
        'plaudit_http_requests_total{method="POST",route="/v1/stores/:store/products/:product/reviews",status="429"}',
      ),
    ).toBe(2);
    expect(
      series.get(
        'plaudit_http_requests_total{method="GET",route="/v1/stores/:store/summaries",status="404"}',
      ),
    ).toBe(1);
  });

  // "Sane" without a clock threshold: in seconds (not ms), so at most the time the test watched the
  // server for, however slow the machine.
  it("keeps a latency histogram per route whose count matches the requests and whose sum is sane", () => {
    const labels = 'method="GET",route="/v1/stores/:store/products/:product/reviews",status="200"';
    expect(series.get(`plaudit_http_request_duration_seconds_count{${labels}}`)).toBe(5);
    const sum = series.get(`plaudit_http_request_duration_seconds_sum{${labels}}`) ?? -1;
    expect(sum).toBeGreaterThan(0);
    // The five requests went one after another, all inside the window.
    expect(sum).toBeLessThanOrEqual(window);
    // Cumulative buckets: +Inf holds every request.
    expect(series.get(`plaudit_http_request_duration_seconds_bucket{le="+Inf",${labels}}`)).toBe(5);
  });

  it("times database queries by dialect, operation and outcome", () => {
    expect(
      sumOf(series, "plaudit_db_query_duration_seconds_count", `dialect="${kind}"`, 'operation="select"'),
    ).toBeGreaterThan(5);
    expect(
      sumOf(series, "plaudit_db_query_duration_seconds_count", 'operation="insert"', 'outcome="ok"'),
    ).toBeGreaterThan(0);
    const sum = sumOf(series, "plaudit_db_query_duration_seconds_sum", `dialect="${kind}"`);
    expect(sum).toBeGreaterThan(0);
    // One query at a time on SQLite; at most the pool's 10 connections at once on PostgreSQL.
    expect(sum).toBeLessThanOrEqual(window * (kind === "postgres" ? 10 : 1));
  });

  it("counts rate-limit and upload rejections", () => {
    expect(series.get('plaudit_rate_limit_rejections_total{scope="ip"}')).toBe(2);
    expect(series.get(`plaudit_upload_rejections_total{status="${uploadStatus}"}`)).toBe(1);
  });
});
