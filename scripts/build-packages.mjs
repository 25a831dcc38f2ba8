#!/usr/bin/env node
// Compiles every package that has a tsconfig.build.json (the packages published to npm) from
// src/ to dist/: ES modules with .d.ts beside them, by TypeScript itself. A package is compiled
// against the built .d.ts of the packages it depends on, so packages go in dependency order;
// those that do not depend on each other compile side by side. docs/packages.md.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(root, "node_modules/typescript/bin/tsc");

/** The packages to build, with the names of the built packages each one needs first. */
export function buildablePackages() {
  const dirs = readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, "packages", entry.name))
    .filter((dir) => existsSync(join(dir, "tsconfig.build.json")));
  const packages = dirs.map((dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    return { dir, name: manifest.name, manifest };
  });
  const names = new Set(packages.map((p) => p.name));
  for (const p of packages) {
    const { dependencies = {}, peerDependencies = {}, devDependencies = {} } = p.manifest;
    p.needs = Object.keys({ ...dependencies, ...peerDependencies, ...devDependencies }).filter(
      (name) => names.has(name) && name !== p.name,
    );
  }
  return packages;
}

/** Groups of packages: each group needs only packages of earlier groups. */
export function buildOrder(packages) {
  const done = new Set();
  const levels = [];
  let left = [...packages];
  while (left.length) {
    const ready = left.filter((p) => p.needs.every((name) => done.has(name)));
    if (!ready.length)
      throw new Error(`packages depend on each other in a cycle: ${left.map((p) => p.name)}`);
    levels.push(ready);
    for (const p of ready) done.add(p.name);
    left = left.filter((p) => !ready.includes(p));
  }
  return levels;
}

// dist/browser is the widget bundle scripts/build.mjs writes into @plaudit/embed: not ours to clear.
const NOT_OURS = new Set(["browser"]);

// TypeScript rewrites `./x.ts` to `./x.js` in the JavaScript it emits, not in the .d.ts
// (microsoft/TypeScript#61037): a .d.ts would name source files the tarball does not hold, which
// TypeScript reads as their .d.ts but editors and other tools do not. Written as the .js does.
const SOURCE_SPECIFIER =
  /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"']*?)\.(ts|tsx|mts|cts)\2/g;
const EMITTED = { ts: "js", tsx: "js", mts: "mjs", cts: "cjs" };

/** Each .d.ts under `dir` (not dist/browser) with its relative imports naming the emitted .js. */
export function rewriteDeclarationImports(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.d\.[mc]?ts$/.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    if (relative(dir, file).split("/")[0] === "browser") continue;
    const text = readFileSync(file, "utf8");
    const rewritten = text.replace(
      SOURCE_SPECIFIER,
      (_, lead, quote, path, extension) => `${lead}${quote}${path}.${EMITTED[extension]}${quote}`,
    );
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}

function compile(p) {
  const dist = join(p.dir, "dist");
  if (existsSync(dist)) {
    for (const entry of readdirSync(dist)) {
      if (!NOT_OURS.has(entry)) rmSync(join(dist, entry), { recursive: true, force: true });
    }
  }
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [tsc, "-p", join(p.dir, "tsconfig.build.json")], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("error", fail);
    child.once("exit", (code) => {
      if (code !== 0) {
        fail(new Error(`${p.name}: tsc -p ${relative(root, p.dir)}/tsconfig.build.json failed`));
        return;
      }
      rewriteDeclarationImports(dist);
      done();
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const levels = buildOrder(buildablePackages());
  for (const level of levels) await Promise.all(level.map(compile));
  console.log(
    `compiled ${levels.map((level) => level.map((p) => p.name).join(" + ")).join(" → ")} in ${Math.round(performance.now() - started)} ms`,
  );
}
