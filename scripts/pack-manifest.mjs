#!/usr/bin/env node
// npm's prepack/postpack for each public package (docs/packages.md): the package.json in the
// tarball must not carry the repository-only `@plaudit/source` export condition, whose targets
// are src/ files that are not packed, nor these two pack scripts. It gains what TypeScript's old
// `moduleResolution: "node"` (node10) reads instead of `exports`: `types` (and `main`) for the
// package, `typesVersions` for its subpaths — derived from `exports`, their one source. `strip`
// (prepack) keeps the manifest as written beside it and writes the tarball's; `restore`
// (postpack) puts the kept one back. A pack that died between the two is mended by the next
// `strip`, which restores first. Run in the package's folder (npm runs lifecycle scripts there).
// It prints nothing: `npm pack --json` answers on stdout.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SOURCE_CONDITION = "@plaudit/source";
const MANIFEST = "package.json";
const KEPT = ".package.json.repo";

/** `exports` without the source condition, anywhere in its nesting. */
export function withoutSourceCondition(exports) {
  if (Array.isArray(exports)) return exports.map(withoutSourceCondition);
  if (exports === null || typeof exports !== "object") return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== SOURCE_CONDITION)
      .map(([key, value]) => [key, withoutSourceCondition(value)]),
  );
}

/**
 * What resolvers that ignore `exports` (TypeScript's node10, old bundlers) need to find the same
 * files: `main` and `types` of ".", and `typesVersions` mapping each other subpath to its types.
 */
export function legacyEntryFields(exports) {
  const fields = {};
  const subpaths = {};
  for (const [subpath, target] of Object.entries(exports ?? {})) {
    if (target === null || typeof target !== "object" || Array.isArray(target)) continue;
    if (subpath === ".") {
      if (typeof target.default === "string") fields.main = target.default;
      if (typeof target.types === "string") fields.types = target.types;
    } else if (typeof target.types === "string") {
      subpaths[subpath.replace(/^\.\//, "")] = [target.types];
    }
  }
  if (Object.keys(subpaths).length > 0) fields.typesVersions = { "*": subpaths };
  return fields;
}

function restore() {
  if (existsSync(KEPT)) renameSync(KEPT, MANIFEST);
}

function strip() {
  restore();
  const text = readFileSync(MANIFEST, "utf8");
  const manifest = JSON.parse(text);
  writeFileSync(KEPT, text);
  if (manifest.exports) {
    manifest.exports = withoutSourceCondition(manifest.exports);
    Object.assign(manifest, legacyEntryFields(manifest.exports));
  }
  // These two scripts name this file, which a tarball does not hold (npm already read them).
  if (manifest.scripts) {
    delete manifest.scripts.prepack;
    delete manifest.scripts.postpack;
    if (Object.keys(manifest.scripts).length === 0) delete manifest.scripts;
  }
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === "strip") strip();
  else if (command === "restore") restore();
  else {
    process.stderr.write("usage: pack-manifest.mjs strip|restore\n");
    process.exit(2);
  }
}
