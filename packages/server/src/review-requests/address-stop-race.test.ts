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
import type { Database } from "../db/database.ts";

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

/**
 * Whether a transaction waits for the address's lock (PostgreSQL's advisory lock on store:hash). On
 * SQLite the worker's transaction holds the one connection: whatever else comes waits.
 */
async function waitsForAddress(db: Database, storeId: string, hash: string): Promise<boolean> {
  if (db.kind !== "postgres") return true;
  const { rows } = await sql<{ waiting: boolean }>`select exists(
      select 1 from pg_locks where locktype = 'advisory' and not granted
        and objid::text::bigint = (hashtext(${`${storeId}:${hash}`})::bigint & 4294967295)
    ) as waiting`.execute(db.kysely);
  return rows[0]?.waiting === true;
}

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
        while (!done && !(await waitsForAddress(kit.server.db, request.store_id, request.address_hash)))
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

// The merchant lifting a stop while the same person is erased: the lift reads that the address is
// not an erased person's, then takes it off the list. An erasure committed between the two would
// leave the erased person's address off the list, mailed again by the next order. Both take the
// address's lock, so the lift either comes first (the erasure then puts the address back, for good)
// or reads the erasure and refuses (409). PostgreSQL only: on SQLite the lift's transaction holds
// the one connection from its read to its write, so nothing can come between them.
describe.runIf(databasesUnderTest().includes("postgres"))("lifting a stop while the person is erased", () => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit("postgres");
    await kit.settings();
    await kit.product("lamp", "Desk lamp");
    await kit.product("bulb", "Warm bulb");
  });
  afterAll(() => kit.close());

  const PATH = "/v1/admin/review-requests/suppressions";

  /** Until a statement waits for a lock that the connection `pid` holds. */
  async function waitUntilBlockedBy(pid: number) {
    for (;;) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where ${pid} = any(pg_blocking_pids(pid))`.execute(kit.server.db.kysely);
      if ((rows[0]?.n ?? 0) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it("never leaves an erased person's address off the list", async () => {
    await kit.order("o-lift", { email: "lia@example.com", customerId: "lia" });
    expect((await kit.call("POST", PATH, { email: "lia@example.com" })).status).toBe(200);
    const { address_hash: hash } = await kit.requestOf("o-lift");

    let lift: ReturnType<RequestKit["call"]> | undefined;
    let erase: ReturnType<RequestKit["call"]> | undefined;
    // Something slow between the lift's read and its write: the test holds the list's row, so the
    // lift's delete waits for it; the erasure comes meanwhile.
    await kit.server.db.kysely.transaction().execute(async (tx) => {
      await tx
        .selectFrom("suppressions")
        .select("address_hash")
        .where("store_id", "=", kit.storeId)
        .where("address_hash", "=", hash)
        .forUpdate()
        .execute();
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
      lift = kit.call("POST", `${PATH}/lift`, { email: "lia@example.com" });
      await waitUntilBlockedBy(rows[0]?.pid ?? -1);
      let erased = false;
      erase = kit.call("POST", "/v1/admin/privacy/erase", { email: "lia@example.com" });
      void erase.then(() => {
        erased = true;
      });
      while (!erased && !(await waitsForAddress(kit.server.db, kit.storeId, hash)))
        await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect((await erase!).status).toBe(200);
    expect((await lift!).status).toBe(200);
    // Before the fix: the lift, past its check, took the erased person's address off the list.
    const after = await kit.call("GET", `${PATH}?email=lia@example.com`);
    expect(after.json).toMatchObject({ suppressed: true, liftable: false });
  });
});
