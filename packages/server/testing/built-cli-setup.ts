// Vitest globalSetup of the server project: bundles the CLI once per run (built-cli.ts says why)
// and hands its path to the test kits (cli-process.ts). Built again before each rerun in watch
// mode, so a test never spawns a CLI older than the source it reads.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { buildCli, builtCliDir, removeBuiltCli } from "./built-cli.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The bundled src/cli.ts (plain JavaScript, run with `node`). */
    plauditBuiltCli: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = builtCliDir(`${process.pid}-${randomBytes(4).toString("hex")}`);
  project.provide("plauditBuiltCli", await buildCli(dir));
  project.onTestsRerun(async () => {
    await buildCli(dir);
  });
  return () => removeBuiltCli(dir);
}
