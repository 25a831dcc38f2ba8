#!/usr/bin/env node
// Copies counted on every `npm test`: jscpd (config .jscpd.json) finds repeated code of 40+
// tokens over 4+ lines in source files (examples/ left out: each example is a self-contained app a
// shop copies whole), and this fails when there are more clones than MAX_CLONES; those in tests
// and test kits (.jscpd-tests.json) are held to MAX_TEST_CLONES apart. Removing a copy? Lower MAX_CLONES to the new count in the same
// commit, so the copy cannot come back. `node scripts/check-copies.mjs --list` shows each clone.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The clones the code base holds today. Issue 16 took it from 14 to 13 (the LIMITS copy folded)
 * and folded the widget packages' mount wrappers; merges that landed before this check ran on them
 * took it to 26; issue 16's second session folded 11 (audited row writes, the (time, id) cursor,
 * the ledger history, pending awards, notices, orders, the e2e child start…) and the query strings
 * parsed by the contract one more, the inline widgets' and review lists' two more; the bench's
 * page-cost copy went with the page work, and one ReviewMeta byline serves the card and the
 * lightbox. Session 6 folded the hosted review page's two (a product's form opened in one place,
 * the unsubscribe link's answers documented once) and the admin app's live region (Toasts). The
 * rest are migrations' column lists (`store_id … references stores.id`, `created_at text not
 * null`) and up/down shapes: alike, not copies of one rule, and frozen once shipped.
 * Fold one, lower this.
 */
export const MAX_CLONES = 5;

/**
 * Clones with a test or a test kit on either side, counted apart (.jscpd-tests.json): a suite's
 * set-up or a case written twice belongs in a shared helper or a table. 194 when first counted;
 * the start-plaudit cases, the ssr-csp checks, the section-swaps frame reader and the admin
 * screens' fake API folded since. Fold one, lower this.
 */
export const MAX_TEST_CLONES = 184;

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Runs jscpd over `cwd` (its `config`, default .jscpd.json) and answers its duplicates. */
export function findClones(cwd = root, config = ".jscpd.json") {
  const out = mkdtempSync(join(tmpdir(), "plaudit-jscpd-"));
  try {
    execFileSync(
      process.execPath,
      [join(root, "node_modules/jscpd/run-jscpd.js"), "-c", config, "-r", "json", "-o", out, "--silent"],
      { cwd, stdio: ["ignore", "ignore", "inherit"] },
    );
    const report = JSON.parse(readFileSync(join(out, "jscpd-report.json"), "utf8"));
    return report.duplicates.map((d) => ({
      lines: d.lines,
      first: `${d.firstFile.name}:${d.firstFile.start}`,
      second: `${d.secondFile.name}:${d.secondFile.start}`,
    }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const TEST_FILE = /\.test\.tsx?$|(^|\/)testing\//;

if (import.meta.url === `file://${process.argv[1]}`) {
  const clones = findClones();
  const testClones = findClones(root, ".jscpd-tests.json").filter(
    (c) => TEST_FILE.test(c.first.split(":")[0]) || TEST_FILE.test(c.second.split(":")[0]),
  );
  if (process.argv.includes("--list"))
    for (const c of [...clones, ...testClones]) console.log(`${c.lines} lines: ${c.first} = ${c.second}`);
  let failed = false;
  for (const [what, found, most] of [
    ["clones", clones.length, MAX_CLONES],
    ["clones in tests", testClones.length, MAX_TEST_CLONES],
  ]) {
    if (found > most) {
      console.error(
        `copies: ${found} ${what}, more than the ${most} allowed — fold the new copy into one place (node scripts/check-copies.mjs --list)`,
      );
      failed = true;
    } else console.log(`copies: ${found} ${what} (at most ${most})`);
  }
  if (failed) process.exit(1);
}
