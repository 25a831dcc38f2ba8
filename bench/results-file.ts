// bench/RESULTS.md: dated sections, newest first, above the one-line-per-run table other benches
// (bench/media-upload.ts) append to at the end of the file.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(benchDir, "..");
const RESULTS = join(benchDir, "RESULTS.md");
const TITLE = "# Benchmark results";

export const machine = () =>
  `${cpus()[0]?.model.trim() ?? "cpu"} × ${availableParallelism()}, Node ${process.versions.node}`;

export const today = () => new Date().toISOString().slice(0, 16).replace("T", " ");

/** Inserts `section` (markdown starting with "## ") under the title, above older sections. */
export function addSection(section: string): void {
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : `${TITLE}\n`;
  const body = text.startsWith(TITLE) ? text.slice(TITLE.length).replace(/^\n+/, "") : text;
  writeFileSync(RESULTS, `${TITLE}\n\n${section.trim()}\n\n${body}`.replace(/\n{3,}/g, "\n\n"));
  process.stdout.write(`\nwrote a section to ${RESULTS}\n`);
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A markdown table. */
export const table = (header: string[], rows: Array<Array<string | number>>): string =>
  [header, header.map(() => "---"), ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n");
