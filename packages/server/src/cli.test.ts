import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import SqliteDatabase from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startCli } from "../testing/cli-process.ts";

const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/plaudit-server.mjs");
const run = promisify(execFile);

describe("plaudit-server CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("starts with a generated demo secret, backs up while serving, stops on SIGTERM and keeps data and secret", async () => {
    const database = join(dir, "plaudit.sqlite");
    const first = await startCli(database, {}, ["--demo"]);
    // Its notices are JSON log lines, as every line `start` writes.
    const secret = /"secretKey":"(sk_[^"]+)"/.exec(first.output())?.[1];
    expect(secret).toBeTruthy();
    expect(first.output()).toContain("/demo/");
    // The demo package, loaded through the demo hook, serves its shop and its sign-in.
    const shop = await fetch(`${first.url}/demo/`);
    expect(shop.status).toBe(200);
    expect(await shop.text()).toContain("plaudit.js");
    const signIn = await fetch(`${first.url}/demo/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customer: "demo-shopper" }),
    });
    expect(signIn.status).toBe(200);
    // `--port 0`: the admin app's address names the port the server really bound.
    await vi.waitFor(() => expect(first.output()).toContain(`${first.url}/admin/`), { timeout: 30_000 });
    expect(first.output()).not.toContain("localhost:0");
    expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ ok: true });
    const admin = await fetch(`${first.url}/v1/admin/reviews?limit=1`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(admin.status).toBe(200);

    const copy = join(dir, "backup.sqlite");
    const backup = await run(process.execPath, [bin, "backup", copy, "--database-url", database]);
    expect(backup.stdout).toContain("Backed up");
    const snapshot = new SqliteDatabase(copy, { readonly: true });
    const reviews = (snapshot.prepare("select count(*) as n from reviews").get() as { n: number }).n;
    snapshot.close();
    expect(reviews).toBeGreaterThanOrEqual(500);

    expect(await first.stop()).toBe(0);

    const second = await startCli(database, {}, ["--demo"]);
    expect(second.output()).not.toContain("secret key");
    const again = await fetch(`${second.url}/v1/admin/reviews?limit=1`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(again.status).toBe(200);
    expect(await second.stop()).toBe(0);
    // Two starts (the first one seeds the demo), each up to its start limit, plus requests and a backup.
  }, 360_000);
});

describe("plaudit-server csp", () => {
  it("prints the inline styles' sha256 sources and the stylesheet's name", async () => {
    const { widgetCssFile, widgetStyleHashes } = await import("@plaudit/reviews/server");
    const { stdout } = await run(process.execPath, [bin, "csp"]);
    expect(stdout).toContain(`style-src 'self' '${widgetStyleHashes.reviews}' '${widgetStyleHashes.stars}'`);
    expect(stdout).toContain(`/${widgetCssFile}`);
  });
});
