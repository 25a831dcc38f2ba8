// Inside the repository our packages resolve to their TypeScript source two ways: bundlers and
// Vitest by each package's "@plaudit/source" exports condition, TypeScript and tsx by the root
// tsconfig's `paths`. This holds the two to each other, so a new entry point cannot be in one only.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { expect, it } from "vitest";
import { publicPackages, repoRoot } from "./storefront-app.ts";

/** tsconfig.json is JSON with `//` line comments. */
function rootPaths(): Record<string, string[]> {
  const text = readFileSync(join(repoRoot, "tsconfig.json"), "utf8").replace(/^\s*\/\/.*$/gm, "");
  return JSON.parse(text).compilerOptions.paths;
}

it("maps every exported entry point to the same source file in tsconfig paths", () => {
  const fromExports: Record<string, string[]> = {};
  for (const p of publicPackages()) {
    for (const [subpath, target] of Object.entries(p.manifest.exports)) {
      if (typeof target !== "object" || target === null) continue;
      const conditions = target as Record<string, string>;
      expect(Object.keys(conditions)[0], `${p.name}${subpath.slice(1)}: types first`).toBe("types");
      const source = conditions["@plaudit/source"];
      expect(source, `${p.name}${subpath.slice(1)} has a @plaudit/source condition`).toBeDefined();
      fromExports[p.name + subpath.slice(1)] = [`./${relative(repoRoot, join(p.dir, source!))}`];
    }
  }
  const paths = Object.fromEntries(Object.entries(rootPaths()).filter(([name]) => name in fromExports));
  expect(paths).toEqual(fromExports);
});

it("compiles exactly the entry points: the exports' source files and what a bin runs from dist/", () => {
  for (const p of publicPackages()) {
    const config = join(p.dir, "tsconfig.build.json");
    if (!existsSync(config)) continue; // built static files only (@plaudit/admin)
    const sources = Object.values(p.manifest.exports)
      .filter((target): target is Record<string, string> => typeof target === "object" && target !== null)
      .map((conditions) => conditions["@plaudit/source"]!.replace(/^\.\//, ""));
    // A bin's launcher imports "../dist/<file>.js": <file>.ts must be compiled too.
    for (const bin of Object.values(p.manifest.bin ?? {})) {
      const launcher = readFileSync(join(p.dir, bin), "utf8");
      for (const [, file] of launcher.matchAll(/["']\.\.\/dist\/([\w/.-]+)\.js["']/g))
        sources.push(`src/${file}.ts`);
    }
    const files = JSON.parse(readFileSync(config, "utf8")).files as string[] | undefined;
    expect(files, `${p.name}: tsconfig.build.json "files"`).toBeDefined();
    expect([...files!].sort(), `${p.name}: tsconfig.build.json "files"`).toEqual(
      [...new Set(sources)].sort(),
    );
  }
});

it("gives every public package the repository's MIT LICENSE and a README of its own", () => {
  const license = readFileSync(join(repoRoot, "LICENSE"), "utf8");
  expect(license).toMatch(/^MIT License\n/);
  for (const p of publicPackages()) {
    expect(p.manifest.license, `${p.name}: license field`).toBe("MIT");
    // npm packs a package's own LICENSE and README.md whatever `files` says; a copy of the root
    // one, held to it here.
    expect(readFileSync(join(p.dir, "LICENSE"), "utf8"), `${p.name}/LICENSE`).toBe(license);
    const readme = readFileSync(join(p.dir, "README.md"), "utf8");
    expect(readme.split("\n")[0], `${p.name}/README.md title`).toBe(`# ${p.name}`);
    expect(readme, `${p.name}/README.md says how to install it`).toContain("npm install");
  }
});

/**
 * Where each package's shipped code starts: its exports' source files, what its bin runs, the
 * browser bundle's entry modules (scripts/build.mjs names them by path) and the admin app's page.
 */
function shippedEntries(): string[] {
  const entries: string[] = [];
  const packages = readdirSync(join(repoRoot, "packages")).map((name) => join(repoRoot, "packages", name));
  for (const dir of packages) {
    const manifestFile = join(dir, "package.json");
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    for (const target of Object.values(manifest.exports ?? {})) {
      const source = (target as Record<string, string> | null)?.["@plaudit/source"];
      if (source) entries.push(join(dir, source));
    }
    for (const bin of Object.values(manifest.bin ?? {}) as string[]) {
      const launcher = readFileSync(join(dir, bin), "utf8");
      for (const [, file] of launcher.matchAll(/["']\.\.\/dist\/([\w/.-]+)\.js["']/g))
        entries.push(join(dir, "src", `${file}.ts`));
    }
    const page = join(dir, "index.html");
    if (existsSync(page)) {
      for (const [, src] of readFileSync(page, "utf8").matchAll(/<script[^>]*\ssrc="\.\/(src\/[^"]+)"/g))
        entries.push(join(dir, src!));
    }
  }
  const build = readFileSync(join(repoRoot, "scripts/build.mjs"), "utf8");
  for (const [path] of build.matchAll(/packages\/[\w-]+\/src\/[\w/.-]+\.tsx?/g))
    entries.push(join(repoRoot, path));
  return entries;
}

const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.\.?\/[^"']+)["']/g;

it("keeps test kits out of src/: every file there is a unit test or code the packages ship", () => {
  const reached = new Set<string>();
  const pending = shippedEntries();
  while (pending.length) {
    const file = pending.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(RELATIVE_IMPORT)) {
      const target = join(dirname(file), specifier!);
      if (/\.tsx?$/.test(target) && existsSync(target)) pending.push(target);
    }
  }
  const inSrc = readdirSync(join(repoRoot, "packages"))
    .filter((name) => existsSync(join(repoRoot, "packages", name, "src")))
    .flatMap((name) =>
      readdirSync(join(repoRoot, "packages", name, "src"), { recursive: true, encoding: "utf8" }).map(
        (path) => join(repoRoot, "packages", name, "src", path),
      ),
    )
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith(".d.ts"));
  // A file here is used by tests only (a kit: move it to the package's testing/) or by nothing.
  expect(inSrc.filter((file) => !reached.has(file)).map((file) => relative(repoRoot, file))).toEqual([]);
});
