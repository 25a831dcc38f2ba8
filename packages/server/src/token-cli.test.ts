import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { verifyCustomerToken } from "./customer-token.ts";
import { openDatabase } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { createStore } from "./stores/create-store.ts";

describe("plaudit-server token", () => {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-token-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints a token the store accepts", async () => {
    const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/plaudit-server.mjs");
    const env = { ...process.env, DATABASE_URL: join(dir, "db.sqlite") };
    const run = promisify(execFile);
    const db = openDatabase(env.DATABASE_URL);
    await migrate(db);
    const { signingSecret } = await createStore(db, { id: "shop-1", name: "CLI shop" });
    await db.close();
    const { stdout } = await run(
      process.execPath,
      [bin, "token", "--store", "shop-1", "--customer", "alice"],
      { env },
    );
    const result = verifyCustomerToken(signingSecret, stdout.trim(), {
      now: new Date(),
      lifetimeSeconds: 3600,
    });
    expect(result).toMatchObject({ ok: true, customerId: "alice" });
  }, 60_000);
});
