import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../../testing/test-server.ts";
import { SIGN_IN_LIMITS, sweepSignInFailures } from "./throttle.ts";

// Failed sign-ins leave a row per account and per address; the sweep forgets the rows that no
// longer count (window passed, not locked), and keeps every row that still decides a sign-in.

describe.each(databasesUnderTest())("sweeping failed sign-ins on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  const time = testClock();
  const minutes = (n: number) => n * 60_000;

  const failSignIn = (email: string, ip: string) =>
    fetch(`${server.url}/v1/admin/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify({ store: storeId, email, password: "not the password" }),
    }).then((res) => res.status);

  const keys = async () =>
    (await server.db.kysely.selectFrom("admin_sign_in_failures").select("key").orderBy("key").execute()).map(
      (r) => r.key,
    );

  beforeAll(async () => {
    server = await startTestServer({ db: kind, clock: time.clock, trustProxy: 1 });
    ({ storeId } = await makeStore(server.db));
  });
  afterAll(() => server.close());

  it("keeps rows inside their window, forgets them after it", async () => {
    expect(await failSignIn("typo@shop.example", "203.0.113.7")).toBe(401);
    expect(await keys()).toEqual([`account:${storeId}:typo@shop.example`, "address:203.0.113.7"]);
    time.advance(minutes(SIGN_IN_LIMITS.account.windowMinutes - 1));
    expect(await sweepSignInFailures(server.db, time.clock())).toBe(0);
    expect(await keys()).toHaveLength(2);
    time.advance(minutes(2));
    expect(await sweepSignInFailures(server.db, time.clock())).toBe(2);
    expect(await keys()).toEqual([]);
  });

  it("keeps a locked account past its window until the lock runs out, and the lock holds till then", async () => {
    const email = "locked@shop.example";
    const { failures, windowMinutes, lockMinutes } = SIGN_IN_LIMITS.account;
    for (let i = 0; i < failures - 1; i++) expect(await failSignIn(email, "198.51.100.9")).toBe(401);
    // The last counted failure comes 10 minutes after the first: the lock outlives the window.
    time.advance(minutes(10));
    expect(await failSignIn(email, "198.51.100.9")).toBe(401);
    expect(await failSignIn(email, "198.51.100.9")).toBe(423);
    time.advance(minutes(windowMinutes - 10 + 1));
    await sweepSignInFailures(server.db, time.clock());
    expect(await keys()).toContain(`account:${storeId}:${email}`);
    expect(await failSignIn(email, "198.51.100.10")).toBe(423);
    time.advance(minutes(lockMinutes));
    await sweepSignInFailures(server.db, time.clock());
    expect(await keys()).not.toContain(`account:${storeId}:${email}`);
    expect(await failSignIn(email, "198.51.100.11")).toBe(401);
  });
});
