// Concurrent writes over real HTTP, on both databases: when two requests race for one record, one
// makes it and the other gets the documented error (never a 5xx, never a second record or effect).
// What other suites already race is not repeated here: votes (review-votes), 200 submissions
// (review-submit), redemptions and a duplicate Idempotency-Key (loyalty/redemptions,
// redeem-recovery), the same order twice (loyalty/earning), "send now" against a worker
// (send-now-race), two owners demoting each other (admin-users), signing secrets (one-current-secret).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore } from "../fixtures.ts";
import { type RequestKit, recipientOf, startRequestKit } from "../request-test-kit.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../test-server.ts";

/** How many requests each race sends at once. */
const AT_ONCE = 6;

describe.each(databasesUnderTest())("racing writes (%s)", (kind) => {
  let server: TestServer;
  let storeId: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    const store = await makeStore(server.db);
    storeId = store.storeId;
    auth = { authorization: `Bearer ${store.secretKey}` };
  });
  afterAll(() => server?.close());

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(server.url + path, {
      method,
      headers: { ...auth, "content-type": "application/json", ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: the assertions check the shape
    return { status: response.status, json: (text ? JSON.parse(text) : null) as any };
  }
  const race = <T>(make: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: AT_ONCE }, (_, i) => make(i)));
  const codes = (answers: { status: number; json: { error?: { code: string } } }[]) =>
    answers.map((a) => `${a.status}${a.json?.error ? ` ${a.json.error.code}` : ""}`).sort();

  it("invites one account for an address the owner adds twice at once; the others are 409 conflict", async () => {
    const answers = await race(() =>
      call("POST", "/v1/admin/users", { email: "twice@shop.example", role: "moderator" }),
    );
    expect(codes(answers)).toEqual(["201", ...Array(AT_ONCE - 1).fill("409 conflict")]);
    const rows = await server.db.kysely
      .selectFrom("admin_users")
      .select("id")
      .where("store_id", "=", storeId)
      .where("email", "=", "twice@shop.example")
      .execute();
    expect(rows).toHaveLength(1);
    // One invite, the winner's: a loser's transaction left nothing behind.
    const invites = await server.db.kysely
      .selectFrom("admin_invites")
      .select("user_id")
      .where("user_id", "=", rows[0]!.id)
      .execute();
    expect(invites).toHaveLength(1);
  });
});

describe.each(databasesUnderTest())("racing review-request sends (%s)", (kind) => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    // Due in 30 days: only "send now" makes these go today.
    await kit.settings({ delayDays: 30 });
  });
  afterAll(() => kit.close());

  const sendNow = (id: string) =>
    Promise.all(
      Array.from({ length: AT_ONCE }, () => kit.call("POST", `/v1/admin/review-requests/${id}/send`)),
    );
  /** Two workers (each runs jobs four at a time) draining together, as two processes would. */
  const drainTwoWorkers = () =>
    Promise.all([kit.runner(undefined, "w1").drain(), kit.runner(undefined, "w2").drain()]);
  const mailsTo = (address: string) => kit.sink.messages.filter((m) => recipientOf(m) === address).length;

  it("mails once when Send now is pressed many times at once, and not again when it falls due", async () => {
    await kit.order("o-twice", { email: "twice@example.com" });
    const request = await kit.requestOf("o-twice");
    expect((await sendNow(request.id)).map((a) => a.status)).toEqual(Array(AT_ONCE).fill(202));
    await drainTwoWorkers();
    expect(mailsTo("twice@example.com")).toBe(1);
    expect((await kit.requestOf("o-twice")).status).toBe("sent");
    kit.time.advance(31 * 24 * 3_600_000);
    await drainTwoWorkers();
    // The first message's job, come due, sends nothing more; the one reminder goes.
    expect(mailsTo("twice@example.com")).toBe(2);
  });

  it("mails a failed request once when it is sent again many times at once", async () => {
    await kit.order("o-failed", { email: "failed@example.com" });
    const request = await kit.requestOf("o-failed");
    // What a mail server refusing every attempt leaves: the request and its job failed.
    await kit.server.db.kysely
      .updateTable("review_requests")
      .set({ status: "failed", attempts: 10, last_error: "550 no" })
      .where("id", "=", request.id)
      .execute();
    await kit.server.db.kysely
      .updateTable("jobs")
      .set({
        status: "failed",
        attempts: 10,
        last_error: "550 no",
        finished_at: kit.time.clock().toISOString(),
      })
      .where("unique_key", "=", `review-request:${request.id}:first`)
      .execute();
    expect((await sendNow(request.id)).map((a) => a.status)).toEqual(Array(AT_ONCE).fill(202));
    await drainTwoWorkers();
    expect(mailsTo("failed@example.com")).toBe(1);
    expect((await kit.requestOf("o-failed")).status).toBe("sent");
  });
});
