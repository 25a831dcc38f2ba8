// scripts/ensure-chromium.mjs, run as `npm test` runs it: a real process with a PATH of our
// choosing, and a stand-in apt-get that records what it was asked and "installs" the browser.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";

const script = join(dirname(fileURLToPath(import.meta.url)), "ensure-chromium.mjs");
const isRoot = process.getuid?.() === 0;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "plaudit-ensure-chromium-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [script], { env, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An apt-get on PATH that logs its arguments; `install` makes the browser file when `works`. */
function fakeApt(works: boolean): string {
  const bin = join(dir, "bin");
  const log = join(dir, "apt.log");
  const browser = join(dir, "chromium");
  mkdirSync(bin);
  const install = works ? `printf '#!/bin/sh\\n' > "${browser}"; /bin/chmod +x "${browser}"` : "exit 100";
  writeFileSync(
    join(bin, "apt-get"),
    `#!/bin/sh\necho "$*" >> "${log}"\nif [ "$1" = install ]; then ${install}; fi\n`,
  );
  chmodSync(join(bin, "apt-get"), 0o755);
  return bin;
}

it("passes silently when the browser is there", () => {
  const result = run({ PATH: join(dir, "nothing"), PLAUDIT_CHROMIUM: process.execPath });
  expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
});

it("stops with one line saying what to run when it cannot install", () => {
  const browser = join(dir, "chromium");
  const result = run({ PATH: join(dir, "nothing"), PLAUDIT_CHROMIUM: browser });
  expect(result.status).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr.trimEnd().split("\n")).toEqual([
    `The browser tests need Chromium at ${browser}: run "sudo apt-get install -y chromium" (or set PLAUDIT_CHROMIUM to a Chromium binary), then npm test again.`,
  ]);
});

it.runIf(isRoot)("installs Debian's chromium with apt-get when run as root", () => {
  const bin = fakeApt(true);
  const browser = join(dir, "chromium");
  const result = run({ PATH: bin, PLAUDIT_CHROMIUM: browser });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(readFileSync(join(dir, "apt.log"), "utf8").trim().split("\n")).toEqual([
    "update -qq",
    "install -y -qq chromium",
  ]);
  expect(existsSync(browser)).toBe(true);
});

it.runIf(isRoot)("says so in one line when apt-get does not give a browser", () => {
  const bin = fakeApt(false);
  const browser = join(dir, "chromium");
  const result = run({ PATH: bin, PLAUDIT_CHROMIUM: browser });
  expect(result.status).toBe(1);
  expect(result.stderr.trimEnd().split("\n")).toEqual([
    `Installing Chromium with apt-get did not give ${browser} (see above): install it, then npm test again.`,
  ]);
});
