import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { getJson, makeStore, postJson, reviewBody } from "../../testing/fixtures.ts";
import { startTestServer } from "../../testing/test-server.ts";
import { backupSqlite } from "./backup.ts";

describe("SQLite backup", () => {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-backup-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("makes a consistent, openable copy while reviews are being written", async () => {
    const server = await startTestServer({ db: "sqlite" });
    try {
      const { storeId } = await makeStore(server.db);
      const url = `${server.url}/v1/stores/${storeId}/products/p/reviews`;
      for (let i = 0; i < 20; i++) await postJson(url, reviewBody());
      // Keep writing while the backup runs.
      const writes = Promise.all(Array.from({ length: 60 }, () => postJson(url, reviewBody({ rating: 3 }))));
      const target = join(dir, "copy.sqlite");
      await backupSqlite(server.db.sqlitePath as string, target);
      await writes;

      const copy = new SqliteDatabase(target, { readonly: true });
      try {
        expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
        const reviews = copy.prepare("select count(*) as n from reviews where product_id = 'p'").get() as {
          n: number;
        };
        const summary = copy.prepare("select count from rating_summaries where product_id = 'p'").get() as {
          count: number;
        };
        // Consistent: the summary counts exactly the reviews the snapshot holds.
        expect(summary.count).toBe(reviews.n);
        expect(reviews.n).toBeGreaterThanOrEqual(20);
      } finally {
        copy.close();
      }
      expect((await getJson(`${server.url}/v1/stores/${storeId}/products/p/summary`)).json.count).toBe(80);
    } finally {
      await server.close();
    }
  });
});
