// The builds the page benchmarks load side by side (bench/page-profile.ts, bench/page-floor.ts): the
// current one, a copy of an earlier one, and variants made from the current one. The browser answers
// /plaudit.js and /chunks/* from the chosen directory.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "./results-file.ts";

/** This checkout's build (`npm run build`). */
export const AFTER_DIR = join(repoRoot, "packages/embed/dist/browser");
/** Requests for Plaudit's scripts. */
export const PLAUDIT_URL = /\/plaudit\.js|\/chunks\//;

/** Answers the page's requests for Plaudit's scripts from `dir`. */
export async function serveBuild(page: Page, dir: string) {
  await page.route(
    (url) => PLAUDIT_URL.test(url.pathname),
    (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = path.endsWith("/plaudit.js") ? "plaudit.js" : path.slice(path.indexOf("/chunks/") + 1);
      route.fulfill({
        body: readFileSync(join(dir, file)),
        contentType: "text/javascript",
        headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" },
      });
    },
  );
}

/**
 * The current build with each entry chunk's mount a no-op, and the paint chunk's paint one that
 * never answers (nothing fetched or painted, no kind's code loaded after it): what loading and
 * evaluating costs.
 */
export function floorBuild(build: string): string {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-floor-"));
  cpSync(build, dir, { recursive: true });
  const { entries, paints = {} } = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
    entries: Record<string, string>;
    paints?: Record<string, string>;
  };
  for (const file of new Set(Object.values(paints))) {
    const code = readFileSync(join(dir, file), "utf8");
    if (!/ as paint[,}]/.test(code)) throw new Error(`floor build: no "as paint" export in ${file}`);
    writeFileSync(
      join(dir, file),
      `${code.replace(/ as paint([,}])/, " as unusedPaint$1")}\nexport const paint = () => new Promise(() => {});\n`,
    );
  }
  for (const file of Object.values(entries)) {
    const code = readFileSync(join(dir, file), "utf8");
    if (!/ as mount[,}]/.test(code)) throw new Error(`floor build: no "as mount" export in ${file}`);
    writeFileSync(
      join(dir, file),
      `${code.replace(/ as mount([,}])/, " as unusedMount$1")}\nexport const mount = () => () => {};\n`,
    );
  }
  return dir;
}

/**
 * plaudit.js alone: the current loader with its one import() call (its `importChunk`) made to never
 * answer — hosts found, watched and observed, no chunk loaded.
 */
export function loaderAloneBuild(build: string): string {
  const loader = readFileSync(join(build, "plaudit.js"), "utf8");
  const alone = loader.replace(/(\w+)=>import\(\1\)/, "()=>new Promise(()=>{})");
  if (alone === loader) throw new Error("loader alone: no import() call found in plaudit.js");
  const dir = mkdtempSync(join(tmpdir(), "plaudit-loader-"));
  writeFileSync(join(dir, "plaudit.js"), alone);
  return dir;
}

/**
 * An earlier checkout, built (`BENCH_BEFORE_ROOT`), if given: its server answers the "before"
 * build's pages (bench/demo-servers.ts) and its build is the default `BENCH_BEFORE_DIR`.
 */
export const BEFORE_ROOT = process.env.BENCH_BEFORE_ROOT;
/** A copy of an earlier build to measure beside this one (`BENCH_BEFORE_DIR`), if given. */
export const BEFORE_DIR =
  process.env.BENCH_BEFORE_DIR ??
  (BEFORE_ROOT ? join(BEFORE_ROOT, "packages/embed/dist/browser") : undefined);

/** The before build as a results section tags it: its directory, and the server it came from. */
export const BEFORE_TAG =
  BEFORE_DIR && `${BEFORE_DIR}${BEFORE_ROOT ? ` with the server of ${BEFORE_ROOT}` : ""}`;

/**
 * The builds a page benchmark compares, by name: the page without Plaudit (null), the earlier
 * build if given, this build, and any variants of it.
 */
export const comparedBuilds = (
  ...variants: Array<readonly [string, string]>
): Array<readonly [string, string | null]> => [
  ["without", null],
  ...(BEFORE_DIR ? [["before", BEFORE_DIR] as const] : []),
  ["after", AFTER_DIR],
  ...variants,
];

/** Run `i`'s order of the builds: interleaved and turning every run, so load on the machine hits every build alike. */
export const inTurn = <T>(builds: readonly T[], i: number): T[] =>
  builds.map((_, k) => builds[(k + i) % builds.length]!);
