import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DemoMissingError, loadDemo } from "./demo-hook.ts";

describe("the demo hook", () => {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-demo-hook-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads the repository's demo package by dynamic import", async () => {
    const demo = await loadDemo();
    expect(typeof demo.seed).toBe("function");
    expect(typeof demo.seedBenchmarkReviews).toBe("function");
    expect(demo.routes({}).map((module) => module.name)).toEqual([
      "demo-sign-in",
      "demo-rendered-collection",
      "demo-pages",
    ]);
  });

  it("says in one line that the demo is not installed, when it is not", async () => {
    const failure = await loadDemo("@plaudit/no-such-demo").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DemoMissingError);
    const message = (failure as Error).message;
    expect(message).toMatch(/^--demo needs the demo package @plaudit\/no-such-demo, which is not installed/);
    expect(message).not.toContain("\n");
    // `plaudit-server seed` on a production install: the refusal names seed, not a flag never typed.
    const seed = await loadDemo("@plaudit/no-such-demo", "seed").catch((error: unknown) => error);
    expect((seed as Error).message).toMatch(/^seed needs the demo package @plaudit\/no-such-demo/);
  });

  it("does not hide a demo that is there but broken", async () => {
    const broken = join(dir, "broken-demo.mjs");
    writeFileSync(broken, 'import "@plaudit/no-such-dependency";\nexport const demo = {};\n');
    const failure = await loadDemo(pathToFileURL(broken).href).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(DemoMissingError);
    expect(String((failure as Error).message)).toContain("@plaudit/no-such-dependency");
  });

  it("refuses a package that exports no hook", async () => {
    const empty = join(dir, "empty-demo.mjs");
    writeFileSync(empty, "export const other = 1;\n");
    await expect(loadDemo(pathToFileURL(empty).href)).rejects.toThrow(/does not export the demo hook/);
  });
});
