// The doors of a production server (issue 13): /metrics is not public, admin 401s are logged,
// counted and throttled per client address.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, testClock } from "../../testing/fixtures.ts";
import {
  databasesUnderTest,
  METRICS_AUTH,
  startTestServer,
  type TestServer,
} from "../../testing/test-server.ts";
import { ADMIN_FAILURE_RULE } from "./admin-failures.ts";
import { serveMetrics } from "./metrics-server.ts";

describe.each(databasesUnderTest())("production doors on %s", (kind) => {
  const time = testClock();
  const logged: Record<string, unknown>[] = [];
  let server: TestServer;
  let closed: TestServer;
  let storeKey: string;

  beforeAll(async () => {
    server = await startTestServer({
      db: kind,
      clock: time.clock,
      logger: { info: (fields) => logged.push(fields), warn() {}, error() {} },
    });
    closed = await startTestServer({ db: kind, metricsToken: undefined });
    storeKey = (await makeStore(server.db)).secretKey;
  });
  afterAll(async () => {
    await server.close();
    await closed.close();
  });

  it("answers /metrics 404 without a metrics token, 401 without the right bearer, 200 with it", async () => {
    const hidden = await getJson(`${closed.url}/metrics`, METRICS_AUTH);
    expect(hidden.status).toBe(404);
    expect(hidden.json.error.code).toBe("not_found");
    expect((await getJson(`${server.url}/metrics`)).status).toBe(401);
    expect((await getJson(`${server.url}/metrics`, { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await getJson(`${server.url}/metrics`, { authorization: `Bearer ${storeKey}` })).status).toBe(
      401,
    );
    const open = await fetch(`${server.url}/metrics`, { headers: METRICS_AUTH });
    expect(open.status).toBe(200);
    expect(await open.text()).toContain("plaudit_http_requests_total");
  });

  it("serves /metrics on a loopback port of its own", async () => {
    const metricsServer = serveMetrics(closed.app.ctx.metrics.registry, { port: 0 });
    await new Promise((ready) => metricsServer.once("listening", ready));
    const { address, port } = metricsServer.address() as AddressInfo;
    expect(address).toBe("127.0.0.1");
    const scrape = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain("plaudit_http_requests_total");
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    await new Promise((done) => metricsServer.close(done));
  });

  it("logs and counts failed admin authentications, then refuses the address for a while", async () => {
    logged.length = 0;
    const wrong = { authorization: "Bearer sk_not_a_key_of_this_server_0123456789" };
    for (let i = 0; i < ADMIN_FAILURE_RULE.burst; i++) {
      expect((await getJson(`${server.url}/v1/admin/reviews`, wrong)).status).toBe(401);
    }
    const events = logged.filter((line) => line.security === true);
    expect(events).toHaveLength(ADMIN_FAILURE_RULE.burst);
    expect(events[0]).toMatchObject({ reason: "invalid_key", ip: "127.0.0.1", path: "/v1/admin/reviews" });

    // Throttled: even the right key is not looked at, so a lucky guess learns nothing.
    const throttled = await getJson(`${server.url}/v1/admin/reviews`, {
      authorization: `Bearer ${storeKey}`,
    });
    expect(throttled.status).toBe(429);
    expect(throttled.json.error.code).toBe("rate_limited");
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);

    const scrape = await (await fetch(`${server.url}/metrics`, { headers: METRICS_AUTH })).text();
    expect(scrape).toContain(
      `plaudit_admin_auth_failures_total{reason="invalid_key"} ${ADMIN_FAILURE_RULE.burst}`,
    );
    expect(scrape).toContain('plaudit_admin_auth_failures_total{reason="throttled"} 1');

    // Failures are forgiven over time: after a while the right key works again.
    time.advance((2 / ADMIN_FAILURE_RULE.perSecond) * 1000);
    expect(
      (await getJson(`${server.url}/v1/admin/reviews`, { authorization: `Bearer ${storeKey}` })).status,
    ).toBe(200);
  });
});
