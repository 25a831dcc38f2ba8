import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { ADMIN_FAILURE_RULE } from "./admin-failures.ts";

// adminAuth() on its own terms: which Authorization headers name a key, what a refusal says
// (401 with the Bearer challenge, the reason it logs), and the exact wait a throttled address is
// given, on the app's injected clock.
describe.each(databasesUnderTest())("admin key authentication on %s", (kind) => {
  const time = testClock();
  const logged: Record<string, unknown>[] = [];
  let server: TestServer;
  let key: string;
  let address = 0;

  beforeAll(async () => {
    server = await startTestServer({
      db: kind,
      clock: time.clock,
      trustProxy: 1,
      logger: { info: (fields) => logged.push(fields), warn() {}, error() {} },
    });
    key = (await makeStore(server.db)).secretKey;
  });
  afterAll(() => server.close());

  /** GET /v1/admin/reviews from an address no other test used, with these headers. */
  const ask = (authorization: string | undefined, from = `10.9.0.${++address}`) =>
    getJson(`${server.url}/v1/admin/reviews`, {
      "x-forwarded-for": from,
      ...(authorization === undefined ? {} : { authorization }),
    });
  const lastReason = () => logged.filter((line) => line.security === true).at(-1)?.reason;

  it("takes the key after Bearer in any case and with any spacing around it", async () => {
    for (const header of [`Bearer ${key}`, `bearer ${key}`, `BEARER   ${key}  `, `Bearer\t${key}`]) {
      const res = await ask(header);
      expect(res.status, JSON.stringify(header)).toBe(200);
    }
  });

  it("refuses anything else with 401 and a Bearer challenge, logging why", async () => {
    const cases: [string | undefined, string][] = [
      [undefined, "missing_key"],
      ["", "missing_key"],
      [key, "missing_key"],
      [`Basic ${key}`, "missing_key"],
      // "Bearer" must be the scheme itself, not a word inside another one.
      [`Basic Bearer ${key}`, "missing_key"],
      [`XBearer ${key}`, "missing_key"],
      [`Bearer ${key} extra`, "missing_key"],
      [`Bearer x${key}`, "invalid_key"],
      [`Bearer ${key.slice(0, -1)}`, "invalid_key"],
      [`Bearer ${"k".repeat(512)}`, "invalid_key"],
      [`Bearer ${"k".repeat(513)}`, "missing_key"],
    ];
    for (const [header, reason] of cases) {
      const res = await ask(header);
      expect(res.status, String(header).slice(0, 40)).toBe(401);
      expect(res.json.error.code).toBe("unauthorized");
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="plaudit-admin"');
      expect(lastReason(), String(header).slice(0, 40)).toBe(reason);
    }
  });

  it("throttles an address at its burst of failures, saying exactly how long, and only that address", async () => {
    const from = "10.8.0.1";
    for (let i = 0; i < ADMIN_FAILURE_RULE.burst - 1; i++)
      expect((await ask("Bearer nope", from)).status).toBe(401);
    // One failure short of the burst: the right key still works (and does not count as a failure).
    expect((await ask(`Bearer ${key}`, from)).status).toBe(200);
    expect((await ask("Bearer nope", from)).status).toBe(401);
    const throttled = await ask(`Bearer ${key}`, from);
    expect(throttled.status).toBe(429);
    expect(throttled.json.error.code).toBe("rate_limited");
    expect(throttled.headers.get("retry-after")).toBe(String(Math.ceil(1 / ADMIN_FAILURE_RULE.perSecond)));
    expect(lastReason()).toBe("throttled");
    // Refusals while throttled are not failures: the wait does not grow.
    expect((await ask("Bearer nope", from)).headers.get("retry-after")).toBe(
      String(Math.ceil(1 / ADMIN_FAILURE_RULE.perSecond)),
    );
    expect((await ask(`Bearer ${key}`, "10.8.0.2")).status).toBe(200);
    // One failure forgiven (1 / perSecond seconds later): the address may try again.
    time.advance((1 / ADMIN_FAILURE_RULE.perSecond) * 1000);
    expect((await ask(`Bearer ${key}`, from)).status).toBe(200);
  });

  it("does not count a request with no key as a guess: any web page can send one from the office", async () => {
    const from = "10.8.1.1";
    for (let i = 0; i < ADMIN_FAILURE_RULE.burst * 2; i++) {
      const res = await ask(i % 2 ? undefined : "Basic x", from);
      expect(res.status).toBe(401);
    }
    expect(lastReason()).toBe("missing_key");
    expect((await ask(`Bearer ${key}`, from)).status).toBe(200);
  });
});
