import { rmSync } from "node:fs";
import { chosenPages } from "./chromium.ts";
import { type DemoServers, serverFor, startDemoServers } from "./demo-servers.ts";
import { inTurn } from "./page-builds.ts";

// The frame bench:page (page-profile.ts) and bench:cpu (page-cpu.ts) share: the demo servers, and
// every build loaded in turn, round after round, on each chosen page.

export type BenchPage = ReturnType<typeof chosenPages>[number];
/** A build by name, and the directory its plaudit.js is served from (null: the page without Plaudit). */
export type Build = readonly [name: string, dir: string | null];

/**
 * For each chosen page, `runs` rounds, every build loaded once a round in turn (inTurn): `load`
 * gets the page's URL on the server with Plaudit (the build's dir, for serveBuild) or without it.
 * A line after each round says `progress`; after each page, `report` makes its sections of the
 * results (it may load more itself, from `servers`). The servers close and the builds in `made`
 * (made for this run) are removed, whatever happens. Answers every page's sections.
 */
export async function pageRounds<R>(options: {
  builds: readonly Build[];
  runs: number;
  made: readonly string[];
  load: (url: string, build: Build, page: BenchPage) => Promise<R>;
  progress: (runs: Record<string, R[]>) => string;
  report: (page: BenchPage, runs: Record<string, R[]>, servers: DemoServers) => Promise<string[]>;
}): Promise<string[]> {
  const servers = await startDemoServers();
  const sections: string[] = [];
  try {
    for (const p of chosenPages()) {
      const runs: Record<string, R[]> = Object.fromEntries(options.builds.map(([name]) => [name, []]));
      for (let i = 0; i < options.runs; i++) {
        for (const build of inTurn(options.builds, i)) {
          const url = (build[1] ? serverFor(servers, build[0]) : servers.withoutPlaudit) + p.path;
          runs[build[0]]!.push(await options.load(url, build, p));
        }
        process.stdout.write(`${p.name} run ${i + 1}: ${options.progress(runs)}\n`);
      }
      sections.push(...(await options.report(p, runs, servers)));
    }
  } finally {
    await servers.close();
    for (const dir of options.made) rmSync(dir, { recursive: true, force: true });
  }
  return sections;
}
