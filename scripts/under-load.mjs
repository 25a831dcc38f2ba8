#!/usr/bin/env node
// The suite under CPU pressure (issue 21: "passes 5 times in a row under 4 CPU hogs"): starts
// HOGS busy-looping processes, runs `vitest run` RUNS times in a row (stopping at the first red
// run, or with --keep-going all of them, to count a flaky test's passes), then stops the hogs,
// whatever happened. Run `npm run build` first, as `npm test` does.
//   node scripts/under-load.mjs [--runs 5] [--hogs 4] [--keep-going] [-- <vitest arguments>]
// e.g. a flake hunt: node scripts/under-load.mjs --runs 20 --keep-going -- e2e/painted.test.ts -t "keyboard"
// Each run's verdict and duration is printed, then the passes counted; the exit code is the first
// failing run's, else 0. Stopped (Ctrl-C, SIGTERM), it stops the run under way and the hogs; no
// next run starts.
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";

const dash = process.argv.indexOf("--");
const own = dash === -1 ? process.argv.slice(2) : process.argv.slice(2, dash);
const vitestArgs = dash === -1 ? [] : process.argv.slice(dash + 1);
const { values } = parseArgs({
  args: own,
  options: {
    runs: { type: "string", default: "5" },
    hogs: { type: "string", default: "4" },
    "keep-going": { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const hogCount = Number(values.hogs);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(hogCount) || hogCount < 0) {
  console.error("under-load: --runs must be ≥ 1 and --hogs ≥ 0 (whole numbers)");
  process.exit(2);
}

const hogs = Array.from({ length: hogCount }, () =>
  spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }),
);
/** The Vitest run under way: stopped with the hogs, so a stopped hunt starts no next run. */
let current;
const stopHogs = () => {
  for (const hog of hogs) hog.kill("SIGKILL");
  // Its process group: npx, Vitest, its workers and the servers and browsers they started.
  try {
    if (current) process.kill(-current.pid, "SIGTERM");
  } catch {
    // Gone already.
  }
};
process.on("exit", stopHogs);
// The runs are awaited, not run synchronously: a signal is heard while Vitest runs, not after.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

let status = 0;
let passed = 0;
let run = 1;
for (; run <= runs && (status === 0 || values["keep-going"]); run++) {
  const started = Date.now();
  current = spawn("npx", ["vitest", "run", ...vitestArgs], { stdio: "inherit", detached: true });
  const runStatus = await new Promise((done) => current.once("exit", (code) => done(code ?? 1)));
  current = undefined;
  if (runStatus === 0) passed++;
  else status ||= runStatus;
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `under-load: run ${run} of ${runs} with ${hogCount} hogs: ${runStatus === 0 ? "passed" : "FAILED"} in ${seconds} s`,
  );
}
console.log(`under-load: ${passed} of ${run - 1} runs passed`);
process.exit(status);
