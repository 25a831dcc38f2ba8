import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  oneClickUrlOf,
  type RequestKit,
  recipientOf,
  startRequestKit,
} from "../../testing/request-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

// A shopper's one-click unsubscribe and the worker deciding on their reminder, at the same moment.
// The worker decides under the address's lock (address-lock.ts): it reads the suppression list
// again and takes the message's place. An unsubscribe answered while that decision is open would
// be followed by a message the worker took after it — so the unsubscribe takes the same lock and
// waits: the message is either decided before it (already on its way) or never sent.
// On PostgreSQL the test holds the worker in its decision until the unsubscribe is answered or
// waits for the lock. SQLite runs one write transaction at a time (the worker's holds the one
// connection), so there the unsubscribe always comes after; the test shows the same order.

const DAY = 24 * 60 * 60 * 1000;

describe.each(databasesUnderTest())("a one-click unsubscribe racing the worker on %s", (kind) => {
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

  it("answers only once the worker's decision on the reminder is made: nothing is decided after it", async () => {
    await kit.order("o-race", { email: "una@example.com" });
    await kit.runner().drain();
    expect(mailsTo("una@example.com")).toHaveLength(1);
    const oneClick = oneClickUrlOf(mailsTo("una@example.com")[0]!);
    const request = await kit.requestOf("o-race");

    kit.time.advance(7 * DAY + 60_000);
    const events: string[] = [];
    let answered: Promise<number> | undefined;
    const runner = kit.runner({
      underAddressLock: async (requestId) => {
        if (requestId !== request.id || answered) return;
        // The worker has read the list again (not stopped) and holds the address: the shopper clicks.
        let done = false;
        answered = fetch(oneClick, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }).then((res) => {
          done = true;
          events.push("unsubscribe answered");
          return res.status;
        });
        while (!done && !(await waitsForAddress(request.store_id, request.address_hash)))
          await new Promise((resolve) => setTimeout(resolve, 10));
        events.push("worker decided");
      },
    });
    await runner.drain();
    expect(answered).toBeDefined();
    expect(await answered).toBe(200);
    // Before the fix (PostgreSQL): the unsubscribe was answered while the worker was deciding, and
    // the reminder it then decided on went out after the shopper had been told they were off the list.
    expect(events).toEqual(["worker decided", "unsubscribe answered"]);
    // Decided before the click, the reminder was on its way; the click stops the request for good.
    expect(mailsTo("una@example.com")).toHaveLength(2);
    expect((await kit.requestOf("o-race")).status).toBe("suppressed");
    await kit.order("o-after", { email: "una@example.com" });
    kit.time.advance(30 * DAY);
    await kit.runner().drain();
    expect(mailsTo("una@example.com")).toHaveLength(2);
    expect((await kit.requestOf("o-after")).status).toBe("suppressed");
  });
});
