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

    // Without --store it is the demo store's token: on a production database, which has none, the
    // refusal names the store's option and the stores there, not `seed` (a production install has
    // no demo to seed: it told the merchant to run a command that refuses too).
    const refused = await run(process.execPath, [cliBin, "token", "--customer", "alice"], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({
      code: 1,
      stderr: 'plaudit-server: no store "demo": name the store with --store ID (stores here: shop-1)\n',
    });
  }, 60_000);
});
