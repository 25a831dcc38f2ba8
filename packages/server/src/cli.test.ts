import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import SqliteDatabase from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/plaudit-server.mjs");
const run = promisify(execFile);

/** Starts `plaudit-server start` and resolves once it prints its URL, with everything it printed. */
function start(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [bin, "start", "--port", "0", "--database-url", databaseUrl], {
    env: { ...process.env, PLAUDIT_DEMO_SECRET: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        done({ child, url: match[1], output: () => output });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => fail(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    child.once("exit", (code) => done(code));
    child.kill("SIGTERM");
  });
}

describe("plaudit-server CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("starts with a generated demo secret, backs up while serving, stops on SIGTERM and keeps data and secret", async () => {
    const database = join(dir, "plaudit.sqlite");
    const first = await start(database);
    const secret = /^\s+(sk_\S+)$/m.exec(first.output())?.[1];
    expect(secret).toBeTruthy();
    expect(first.output()).toContain("/demo/");
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

    expect(await stop(first.child)).toBe(0);

    const second = await start(database);
    expect(second.output()).not.toContain("secret key");
    const again = await fetch(`${second.url}/v1/admin/reviews?limit=1`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(again.status).toBe(200);
    expect(await stop(second.child)).toBe(0);
  });
});

describe("plaudit-server csp", () => {
  it("prints the inline styles' sha256 sources and the stylesheet's name", async () => {
    const { widgetCssFile, widgetStyleHashes } = await import("@plaudit/reviews/server");
    const { stdout } = await run(process.execPath, [bin, "csp"]);
    expect(stdout).toContain(`style-src 'self' '${widgetStyleHashes.reviews}' '${widgetStyleHashes.stars}'`);
    expect(stdout).toContain(`/${widgetCssFile}`);
  });
});
