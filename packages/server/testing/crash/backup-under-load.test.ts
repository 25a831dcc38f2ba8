// `plaudit-server backup` taken while reviews pour in restores to a consistent database: it
// passes SQLite's integrity check, needs no migration, and its summaries equal its rows.
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import SqliteDatabase from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import { cliBin } from "../cli-process.ts";
import { checkConsistency } from "./consistency.ts";
import { type Acknowledged, startReviewLoad } from "./review-load.ts";
import {
  CRASH_STORE,
  killHard,
  prepareCrashDatabase,
  repoRoot,
  startServerProcess,
} from "./server-process.ts";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "plaudit-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("backs up a SQLite database under write load into a copy that restores consistent", async () => {
  const live = join(dir, "live.sqlite");
  await prepareCrashDatabase(live);
  const server = await startServerProcess(live);
  const load = startReviewLoad(server.url, {
    clients: 6,
    products: ["backup-a", "backup-b"],
    storeId: CRASH_STORE,
  });
  let backups: string[] = [];
  // What the server had acknowledged when each backup began: a snapshot holds all of it.
  const ackedBefore = new Map<string, Acknowledged[]>();
  try {
    // Writes are going on before the first snapshot (counted, not timed).
    while (load.acknowledged.length < 5) await new Promise((done) => setTimeout(done, 20));
    // Two snapshots while the writes go on.
    for (const name of ["first.sqlite", "second.sqlite"]) {
      const target = join(dir, name);
      ackedBefore.set(target, [...load.acknowledged]);
      const { stdout } = await run(process.execPath, [cliBin, "backup", target, "--database-url", live], {
        cwd: repoRoot,
      });
      expect(stdout).toContain("Backed up");
      backups = [...backups, target];
    }
  } finally {
    await load.stop();
    await killHard(server);
  }

  for (const backup of backups) {
    const raw = new SqliteDatabase(backup, { readonly: true });
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(raw.pragma("foreign_key_check")).toEqual([]);
    raw.close();
    // Restore = put the file in place and start: the schema is current, the data consistent.
    const restored = join(dir, `restored-${backups.indexOf(backup)}.sqlite`);
    copyFileSync(backup, restored);
    const db = openDatabase(restored);
    try {
      const before = await db.kysely
        .selectFrom("reviews")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      await migrate(db);
      const acknowledged = ackedBefore.get(backup) ?? [];
      expect(acknowledged.length).toBeGreaterThan(0);
      const report = await checkConsistency(db, CRASH_STORE, acknowledged);
      expect(report.lost).toEqual([]);
      expect(report.summaryMismatches).toEqual([]);
      const after = await db.kysely
        .selectFrom("reviews")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    } finally {
      await db.close();
    }
  }
  // The restored copy serves.
  const restored = await startServerProcess(join(dir, "restored-1.sqlite"));
  try {
    const res = await fetch(`${restored.url}/v1/stores/${CRASH_STORE}/summaries?products=backup-a,backup-b`);
    expect(res.status).toBe(200);
  } finally {
    await killHard(restored);
  }
}, 300_000); // two starts of the real server, each allowed 120 s (server-process.ts)
