import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

// The package arrows (biome.json's noRestrictedImports overrides, checked by `npm run lint`) on
// deliberately wrong imports: each one-line module is written, in the folder it stands for, into a
// scratch copy of the layout with the repository's own biome.json, and linted there. All probes in
// one Biome run (one start instead of twenty), each in a file of its own: Biome judges each file
// by its folder alone, so a probe's reports are the same as when it is linted by itself.

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const biome = join(root, "node_modules/@biomejs/biome/bin/biome");

interface Diagnostic {
  category?: string;
  message?: string;
  location?: { path?: string };
}

/**
 * Lints `probes` (path it stands for, source) in one Biome run; for each probe, its reports as
 * `category: message`. Throws unless Biome read every probe and printed all it found.
 */
function lintProbes(probes: [string, string][]): string[][] {
  const scratch = mkdtempSync(join(tmpdir(), "plaudit-arrows-"));
  try {
    copyFileSync(join(root, "biome.json"), join(scratch, "biome.json"));
    const files = probes.map(([path, source], n) => {
      // packages/core/src/probe.ts → packages/core/src/probe-0.ts: same folder, a file per probe.
      const file = join(dirname(path), `probe-${n}${extname(path)}`);
      mkdirSync(dirname(join(scratch, file)), { recursive: true });
      writeFileSync(join(scratch, file), `${source}\n`);
      return file;
    });
    // The JSON reporter (experimental in Biome 2, pinned here) counts the files read.
    const run = spawnSync(
      process.execPath,
      [biome, "lint", "--max-diagnostics=none", "--reporter=json", ...files],
      { cwd: scratch, encoding: "utf8" },
    );
    let report: { summary: Record<string, number>; diagnostics: Diagnostic[] };
    try {
      report = JSON.parse(run.stdout);
    } catch {
      throw new Error(`biome failed: ${run.stdout.slice(0, 400)}${run.stderr.slice(0, 400)}`);
    }
    const read = (report.summary.changed ?? 0) + (report.summary.unchanged ?? 0);
    if (read !== files.length || report.summary.diagnosticsNotPrinted !== 0)
      throw new Error(`biome read ${read} of ${files.length} probes: ${run.stdout.slice(0, 400)}`);
    return files.map((file) =>
      report.diagnostics.filter((d) => d.location?.path === file).map((d) => `${d.category}: ${d.message}`),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const refused: [string, string][] = [
  ["packages/core/src/probe.ts", 'export { Stars } from "@plaudit/ui";'],
  ["packages/contract/src/probe.ts", 'export { createClient } from "@plaudit/core";'],
  ["packages/ui/src/probe.ts", 'export { createPlauditStore } from "../../core/src/store.ts";'],
  ["packages/reviews/src/probe.ts", 'export { mountLauncher } from "@plaudit/loyalty";'],
  ["packages/loyalty/src/probe.ts", 'export { mountReviews } from "@plaudit/reviews";'],
  ["packages/server/src/probe.ts", 'export { mountReviews } from "@plaudit/reviews";'],
  ["packages/server/src/probe.ts", 'export { createClient } from "@plaudit/core";'],
  ["packages/embed/src/probe.ts", 'export { createApp } from "@plaudit/server";'],
  ["e2e/probe.ts", 'export { createApp } from "../packages/server/src/app.ts";'],
  ["bench/probe.ts", 'export { readConfig } from "../packages/core/src/config.ts";'],
  ["packages/server/src/probe.ts", 'export { demo } from "@plaudit/demo";'],
  ["packages/demo/src/probe.ts", 'export { createApp } from "../../server/src/app.ts";'],
  ["packages/demo/src/probe.ts", 'export { mountReviews } from "@plaudit/reviews";'],
];

const allowed: [string, string][] = [
  ["packages/core/src/probe.ts", 'export { LIMITS } from "@plaudit/contract";'],
  ["packages/embed/src/probe.ts", 'export { mountReviews } from "@plaudit/reviews";'],
  ["packages/server/src/probe.ts", 'export { renderReviews } from "@plaudit/reviews/server";'],
  ["e2e/probe.ts", 'export { createApp } from "@plaudit/server";'],
  ["bench/probe.ts", 'export { startTestServer } from "../packages/server/testing/test-server.ts";'],
  ["packages/demo/src/probe.ts", 'export { createStore } from "@plaudit/server/internals";'],
  ["packages/demo/src/probe.ts", 'export { startTestServer } from "../../server/testing/test-server.ts";'],
];

describe("the package arrows", () => {
  let reports: string[][] = [];
  beforeAll(() => {
    reports = lintProbes([...refused, ...allowed]);
  });

  it.each(refused.map((probe, n) => [...probe, n] as const))("refuse %s: %s", (_path, _source, n) => {
    const found = reports[n]!;
    expect(found.length).toBe(1);
    expect(found[0]).toContain("noRestrictedImports");
  });

  it.each(allowed.map((probe, n) => [...probe, refused.length + n] as const))(
    "allow %s: %s",
    (_path, _source, n) => {
      expect(reports[n]).toEqual([]);
    },
  );
});
