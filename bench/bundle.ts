// The bundle table: scripts/size-budget.mjs's own output (gzip and brotli of every built file
// and each page's total, against its budget), from the current build.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./results-file.ts";

export function benchBundle(): string {
  const run = spawnSync(process.execPath, [join(repoRoot, "scripts/size-budget.mjs")], { encoding: "utf8" });
  return [
    "### Bundle (packages/embed/dist/browser, `node scripts/size-budget.mjs`)",
    "",
    "```",
    run.stdout.trim(),
    run.stderr.trim(),
    "```",
  ]
    .filter((line) => line !== "")
    .join("\n")
    .replace("```\n```", "```\n\n```");
}
