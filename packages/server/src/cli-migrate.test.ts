// `plaudit-server migrate` after an upgrade (docs/operations.md, "Upgrading"): it names the
// migrations it applied, and says when there was none. Before, it printed "Database is up to
// date." whether it had just made the whole schema or done nothing at all.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cliBin } from "../testing/cli-process.ts";
import { databasesUnderTest, openTestDatabase } from "../testing/test-server.ts";
import { migrations } from "./db/migrations/index.ts";

const run = promisify(execFile);

describe("plaudit-server migrate", () => {
  for (const kind of databasesUnderTest()) {
    it(`(${kind}) names what it applied, then that nothing is left`, async () => {
      const database = await openTestDatabase(kind, { migrated: false });
      try {
        const env = { ...process.env, DATABASE_URL: database.url };
        const names = Object.keys(migrations).sort();
        const first = await run(process.execPath, [cliBin, "migrate"], { env });
        expect(first.stdout).toBe(
          `Applied ${names.length} migration(s): ${names.join(", ")}.\nDatabase is up to date.\n`,
        );
        const again = await run(process.execPath, [cliBin, "migrate"], { env });
        expect(again.stdout).toBe("No migration to apply. Database is up to date.\n");
      } finally {
        await database.db.close();
        await database.drop();
      }
    });
  }
});
