import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RequestKit, startRequestKit } from "../../testing/request-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

// "Send now" and "cancel" judge the request's status, then write it. On PostgreSQL a worker may
// change the row between the two (SQLite runs one write transaction at a time): the write must
// then change nothing and answer 409 — not set a sent request back to scheduled (mailed twice),
// nor cancel one that was reviewed.
// The test plays the worker: it changes the row in a transaction it holds open until the route's
// write waits for that row, then commits.

describe.runIf(databasesUnderTest().includes("postgres"))("review request writes racing a worker", () => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit("postgres");
    await kit.settings();
  });
  afterAll(() => kit.close());

  /** Until a statement waits for a lock that the connection `pid` holds (the route's write). */
  async function waitUntilBlockedBy(pid: number) {
    for (;;) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where ${pid} = any(pg_blocking_pids(pid))`.execute(kit.server.db.kysely);
      if ((rows[0]?.n ?? 0) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  // What the worker (or the hosted review page) makes of the request meanwhile, for each route.
  const cases = [
    { route: "send", meanwhile: "sent" },
    { route: "cancel", meanwhile: "reviewed" },
  ] as const;
  for (const { route, meanwhile } of cases) {
    it(`${route}: a request that became ${meanwhile} meanwhile stays ${meanwhile} (409)`, async () => {
      const orderId = `o-race-${route}`;
      await kit.order(orderId);
      const request = await kit.requestOf(orderId);
      expect(request.status).toBe("scheduled");
      let answer: ReturnType<RequestKit["call"]> | undefined;
      await kit.server.db.kysely.transaction().execute(async (worker) => {
        await worker
          .updateTable("review_requests")
          .set({ status: meanwhile, sent_at: kit.time.clock().toISOString() })
          .where("id", "=", request.id)
          .execute();
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(worker);
        answer = kit.call("POST", `/v1/admin/review-requests/${request.id}/${route}`, {});
        await waitUntilBlockedBy(rows[0]?.pid ?? -1);
      });
      const res = await (answer as ReturnType<RequestKit["call"]>);
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("conflict");
      expect((await kit.requestOf(orderId)).status).toBe(meanwhile);
    });
  }
});
