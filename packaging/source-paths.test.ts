// Inside the repository our packages resolve to their TypeScript source two ways: bundlers and
// Vitest by each package's "@plaudit/source" exports condition, TypeScript and tsx by the root
// tsconfig's `paths`. This holds the two to each other, so a new entry point cannot be in one only.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
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
