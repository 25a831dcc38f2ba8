// The real server (`plaudit-server start`) on PostgreSQL reached through a TCP relay the test
// controls, to make the database go away and come back while the server runs (PostgreSQL itself
// cannot be restarted here): refusing connections (stopped), or taking them and never answering
// (a host gone, packets dropped in a failover). /healthz must answer 503 either way, within its
// bound, and 200 again once the database is back; the API answers 503 database_unavailable with
// Retry-After (a condition to retry), not a 500 bug. Before, a hanging database left /healthz and
// every request unanswered for as long as TCP waited, and a refused one was a 500 with a stack in
// the log. SQLite has no connection to lose: this is PostgreSQL's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliServer, startCli } from "../testing/cli-process.ts";
import { relayTo } from "../testing/pg-relay.ts";
import { createTestSchema, type TestSchema } from "../testing/pg-schema.ts";
import { databasesUnderTest } from "../testing/test-server.ts";
import { PG_CONNECT_TIMEOUT_MS } from "./db/database.ts";
import { HEALTH_TIMEOUT_MS } from "./routes/operations.ts";

describe.runIf(databasesUnderTest().includes("postgres"))("the database goes away and comes back", () => {
  let schema: TestSchema;
  let relay: Awaited<ReturnType<typeof relayTo>>;
  let server: CliServer;
  beforeAll(async () => {
    schema = await createTestSchema("t_outage");
    const url = new URL(schema.url);
    relay = await relayTo({ hostname: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${relay.port}`;
    server = await startCli(url.href);
  }, 150_000);
  afterAll(async () => {
    await server?.stop();
    await relay?.close();
    await schema?.drop();
  });

  /** One request, given up (status 0) well past the longest bound the server promises. */
  async function ask(path: string): Promise<{ status: number; body: string; retryAfter: string | null }> {
    try {
      const response = await fetch(`${server.url}${path}`, {
        signal: AbortSignal.timeout(PG_CONNECT_TIMEOUT_MS + HEALTH_TIMEOUT_MS + 10_000),
      });
      return {
        status: response.status,
        body: await response.text(),
        retryAfter: response.headers.get("retry-after"),
      };
    } catch {
      return { status: 0, body: "no answer", retryAfter: null };
    }
  }
  const read = "/v1/stores/no-store/products/p/reviews";

  for (const mode of ["refuse", "hang"] as const) {
    it(`${mode === "refuse" ? "refused" : "silent"}: /healthz 503, the API 503 database_unavailable; back: 200`, async () => {
      expect((await ask("/healthz")).status).toBe(200);
      relay.set(mode);
      try {
        const health = await ask("/healthz");
        expect(health.status, health.body).toBe(503);
        expect(JSON.parse(health.body)).toMatchObject({ ok: false, error: { code: "database_unavailable" } });
        const api = await ask(read);
        expect(api.status, api.body).toBe(503);
        expect(JSON.parse(api.body)).toMatchObject({ error: { code: "database_unavailable" } });
        expect(api.retryAfter).toBe("5");
      } finally {
        relay.set("pass");
      }
      expect((await ask("/healthz")).status).toBe(200);
      expect((await ask(read)).status).toBe(404);
      expect(server.output()).not.toContain('"unhandled error"');
    }, 90_000);
  }

  it("stops with exit 0 after it", async () => {
    expect(await server.stop()).toBe(0);
  }, 30_000);
});
