// examples/npm-app builds: the packages work from npm in a Vite + Preact app, without plaudit.js.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";
import { expect, it } from "vitest";
import { repoRoot } from "./harness.ts";

it("builds the Vite + Preact example that imports @plaudit/reviews and @plaudit/embed", async () => {
  const root = join(repoRoot, "examples/npm-app");
  await build({ root, configFile: join(root, "vite.config.ts"), logLevel: "silent" });
  const assets = join(root, "dist/assets");
  expect(existsSync(join(root, "dist/index.html"))).toBe(true);
  const code = readdirSync(assets)
    .map((file) => readFileSync(join(assets, file), "utf8"))
    .join("\n");
  expect(code).toContain("plaudit-reviews"); // defineElements() made it in
  expect(code).not.toContain("__PLAUDIT_CHUNKS__");
});
