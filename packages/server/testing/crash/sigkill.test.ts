// Crash safety: review submissions under load while the real server process is killed with
// SIGKILL and restarted, several times. Every review the server acknowledged with 201 must be
// there afterwards, and every product's summary must equal its rows (SQLite and PostgreSQL).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { createTestSchema, TEST_PG_URL } from "../pg-schema.ts";
import { databasesUnderTest } from "../test-server.ts";
import { checkConsistency } from "./consistency.ts";
import { type Acknowledged, startReviewLoad } from "./review-load.ts";
import { CRASH_STORE, killHard, prepareCrashDatabase, startServerProcess } from "./server-process.ts";

const KILLS = 4;
const PRODUCTS = ["crash-a", "crash-b", "crash-c"];

/** Waits (polling the load's own count, with no deadline of its own) for `count` acknowledged writes. */
async function untilAcknowledged(load: { acknowledged: unknown[] }, count: number): Promise<void> {
  while (load.acknowledged.length < count) await new Promise((done) => setTimeout(done, 20));
}

describe.each(databasesUnderTest())("a server killed with SIGKILL under write load (%s)", (kind) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(`keeps every acknowledged review and exact summaries across ${KILLS} kills`, async () => {
    let databaseUrl: string;
    let pgSchema: string | undefined;
    if (kind === "sqlite") {
      const dir = mkdtempSync(join(tmpdir(), "plaudit-crash-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      databaseUrl = join(dir, "plaudit.sqlite");
    } else {
      const target = await createTestSchema("crash");
      cleanups.push(target.drop);
      databaseUrl = target.url;
      pgSchema = target.schema;
    }
    await prepareCrashDatabase(databaseUrl, pgSchema);

    const acknowledged: Acknowledged[] = [];
    let unanswered = 0;
    for (let round = 0; round < KILLS; round++) {
      const server = await startServerProcess(databaseUrl);
      cleanups.push(() => killHard(server));
      const load = startReviewLoad(server.url, { clients: 6, products: PRODUCTS, storeId: CRASH_STORE });
      // Kill at a different point of the load each round: after a number of acknowledged writes
      // (counted, not timed — a loaded machine only makes the round longer).
      await untilAcknowledged(load, 2 + round * 3);
      await killHard(server);
      await load.stop();
      acknowledged.push(...load.acknowledged);
      unanswered += load.unanswered;
    }
    // A last clean start proves the database opens (and migrates) after the final kill.
    const last = await startServerProcess(databaseUrl);
    cleanups.push(() => killHard(last));
    const summary = await (
      await fetch(`${last.url}/v1/stores/${CRASH_STORE}/summaries?products=${PRODUCTS.join(",")}`)
    ).json();
    await killHard(last);

    // The kills landed with requests in flight (else this proved nothing about crashes).
    expect(unanswered).toBeGreaterThan(0);
    const db =
      kind === "sqlite" ? openDatabase(databaseUrl) : openDatabase(TEST_PG_URL, { pgSchema: pgSchema! });
    try {
      const report = await checkConsistency(db, CRASH_STORE, acknowledged);
      expect(report.lost).toEqual([]);
      expect(report.summaryMismatches).toEqual([]);
    } finally {
      await db.close();
    }
    // The public summaries say the same as the rows: at least every acknowledged review.
    const counted = (summary as { items: Array<{ count: number }> }).items.reduce((n, s) => n + s.count, 0);
    expect(counted).toBeGreaterThanOrEqual(acknowledged.length);
    expect(counted).toBeLessThanOrEqual(acknowledged.length + unanswered);
  }, 600_000); // five starts of the real server, each allowed 120 s (server-process.ts)
});
