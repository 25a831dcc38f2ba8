// npm run bench:floor — where the floor of Plaudit's script time on a page comes from (issue 20):
// the same page (collection by default, BENCH_ONLY=product for the other) with plaudit.js replaced
// by steps that each do a little more, up to this build, in one run, interleaved, at 4× CPU
// throttling (bench/chromium.ts). Each figure is CDP ScriptDuration with − without the script tag.
//
// What it shows: each step's first use of a browser interface from script (a URL, the module loader,
// observers, shadow roots, sheets) costs milliseconds at 4× throttling before any of Plaudit's own
// work (most likely the browser building that interface's bindings on first use). The steps:
//   empty      plaudit.js is `;`: a script tag that runs nothing
//   url        it reads its own address and makes one URL (what every loader does first)
//   import     …and imports one empty module (how a loader brings its chunks)
//   loader     the real plaudit.js: hosts found, watched and observed; its imports never answer
//   floor      the loader, the paint chunk and its imports evaluated; nothing fetched or painted
//   after      this build
//   npm run build && BENCH_RUNS=9 npm run bench:floor
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BENCH_PAGES, scriptMs, settle, withThrottledPage } from "./chromium.ts";
import { startDemoServers } from "./demo-servers.ts";
import { AFTER_DIR, floorBuild, loaderAloneBuild, serveBuild } from "./page-builds.ts";
import { addSection, machine, median, table, today } from "./results-file.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const PAGE = BENCH_PAGES.find((p) => p.name.startsWith(process.env.BENCH_ONLY ?? "collection"))!;

/** A build of the given files (path → content), plaudit.js among them. */
function filesBuild(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "plaudit-step-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), `${content}\n`);
  }
  return dir;
}

const STEPS: Array<[string, string, string | null]> = [
  ["without", "the page without the script tag", null],
  ["empty", "a script tag that runs nothing", filesBuild({ "plaudit.js": ";" })],
  [
    "url",
    "…reads its own address, makes one URL",
    filesBuild({ "plaudit.js": `window.__base = new URL("chunks/", document.currentScript.src).href;` }),
  ],
  [
    "import",
    "…and imports one empty module",
    filesBuild({
      "plaudit.js": `import(new URL("chunks/empty.js", document.currentScript.src).href);`,
      "chunks/empty.js": "export {};",
    }),
  ],
  ["loader", "plaudit.js: hosts found, watched, observed; no chunk", loaderAloneBuild(AFTER_DIR)],
  ["floor", "…and the paint chunk and its imports evaluated; nothing painted", floorBuild(AFTER_DIR)],
  ["after", "this build: the badges or the reviews painted", AFTER_DIR],
];

const servers = await startDemoServers();
const scripts: Record<string, number[]> = {};
try {
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, the order turning every run: the machine's load hits every step alike.
    for (let k = 0; k < STEPS.length; k++) {
      const [name, , dir] = STEPS[(k + i) % STEPS.length]!;
      const ms = await withThrottledPage(PAGE.viewport, async ({ page, cdp }) => {
        if (dir) await serveBuild(page, dir);
        await page.goto((dir ? servers.withPlaudit : servers.withoutPlaudit) + PAGE.path, {
          waitUntil: "load",
        });
        await settle(page);
        return scriptMs(cdp);
      });
      scripts[name] = [...(scripts[name] ?? []), ms];
    }
    process.stdout.write(
      `run ${i + 1}: ${STEPS.map(([name]) => `${name} ${scripts[name]!.at(-1)!.toFixed(1)}`).join(", ")} ms\n`,
    );
  }
} finally {
  await servers.close();
  for (const [name, , dir] of STEPS)
    if (dir && name !== "after") rmSync(dir, { recursive: true, force: true });
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const rows = STEPS.filter(([name]) => name !== "without").map(([name, what]) => {
  const deltas = scripts[name]!.map((value, i) => value - scripts.without![i]!);
  return [
    name,
    what,
    ms(median(deltas)),
    ms(deltas.reduce((sum, d) => sum + d, 0) / deltas.length),
    ms(Math.min(...deltas)),
  ];
});
const section = [
  `## ${today()} — npm run bench:floor (${machine()})`,
  "",
  `${PAGE.name}, ${RUNS} runs, 4× CPU throttling via CDP, empty cache, until the network is idle + 3 s. Plaudit's script: CDP ScriptDuration, with − without the script tag, per run. See bench/page-floor.ts.`,
  "",
  table(["step", "what runs", "median", "mean", "min"], rows),
].join("\n");
if (process.env.BENCH_DRY) process.stdout.write(`${section}\n`);
else addSection(section);
