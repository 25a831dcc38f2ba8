import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  oneClickUrlOf,
  postOneClick,
  type RequestKit,
  recipientOf,
  startRequestKit,
} from "../../testing/request-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

// A shopper's one-click unsubscribe, or the merchant erasing the shopper, at the moment the worker
// decides on a message to them. The worker decides under the address's lock
// (suppression/address-lock.ts): it reads the suppression list again and takes the message's place.
// A stop answered while that decision is open would be followed by a message the worker took after
// it — so the stop takes the same lock and waits: the message is either decided before it (already
// on its way) or never sent.
// On PostgreSQL the test holds the worker in its decision until the stop is answered or waits for
// the lock. SQLite runs one write transaction at a time (the worker's holds the one connection),
// so there the stop always comes after; the test shows the same order.

const DAY = 24 * 60 * 60 * 1000;

describe.each(databasesUnderTest())("stopping an address while the worker decides, on %s", (kind) => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    await kit.settings({ reminderDays: 7 });
    await kit.product("lamp", "Desk lamp");
    await kit.product("bulb", "Warm bulb");
  });
  afterAll(() => kit.close());

  const mailsTo = (address: string) => kit.sink.messages.filter((m) => recipientOf(m) === address);

  /** Whether a transaction waits for the address's lock (PostgreSQL's advisory lock on store:hash). */
  async function waitsForAddress(storeId: string, hash: string): Promise<boolean> {
    if (kit.server.db.kind !== "postgres") return true;
    const { rows } = await sql<{ waiting: boolean }>`select exists(
        select 1 from pg_locks where locktype = 'advisory' and not granted
          and objid::text::bigint = (hashtext(${`${storeId}:${hash}`})::bigint & 4294967295)
      ) as waiting`.execute(kit.server.db.kysely);
    return rows[0]?.waiting === true;
  }

  /**
   * Runs the worker; when it holds the order's address, having read the list (not stopped), `stop`
   * is sent and the worker waits until it is answered or waits for the address. Answers the order
   * of the two events and the stop's status.
   */
  async function raceTheWorker(orderId: string, stop: () => Promise<Response>) {
    const request = await kit.requestOf(orderId);
    const events: string[] = [];
    let answered: Promise<number> | undefined;
    const runner = kit.runner({
      underAddressLock: async (requestId) => {
        if (requestId !== request.id || answered) return;
        let done = false;
        answered = stop().then((res) => {
          done = true;
          events.push("stop answered");
          return res.status;
        });
        while (!done && !(await waitsForAddress(request.store_id, request.address_hash)))
          await new Promise((resolve) => setTimeout(resolve, 10));
        events.push("worker decided");
      },
    });
    await runner.drain();
    if (!answered) throw new Error(`the worker never decided on ${orderId}`);
    return { events, status: await answered };
  }

  it("a one-click unsubscribe is answered only once the worker's decision on the reminder is made", async () => {
    await kit.order("o-race", { email: "una@example.com" });
    await kit.runner().drain();
    expect(mailsTo("una@example.com")).toHaveLength(1);
    const oneClick = oneClickUrlOf(mailsTo("una@example.com")[0]!);

    kit.time.advance(7 * DAY + 60_000);
    const race = await raceTheWorker("o-race", () => postOneClick(oneClick));
    // Before the fix (PostgreSQL): the unsubscribe was answered while the worker was deciding, and
    // the reminder it then decided on went out after the shopper had been told they were off the list.
    expect(race).toEqual({ events: ["worker decided", "stop answered"], status: 200 });
    // Decided before the click, the reminder was on its way; the click stops the request for good.
    expect(mailsTo("una@example.com")).toHaveLength(2);
    expect((await kit.requestOf("o-race")).status).toBe("suppressed");
    await kit.order("o-after", { email: "una@example.com" });
    kit.time.advance(30 * DAY);
    await kit.runner().drain();
    expect(mailsTo("una@example.com")).toHaveLength(2);
    expect((await kit.requestOf("o-after")).status).toBe("suppressed");
  });

  it("an erasure is answered only once the worker's decision on the first message is made", async () => {
    await kit.order("o-erase", { email: "eva@example.com", customerId: "eva" });
    const race = await raceTheWorker("o-erase", () =>
      fetch(`${kit.server.url}/v1/admin/privacy/erase`, {
        method: "POST",
        headers: { authorization: `Bearer ${kit.secretKey}`, "content-type": "application/json" },
        body: JSON.stringify({ email: "eva@example.com" }),
      }),
    );
    // Before the fix (PostgreSQL): the erasure was answered while the worker was deciding, and the
    // message it then decided on went to the erased person's address after the merchant was told.
    expect(race).toEqual({ events: ["worker decided", "stop answered"], status: 200 });
    expect(mailsTo("eva@example.com")).toHaveLength(1);
    // Nothing more reaches the address: not the reminder, not a later order's request.
    await kit.order("o-erase-2", { email: "eva@example.com" });
    kit.time.advance(30 * DAY);
    await kit.runner().drain();
    expect(mailsTo("eva@example.com")).toHaveLength(1);
  });
});
