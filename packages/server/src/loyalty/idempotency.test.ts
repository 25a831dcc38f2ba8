import { type KyselyPlugin, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore, testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import type { AppContext } from "../context.ts";
import type { Database } from "../db/database.ts";
import { transaction } from "../db/transaction.ts";
import {
  claimedRow,
  type IdempotentRequest,
  type Pause,
  releaseKey,
  respondOnce,
  type StoredResponse,
  storeResponse,
  WAIT_FOR_WINNER_MS,
} from "./idempotency.ts";

// respondOnce() itself, over a real database: what a duplicate request does while the first one
// with its Idempotency-Key is still working — its transaction open (the duplicate waits for it,
// then replays the stored answer), or in its second phase (the duplicate reads the key again after
// growing pauses, up to a deadline on the app clock), or giving the key up again and again (three
// tries at most). The pauses are the test's: nothing here waits on the wall clock.

describe.each(databasesUnderTest())(
  "a duplicate Idempotency-Key waiting for the first request on %s",
  (kind) => {
    let db: Database;
    let other: Database;
    let drop: () => Promise<void>;
    let storeId: string;
    let serial = 0;
    beforeAll(async () => {
      const opened = await openTestDatabase(kind);
      ({ db, drop } = opened);
      other = opened.reopen();
      ({ storeId } = await makeStore(db));
    });
    afterAll(async () => {
      await other.close();
      await db.close();
      await drop();
    });

    /** respondOnce reads only the database and the clock of the app context. */
    const contextOf = (database: Database, clock: () => Date) =>
      ({ db: database, clock }) as unknown as AppContext;
    const requestNamed = (name: string): IdempotentRequest => ({
      storeId,
      scope: "redemption",
      key: `${name}-${++serial}`,
      customerId: "alice",
      requestHash: `hash-of-${name}`,
      at: "2026-03-01T12:00:00.000Z",
    });
    /**
     * A pause that records its length and fails a waiting duplicate that never stops (the test's
     * pauses take no time, so without this a broken loop would spin instead of failing).
     */
    const recording =
      (pauses: number[], then: (count: number) => Promise<void> | void = () => {}): Pause =>
      async (ms) => {
        pauses.push(ms);
        if (pauses.length > 50) throw new Error(`still waiting after ${pauses.length} pauses`);
        await then(pauses.length);
      };
    /** A duplicate's own work, which must never run: the first request's answer is replayed. */
    const mustNotRun = async (): Promise<never> => {
      throw new Error("the duplicate ran the request a second time");
    };
    /** The key row as a first request in its second phase leaves it: claimed, not yet answered. */
    const claimUnanswered = (database: Database, req: IdempotentRequest) =>
      database.kysely.insertInto("idempotency_keys").values(claimedRow(req)).execute();
    const keyRows = (req: IdempotentRequest) =>
      db.kysely.selectFrom("idempotency_keys").selectAll().where("key", "=", req.key).execute();

    /** PostgreSQL: until a statement waits for a lock the connection `pid` holds. */
    async function waitUntilBlockedBy(pid: number) {
      for (;;) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where ${pid} = any(pg_blocking_pids(pid))`.execute(other.kysely);
        if ((rows[0]?.n ?? 0) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    it("waits while the first request's transaction is open, then replays its status (200 too) and body", async () => {
      const req = requestNamed("open");
      const answer: StoredResponse = { status: 200, body: `{"answer":"first","db":"${kind}"}` };
      const ctx = contextOf(db, testClock().clock);
      const pauses: number[] = [];
      let duplicate: Promise<StoredResponse> | undefined;
      const first = await respondOnce(ctx, req, async (tx) => {
        // The first request holds its transaction (and the claimed key) open while the duplicate arrives.
        duplicate = respondOnce(ctx, req, mustNotRun, recording(pauses));
        if (kind === "postgres") {
          // Its INSERT of the same key waits for this transaction: shown by PostgreSQL's lock table.
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
          await waitUntilBlockedBy(rows[0]?.pid ?? -1);
        }
        // (SQLite: one connection, one transaction at a time — the duplicate cannot start before
        // this one commits, and could not see this answer before then.)
        return { response: answer };
      });
      expect(first).toEqual(answer);
      expect(await duplicate).toEqual(answer);
      // It found the answer stored at its first read: no pause.
      expect(pauses).toEqual([]);
      expect(await keyRows(req)).toHaveLength(1);
    });

    it("reads a key in its second phase again after pauses of 5, 10, 20, 40, 80 and 100 ms, then replays it", async () => {
      const req = requestNamed("second-phase");
      const answer: StoredResponse = { status: 201, body: `{"code":"SHOP-LATE-${kind}"}` };
      const ctx = contextOf(db, testClock().clock);
      let release: () => void = () => {};
      const released = new Promise<void>((done) => {
        release = done;
      });
      let secondPhaseStarted: () => void = () => {};
      const inSecondPhase = new Promise<void>((done) => {
        secondPhaseStarted = done;
      });
      const first = respondOnce(ctx, req, async () => ({
        secondPhase: async () => {
          secondPhaseStarted();
          await released;
          await transaction(db, (tx) => storeResponse(tx, req, answer));
          return answer;
        },
      }));
      // The first request's key is committed, unanswered, before the duplicate comes.
      await inSecondPhase;
      expect((await keyRows(req)).map((row) => row.response_body)).toEqual([null]);
      const pauses: number[] = [];
      const pause = recording(pauses, async (count) => {
        if (count === 8) {
          release();
          await first;
        }
      });
      expect(await respondOnce(ctx, req, mustNotRun, pause)).toEqual(answer);
      expect(pauses).toEqual([5, 10, 20, 40, 80, 100, 100, 100]);
    });

    it("gives up with 409 once the first request has run for more than 40 s on the app clock", async () => {
      const req = requestNamed("stuck");
      await claimUnanswered(db, req);
      const time = testClock();
      const ctx = contextOf(db, time.clock);
      const pauses: number[] = [];
      // Each pause moves the app clock on by a quarter of the wait: reads at 0, 10, 20, 30 and
      // 40 s (exactly the deadline: still waiting), then at 50 s, past it.
      const pause = recording(pauses, () => time.advance(WAIT_FOR_WINNER_MS / 4));
      const refused = await respondOnce(ctx, req, mustNotRun, pause).catch((error: unknown) => error);
      expect(refused).toMatchObject({
        status: 409,
        code: "idempotency_conflict",
        message: "the first request with this Idempotency-Key is still running",
      });
      expect(pauses).toHaveLength(5);
      // The key stays the first request's.
      expect((await keyRows(req)).map((row) => row.response_body)).toEqual([null]);
    });

    it("answers 409 for another request waiting on the key, without waiting", async () => {
      const req = requestNamed("taken");
      await claimUnanswered(db, req);
      const pauses: number[] = [];
      const refused = await respondOnce(
        contextOf(db, testClock().clock),
        { ...req, requestHash: "hash-of-another-request" },
        mustNotRun,
        recording(pauses),
      ).catch((error: unknown) => error);
      expect(refused).toMatchObject({
        status: 409,
        message: "this Idempotency-Key was used for a different request",
      });
      expect(pauses).toEqual([]);
    });

    it("tries to claim a key three times at most when each first request gives it up and another takes it", async () => {
      const req = requestNamed("contended");
      await claimUnanswered(db, req);
      // Every time the duplicate finds the key gone, the test lets another request claim it before
      // the duplicate's own INSERT (right after the duplicate's read): two such claims, then none.
      let claimsLeft = 2;
      const reads = new Set<string>();
      const claimAfterEmptyRead: KyselyPlugin = {
        transformQuery(args) {
          if (args.node.kind === "SelectQueryNode") reads.add(args.queryId.queryId);
          return args.node;
        },
        async transformResult({ result, queryId }) {
          if (reads.delete(queryId.queryId) && result.rows.length === 0 && claimsLeft > 0) {
            claimsLeft--;
            await claimUnanswered(other, req);
          }
          return result;
        },
      };
      const watched: Database = { ...db, kysely: db.kysely.withPlugin(claimAfterEmptyRead) };
      const pauses: number[] = [];
      // Each first request gives its key up (its second phase failed) while the duplicate pauses.
      const pause = recording(pauses, async () => {
        await db.kysely.deleteFrom("idempotency_keys").where("key", "=", req.key).execute();
      });
      const refused = await respondOnce(contextOf(watched, testClock().clock), req, mustNotRun, pause).catch(
        (error: unknown) => error,
      );
      expect(refused).toMatchObject({
        status: 409,
        message: "this Idempotency-Key is busy with another request; retry later",
      });
      expect([pauses.length, claimsLeft]).toEqual([3, 0]);
      expect(await keyRows(req)).toEqual([]);

      // With the key free at its first try, the duplicate claims it and runs the request itself.
      const own: StoredResponse = { status: 201, body: '{"own":true}' };
      expect(
        await respondOnce(contextOf(db, testClock().clock), req, async () => ({ response: own })),
      ).toEqual(own);
      expect((await keyRows(req)).map((row) => [row.response_status, row.response_body])).toEqual([
        [201, own.body],
      ]);
    });

    it("touches no other key when a request has lost a field (no condition is left out)", async () => {
      const kept = requestNamed("kept");
      await claimUnanswered(db, kept);
      const broken = { ...requestNamed("broken"), key: undefined } as unknown as IdempotentRequest;
      await transaction(db, async (tx) => {
        await storeResponse(tx, broken, { status: 201, body: '{"wrong":true}' });
        await releaseKey(tx, broken);
      });
      expect((await keyRows(kept)).map((row) => [row.response_status, row.response_body])).toEqual([
        [null, null],
      ]);
    });
  },
);
