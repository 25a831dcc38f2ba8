import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { cliBin } from "../testing/cli-process.ts";
import { verifyCustomerToken } from "./customer-token.ts";
import { openDatabase } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { createStore } from "./stores/create-store.ts";

describe("plaudit-server token", () => {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-token-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints a token the store accepts", async () => {
    const env = { ...process.env, DATABASE_URL: join(dir, "db.sqlite") };
    const run = promisify(execFile);
    const db = openDatabase(env.DATABASE_URL);
    await migrate(db);
    const { signingSecret } = await createStore(db, { id: "shop-1", name: "CLI shop" });
    await db.close();
    const { stdout } = await run(
      process.execPath,
      [cliBin, "token", "--store", "shop-1", "--customer", "alice"],
      { env },
    );
    const result = verifyCustomerToken(signingSecret, stdout.trim(), {
      now: new Date(),
      lifetimeSeconds: 3600,
    });
    expect(result).toMatchObject({ ok: true, customerId: "alice" });
  }, 60_000);
});
