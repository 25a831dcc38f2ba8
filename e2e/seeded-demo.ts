// Vitest globalSetup of the e2e and e2e-postgres projects: seeds the demo store once per run — with
// the real CLI (`plaudit-server seed`, what `start --demo` runs first on an empty database) into a
// SQLite file, or into a PostgreSQL database of its own for e2e-postgres, and a media folder — and
// hands them to the harness, which copies them for each test file (the SQLite file and media
// folder by file copy, the PostgreSQL database as the template of a new one). Each file still gets
// a server of its own on a database of its own; only the seeding (500+ reviews, photos drawn and
// resized, loyalty) is not repeated for every file. The seed runs in the background: other
// projects' files start meanwhile, and the harness waits for it (seededCopy). The seed and every
// file's server run the CLI bundled here once for the project (e2e/built-server.ts).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { builtCliDir, removeBuiltCli } from "../packages/server/testing/built-cli.ts";
import { createTestDatabase, type TestDatabase } from "../packages/server/testing/pg-schema.ts";
import { buildDemoServer } from "./built-server.ts";
import {
  DEMO_DIR,
  DEMO_SECRET,
  repoRoot,
  SEED_FAILED,
  SEED_FOLDER,
  SEEDED,
  SEEDED_DATABASE_FILE,
} from "./harness.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /**
     * A folder where the seed writes SEED_FOLDER (a seeded demo database, SEEDED_DATABASE_FILE, and
     * its media/ folder), then SEEDED — or SEED_FAILED, with the seed's output.
     */
    e2eSeededDemo: string;
    /**
     * The e2e-postgres project's seeded PostgreSQL database (a name, for `create database …
     * template`; its media are in e2eSeededDemo's folder): "" in the e2e project.
     */
    e2eSeededPostgres: string;
    /** The CLI bundled with the demo (e2e/built-server.ts), plain JavaScript run with `node`. */
    e2eServerCli: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-e2e-seeded-"));
  mkdirSync(join(dir, SEED_FOLDER));
  const postgres: TestDatabase | undefined =
    project.config.env?.PLAUDIT_E2E_DATABASE === "postgres"
      ? await createTestDatabase("e2e_seed")
      : undefined;
  const cliDir = builtCliDir(`e2e-${process.pid}-${randomBytes(4).toString("hex")}`);
  const cli = await buildDemoServer(cliDir);
  project.onTestsRerun(async () => {
    await buildDemoServer(cliDir);
  });
  const child = spawn(
    process.execPath,
    [cli, "seed", "--database-url", postgres?.url ?? join(dir, SEED_FOLDER, SEEDED_DATABASE_FILE)],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PLAUDIT_DEMO_SECRET: DEMO_SECRET,
        PLAUDIT_DEMO_DIR: DEMO_DIR,
        // Beside the SQLite file by itself; PostgreSQL's photos need saying where.
        ...(postgres ? { PLAUDIT_MEDIA_DIR: join(dir, SEED_FOLDER, "media") } : {}),
      },
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
  project.provide("e2eSeededPostgres", postgres?.name ?? "");
  project.provide("e2eServerCli", cli);
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
    await postgres?.drop();
    rmSync(dir, { recursive: true, force: true });
    removeBuiltCli(cliDir);
  };
}
