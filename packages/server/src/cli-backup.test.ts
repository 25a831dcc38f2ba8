// `plaudit-server backup` as docs/operations.md has an operator run it from cron:
// `plaudit-server backup ./backups/plaudit-$(date +%F).sqlite`. Before, a first run (no
// `backups/` folder yet) died with better-sqlite3's TypeError and its stack, and on PostgreSQL the
// command printed pg_dump advice and exited 0 — a cron job that "succeeded" every night and backed
// up nothing.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { cliBin } from "../testing/cli-process.ts";
import { databasesUnderTest, openTestDatabase } from "../testing/test-server.ts";

const dir = mkdtempSync(join(tmpdir(), "plaudit-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function backup(target: string, databaseUrl: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = execFile(
      process.execPath,
      [cliBin, "backup", target],
      { cwd: dir, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (_error, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe("plaudit-server backup", () => {
  for (const kind of databasesUnderTest()) {
    it(`(${kind}) into a folder that does not exist yet, as the first cron run does`, async () => {
      const database = await openTestDatabase(kind);
      try {
        const target = join("backups", kind, "plaudit-2026-12-07.sqlite");
        const run = await backup(target, database.url);
        if (kind === "sqlite") {
          expect(run.code, run.stderr).toBe(0);
          expect(run.stdout).toContain("Backed up");
          const copy = new SqliteDatabase(join(dir, target), { readonly: true });
          expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
          // The copy is the database: its schema came along.
          const stores = copy.prepare("select count(*) as n from stores").get() as { n: number };
          copy.close();
          expect(stores.n).toBe(0);
        } else {
          // PostgreSQL is backed up with its own tools: a refusal a cron job reports, not a success.
          expect(run.code).toBe(1);
          expect(run.stderr).toMatch(/^plaudit-server: [^\n]*pg_dump[^\n]*\n$/);
          expect(run.stderr).toContain("pg_restore --clean --if-exists");
          expect(existsSync(join(dir, target))).toBe(false);
        }
        expect(run.stderr).not.toMatch(/\n\s+at /);
      } finally {
        await database.db.close();
        await database.drop();
      }
    });
  }
});
