// Vitest globalSetup of the e2e project: seeds the demo store once per run — with the real CLI
// (`plaudit-server seed`, what `start --demo` runs first on an empty database) into a SQLite file
// and its media folder — and hands the folder to the harness, which copies it for each test file.
// Each file still gets a server of its own on a database of its own; only the seeding (500+
// reviews, photos drawn and resized, loyalty) is not repeated 20 times. The seed runs in the
// background: other projects' files start meanwhile, and the harness waits for it (seededCopy).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { DEMO_SECRET, repoRoot, SEED_FAILED, SEED_FOLDER, SEEDED, SEEDED_DATABASE_FILE } from "./harness.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /**
     * A folder where the seed writes SEED_FOLDER (a seeded demo database, SEEDED_DATABASE_FILE, and
     * its media/ folder), then SEEDED — or SEED_FAILED, with the seed's output.
     */
    e2eSeededDemo: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-e2e-seeded-"));
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(repoRoot, "packages/server/src/cli.ts"),
      "seed",
      "--database-url",
      join(dir, SEED_FOLDER, SEEDED_DATABASE_FILE),
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, PLAUDIT_DEMO_SECRET: DEMO_SECRET },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((done) => {
    child.once("exit", (code, signal) => {
      const ok = code === 0;
      writeFileSync(join(dir, ok ? SEEDED : SEED_FAILED), `${output}\n(exit ${code ?? signal})\n`);
      done();
    });
  });
  project.provide("e2eSeededDemo", dir);
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
}
