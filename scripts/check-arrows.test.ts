import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The package arrows (biome.json's noRestrictedImports overrides, checked by `npm run lint`) on
// deliberately wrong imports: each one-line module is written, at the path it stands for, into a
// scratch copy of the layout with the repository's own biome.json, and linted there.

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const biome = join(root, "node_modules/@biomejs/biome/bin/biome");

/** Biome's restricted-import reports for `source` placed at `path`. */
function violations(path: string, source: string): string[] {
  const scratch = mkdtempSync(join(tmpdir(), "plaudit-arrows-"));
  try {
    copyFileSync(join(root, "biome.json"), join(scratch, "biome.json"));
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), `${source}\n`);
    try {
      execFileSync(process.execPath, [biome, "lint", "--max-diagnostics=50", path], {
        cwd: scratch,
        stdio: "pipe",
      });
      return [];
    } catch (failure) {
      const { stdout, stderr } = failure as { stdout?: Buffer; stderr?: Buffer };
      const output = `${stdout ?? ""}${stderr ?? ""}`;
      return output.includes("noRestrictedImports")
        ? [output]
        : [`biome failed otherwise: ${output.slice(0, 400)}`];
    }
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
  it.each(refused)("refuse %s: %s", (path, source) => {
    const found = violations(path, source);
    expect(found.length).toBe(1);
    expect(found[0]).toContain("noRestrictedImports");
  });

  it.each(allowed)("allow %s: %s", (path, source) => {
    expect(violations(path, source)).toEqual([]);
  });
});
