// `plaudit-server start` is production: without PLAUDIT_SECRETS_KEY it keeps every store's
// signing secrets (customer tokens, webhooks, links, invites) in the clear in the database and so
// in every backup, which operations.md's step 3 exists to prevent. Before, it started without a
// word; now each start says so on stderr, as a JSON warn line like the rest of its log. The check
// reads only the environment, not the database: SQLite stands for both. So does the one for
// PLAUDIT_PUBLIC_URL: without it, media URLs and links follow each request's Host (operations.md step 6).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startCli } from "../testing/cli-process.ts";

const PUBLIC_URL = "https://reviews.shop.example";
const dir = mkdtempSync(join(tmpdir(), "plaudit-secrets-warning-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The warn lines a production start wrote from its start to its stop (SIGTERM), parsed. */
async function startWarnings(env: Record<string, string>) {
  const server = await startCli(join(dir, "plaudit.sqlite"), env);
  // It serves on (and, answering, has its shutdown handlers in place for the stop).
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect(await server.stop()).toBe(0);
  return server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: string; msg: string })
    .filter((line) => line.level === "warn");
}

describe("plaudit-server start without PLAUDIT_SECRETS_KEY", () => {
  it("warns that the signing secrets are stored in the clear, and serves on", async () => {
    const warnings = await startWarnings({ PLAUDIT_SECRETS_KEY: "", PLAUDIT_PUBLIC_URL: PUBLIC_URL });
    expect(warnings.map((line) => line.msg)).toEqual([
      expect.stringMatching(/^PLAUDIT_SECRETS_KEY is not set: .*in the clear/),
    ]);
  }, 150_000);

  it("says nothing of it once the key is set", async () => {
    const warnings = await startWarnings({
      PLAUDIT_SECRETS_KEY: "k".repeat(40),
      PLAUDIT_PUBLIC_URL: PUBLIC_URL,
    });
    expect(warnings).toEqual([]);
  }, 150_000);
});

describe("plaudit-server start without PLAUDIT_PUBLIC_URL", () => {
  it("warns that URLs follow each request's Host, and serves on", async () => {
    const warnings = await startWarnings({ PLAUDIT_SECRETS_KEY: "k".repeat(40), PLAUDIT_PUBLIC_URL: "" });
    expect(warnings.map((line) => line.msg)).toEqual([
      expect.stringMatching(/^PLAUDIT_PUBLIC_URL is not set: .*each request's Host/),
    ]);
  }, 150_000);
});
