// Vitest globalSetup of the e2e project: seeds the demo store once per run — with the real CLI
// (`plaudit-server seed`, what `start --demo` runs first on an empty database) into a SQLite file
// and its media folder — and hands the folder to the harness, which copies it for each test file.
// Each file still gets a server of its own on a database of its own; only the seeding (500+
// reviews, photos drawn and resized, loyalty) is not repeated 20 times.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { DEMO_SECRET, repoRoot, SEEDED_DATABASE_FILE } from "./harness.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A folder holding a seeded demo database (SEEDED_DATABASE_FILE) and its media/ folder. */
    e2eSeededDemo: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-e2e-seeded-"));
  await promisify(execFile)(
    process.execPath,
    [
      "--import",
      "tsx",
      join(repoRoot, "packages/server/src/cli.ts"),
      "seed",
      "--database-url",
      join(dir, SEEDED_DATABASE_FILE),
    ],
    { cwd: repoRoot, env: { ...process.env, PLAUDIT_DEMO_SECRET: DEMO_SECRET } },
  );
  project.provide("e2eSeededDemo", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
