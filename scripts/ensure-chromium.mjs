#!/usr/bin/env node
// Makes sure the browser tests have a Chromium before `npm test` spends minutes on lint, types
// and the build. The browser is the one at PLAUDIT_CHROMIUM, else Debian's /usr/bin/chromium
// (scripts/chromium.mjs, where the tests and benchmarks find it too).
// Missing, it installs Debian's package when it can (root, apt-get on PATH — what .ci/run does);
// otherwise it stops at once with one line saying what to run. Exit 0: the browser is there.
import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { CHROMIUM as browser } from "./chromium.mjs";

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => isExecutableFile(join(dir, command)));
}

function stop(line) {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

function apt(args) {
  // apt-get's own progress goes to the terminal: installing takes ~20 s and should look alive.
  const run = spawnSync("apt-get", args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return run.status === 0;
}

if (!isExecutableFile(browser)) {
  const canInstall = process.getuid?.() === 0 && onPath("apt-get");
  if (!canInstall) {
    stop(
      `The browser tests need Chromium at ${browser}: run "sudo apt-get install -y chromium" (or set PLAUDIT_CHROMIUM to a Chromium binary), then npm test again.`,
    );
  }
  process.stdout.write(`Chromium is missing: installing Debian's package (apt-get install -y chromium)…\n`);
  if (!apt(["update", "-qq"]) || !apt(["install", "-y", "-qq", "chromium"]) || !isExecutableFile(browser)) {
    stop(
      `Installing Chromium with apt-get did not give ${browser} (see above): install it, then npm test again.`,
    );
  }
}
