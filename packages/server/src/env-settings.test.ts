// A PLAUDIT_* variable nothing reads is named at start (a typo left the setting meant at its
// default without a word: PLAUDIT_TRUST_PROXIES=1 kept rate limits per proxy address), and the list
// of the ones something reads stays true to the code and the docs.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startCli } from "../testing/cli-process.ts";
import { repoRoot } from "../testing/crash/server-process.ts";
import { PLAUDIT_VARIABLES, unknownSettingWarnings } from "./env-settings.ts";

/** The repository's code files, outside node_modules and build output. */
function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return codeFiles(path);
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [path] : [];
  });
}

describe("PLAUDIT_* settings", () => {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-env-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the list holds every one the code reads and every one the docs name", () => {
    const read = new Set<string>();
    for (const top of ["packages", "scripts", "e2e", "bench", "examples", "packaging"]) {
      for (const file of codeFiles(resolve(repoRoot, top))) {
        for (const match of readFileSync(file, "utf8").matchAll(
          /env(?:\.|\[")(PLAUDIT_[A-Z0-9_]+)|setting\(env, "(PLAUDIT_[A-Z0-9_]+)"/g,
        ))
          read.add((match[1] ?? match[2]) as string);
      }
    }
    expect(read.size).toBeGreaterThan(20);
    for (const doc of ["docs/server.md", "docs/media.md"]) {
      for (const match of readFileSync(resolve(repoRoot, doc), "utf8").matchAll(
        /^\|\s*`(PLAUDIT_[A-Z0-9_]+)`/gm,
      ))
        read.add(match[1] as string);
    }
    expect([...read].filter((name) => !PLAUDIT_VARIABLES.has(name))).toEqual([]);
  });

  it("names a misspelt one with the setting it may mean, and only those", () => {
    expect(
      unknownSettingWarnings({
        PLAUDIT_TRUST_PROXIES: "1",
        PLAUDIT_SECRET_KEY: "x",
        PLAUDIT_PUBLIC_URL: "https://r.example",
        PLAUDIT_WIDGET_COLOR: "red",
        HOME: "/",
      }),
    ).toEqual([
      "PLAUDIT_SECRET_KEY is not a Plaudit setting and is ignored (did you mean PLAUDIT_SECRETS_KEY?)",
      "PLAUDIT_TRUST_PROXIES is not a Plaudit setting and is ignored (did you mean PLAUDIT_TRUST_PROXY?)",
      "PLAUDIT_WIDGET_COLOR is not a Plaudit setting and is ignored",
    ]);
  });

  it("plaudit-server start warns on stderr, as a JSON log line like the rest of its log, and serves on", async () => {
    const server = await startCli(join(dir, "plaudit.sqlite"), { PLAUDIT_TRUST_PROXIES: "1" });
    try {
      const warning = server
        .output()
        .split("\n")
        .find((line) => line.includes("PLAUDIT_TRUST_PROXIES"));
      expect(JSON.parse(warning ?? "")).toMatchObject({
        level: "warn",
        msg: "PLAUDIT_TRUST_PROXIES is not a Plaudit setting and is ignored (did you mean PLAUDIT_TRUST_PROXY?)",
      });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 150_000);
});
