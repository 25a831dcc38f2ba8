import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../../testing/fixtures.ts";
import { databasesUnderTest, openTestDatabase } from "../../testing/test-server.ts";
import type { Database } from "../db/database.ts";
import { ApiError } from "../errors.ts";
import {
  accountKey,
  addressKey,
  assertNotLocked,
  clearFailures,
  recordFailure,
  SIGN_IN_LIMITS,
  type ThrottleKey,
} from "./throttle.ts";

const MINUTE = 60_000;
const ACCOUNT = SIGN_IN_LIMITS.account;
const ADDRESS = SIGN_IN_LIMITS.address;

// The sign-in throttle on its own, on the injected clock: when a count starts afresh, when a lock
// starts and ends (to the millisecond), the Retry-After it gives, and what a sign-in forgets.
describe.each(databasesUnderTest())("admin sign-in throttle on %s", (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let n = 0;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase(kind));
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  /** A key no other test touches. */
  const freshAccount = () => accountKey("s-throttle", `user-${++n}@shop.example`);
  const freshAddress = () => addressKey(`10.0.0.${++n}`);

  async function fail(keys: ThrottleKey[], times: number, at: Date): Promise<void> {
    for (let i = 0; i < times; i++) await recordFailure(db, keys, at);
  }

  /** The 423 assertNotLocked throws, or undefined when the keys are not locked. */
  async function lockOf(keys: ThrottleKey[], at: Date): Promise<ApiError | undefined> {
    try {
      await assertNotLocked(db, keys, at);
      return undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return error;
    }
  }

  async function rowOf(key: ThrottleKey) {
    return db.kysely
      .selectFrom("admin_sign_in_failures")
      .selectAll()
      .where("key", "=", key.key)
      .executeTakeFirst();
  }

  it("locks a key at its limit for lockMinutes, to the millisecond, with the seconds left as Retry-After", async () => {
    const time = testClock();
    const t0 = time.clock();
    const key = freshAccount();
    await fail([key], ACCOUNT.failures - 1, t0);
    expect(await lockOf([key], t0)).toBeUndefined();
    await fail([key], 1, t0);
    const row = await rowOf(key);
    expect(Number(row?.failures)).toBe(ACCOUNT.failures);
    expect(row?.locked_until).toBe(new Date(t0.getTime() + ACCOUNT.lockMinutes * MINUTE).toISOString());

    const justLocked = await lockOf([key], t0);
    expect(justLocked?.status).toBe(423);
    expect(justLocked?.code).toBe("locked");
    expect(justLocked?.headers?.["Retry-After"]).toBe(String(ACCOUNT.lockMinutes * 60));
    // 100.5 s in: 799.5 s are left, rounded up.
    const later = await lockOf([key], new Date(t0.getTime() + 100_500));
    expect(later?.headers?.["Retry-After"]).toBe(String(ACCOUNT.lockMinutes * 60 - 100));
    // The last millisecond of the lock still says 1 s; at its end the key is free.
    const lastMs = await lockOf([key], new Date(t0.getTime() + ACCOUNT.lockMinutes * MINUTE - 1));
    expect(lastMs?.headers?.["Retry-After"]).toBe("1");
    expect(await lockOf([key], new Date(t0.getTime() + ACCOUNT.lockMinutes * MINUTE))).toBeUndefined();
  });

  it("keeps a lock when a failure arrives while it holds (a sign-in that passed the check at the same moment)", async () => {
    const t0 = testClock().clock();
    const key = freshAccount();
    await fail([key], ACCOUNT.failures, t0);
    const lockEnd = new Date(t0.getTime() + ACCOUNT.lockMinutes * MINUTE).toISOString();
    const during = new Date(t0.getTime() + MINUTE);
    await fail([key], 1, during);
    const row = await rowOf(key);
    expect(Number(row?.failures)).toBe(ACCOUNT.failures + 1);
    expect(row?.first_at).toBe(t0.toISOString());
    // Still over the limit: the lock starts again from this failure, never shorter.
    expect(row?.locked_until).toBe(new Date(during.getTime() + ACCOUNT.lockMinutes * MINUTE).toISOString());
    expect(row?.locked_until && row.locked_until > lockEnd).toBe(true);
    expect((await lockOf([key], during))?.status).toBe(423);
  });

  it("counts afresh after a lock runs out: one failure then does not lock again", async () => {
    const t0 = testClock().clock();
    const key = freshAccount();
    await fail([key], ACCOUNT.failures, t0);
    const lockEnd = new Date(t0.getTime() + ACCOUNT.lockMinutes * MINUTE);
    await fail([key], 1, lockEnd);
    const row = await rowOf(key);
    expect(Number(row?.failures)).toBe(1);
    expect(row?.first_at).toBe(lockEnd.toISOString());
    expect(row?.locked_until).toBeNull();
    expect(await lockOf([key], lockEnd)).toBeUndefined();
  });

  it("forgets failures older than the window, and counts the new window from its first failure", async () => {
    const t0 = testClock().clock();
    const at = (minutes: number, ms = 0) => new Date(t0.getTime() + minutes * MINUTE + ms);

    // Exactly windowMinutes after the first failure is still inside the window: the limit locks.
    const inside = freshAccount();
    await fail([inside], ACCOUNT.failures - 1, t0);
    await fail([inside], 1, at(ACCOUNT.windowMinutes));
    expect((await lockOf([inside], at(ACCOUNT.windowMinutes)))?.status).toBe(423);

    // A millisecond later the window has passed: the count starts again at 1.
    const outside = freshAccount();
    await fail([outside], ACCOUNT.failures - 1, t0);
    await fail([outside], 1, at(ACCOUNT.windowMinutes, 1));
    expect(Number((await rowOf(outside))?.failures)).toBe(1);
    expect(await lockOf([outside], at(ACCOUNT.windowMinutes, 1))).toBeUndefined();

    // The new window runs from that failure: the limit reached within it locks.
    await fail([outside], ACCOUNT.failures - 1, at(ACCOUNT.windowMinutes + 10));
    expect((await lockOf([outside], at(ACCOUNT.windowMinutes + 10)))?.status).toBe(423);
  });

  it("keeps the address's own, higher limit when it counts together with an account", async () => {
    const t0 = testClock().clock();
    const address = freshAddress();
    for (let i = 0; i < ADDRESS.failures - 1; i++) await fail([freshAccount(), address], 1, t0);
    expect(Number((await rowOf(address))?.failures)).toBe(ADDRESS.failures - 1);
    expect(await lockOf([freshAccount(), address], t0)).toBeUndefined();
    await fail([freshAccount(), address], 1, t0);
    expect((await lockOf([freshAccount(), address], t0))?.status).toBe(423);
  });

  it("answers with the latest lock among the keys, and is locked by any one of them", async () => {
    const t0 = testClock().clock();
    const account = freshAccount();
    const address = freshAddress();
    const unlocked = freshAccount();
    // The address is locked first (until t0 + 15 min), the account 5 minutes later (until t0 + 20 min).
    await fail([address], ADDRESS.failures, t0);
    await fail([account], ACCOUNT.failures, new Date(t0.getTime() + 5 * MINUTE));
    await fail([unlocked], 1, t0);
    const now = new Date(t0.getTime() + 6 * MINUTE);
    const accountLeft = String((ACCOUNT.lockMinutes + 5 - 6) * 60);
    for (const keys of [
      [account, address],
      [address, account],
      [unlocked, address, account],
    ]) {
      expect((await lockOf(keys, now))?.headers?.["Retry-After"]).toBe(accountLeft);
    }
    // A key with failures but no lock does not hide another key's lock.
    expect((await lockOf([unlocked, address], now))?.headers?.["Retry-After"]).toBe(String(9 * 60));
    expect(await lockOf([unlocked], now)).toBeUndefined();
  });

  it("clears only the key it is given", async () => {
    const t0 = testClock().clock();
    const account = freshAccount();
    const address = freshAddress();
    await fail([account, address], ACCOUNT.failures - 1, t0);
    await clearFailures(db, account);
    expect(await rowOf(account)).toBeUndefined();
    expect(Number((await rowOf(address))?.failures)).toBe(ACCOUNT.failures - 1);
    // Cleared: the account may fail limit − 1 times again without a lock.
    await fail([account], ACCOUNT.failures - 1, t0);
    expect(await lockOf([account], t0)).toBeUndefined();
  });
});
