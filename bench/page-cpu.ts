// npm run bench:cpu — Plaudit's main-thread script CPU time on the demo product and collection
// pages, unthrottled, for two builds side by side (BENCH_BEFORE_DIR or BENCH_BEFORE_ROOT, as
// bench:page takes them, and this build), interleaved with the page without Plaudit.
//
// Why a second page benchmark: bench:page's script figure (CDP ScriptDuration at 4× throttling) is
// wall time, and CDP's throttle pauses the main thread wherever it is, up to 3 ms at a time (a
// busy-wait: bench/chromium.ts), as does the OS on a busy machine: a script of a fraction of a ms
// catches a whole pause in one run and none in the next (bench:floor's "one URL" step reads 0.5 to
// 18 ms; the page without Plaudit, whose own script is 0.1 ms, up to 17). Its mean is fair, its
// single runs are not; a change of a few ms drowns. ScriptDuration is the wall time of the trace's
// FunctionCall and EvaluateScript events (per load they agree within ~1 ms: 34.6 / 35.5, 73.8 / 72.8,
// 37.6 / 37.0 ms at 4×, 17:19), whose CPU is steady (4.7–5.9 ms in 6 unthrottled loads, while
// ScriptDuration read 7.7–39.5 ms at load 9): its spread is time spent waiting inside ~5 ms of calls. Here each load is traced
// without throttling and the figure is the thread's own CPU time (trace tdur, bench/chromium.ts
// mainThread) in the script and compile phases: neither the throttle nor the machine's other work
// is in it, and runs agree within ~1 ms. It compares builds; the issue's targets stay bench:page's.
// Beside it, Plaudit's script attributed by URL (bench/script-attribution.ts, as bench:page gives it
// at 4×): the build's own trace, no subtraction, with the promise continuations ScriptDuration
// leaves out; its CPU row ×4 is what the throttle makes of it (the throttle busy-waits: chromium.ts).
//   cp -r packages/embed/dist/browser /tmp/plaudit-before   # at the old commit, after npm run build
//   npm run build && BENCH_BEFORE_DIR=/tmp/plaudit-before BENCH_RUNS=6 npm run bench:cpu
import { mainThread, settle, TASK_KIND_NAMES, TRACE_CATEGORIES, withThrottledPage } from "./chromium.ts";
import {
  AFTER_DIR,
  BEFORE_TAG,
  comparedBuilds,
  floorBuild,
  loaderAloneBuild,
  serveBuild,
} from "./page-builds.ts";
import { pageRounds } from "./page-rounds.ts";
import { addSection, machine, median, table, today } from "./results-file.ts";
import { ATTRIBUTED_KINDS, type Attributed } from "./script-attribution.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 6);
// Where the floor is (issue 20): this build's loader alone (no chunk), and its floor (the paint
// chunk and its imports evaluated, nothing fetched or painted), beside the whole of it.
const VARIANTS = process.env.BENCH_FLOOR
  ? ([
      ["loader alone", loaderAloneBuild(AFTER_DIR)],
      ["floor", floorBuild(AFTER_DIR)],
    ] as const)
  : [];
const BUILDS = comparedBuilds(...VARIANTS);

interface Run {
  /** Self CPU time in the script phase, and in parsing and compiling script, ms. */
  script: number;
  compile: number;
  /** All of the main thread's top-level tasks' CPU time, ms. */
  busy: number;
  /** Top-level tasks' CPU time by what they ran (bench/chromium.ts TASK_KIND_NAMES), ms. */
  tasks: Record<string, number>;
  /** Plaudit's script attributed by URL (bench/script-attribution.ts). */
  plaudit: Attributed;
}

const attributedCpu = (run: Run) => run.plaudit.named.cpu + run.plaudit.unnamed.cpu;

const sections = await pageRounds<Run>({
  builds: BUILDS,
  runs: RUNS,
  made: VARIANTS.map(([, dir]) => dir),
  load: (url, [, dir], p) =>
    withThrottledPage(
      p.viewport,
      async ({ browser, page }) => {
        if (dir) await serveBuild(page, dir);
        await browser.startTracing(page, { categories: TRACE_CATEGORIES });
        await page.goto(url, { waitUntil: "load" });
        await settle(page);
        const trace = mainThread(JSON.parse((await browser.stopTracing()).toString()).traceEvents, p.path);
        return {
          script: trace.phases.script!.cpu,
          compile: trace.phases["parse + compile"]!.cpu,
          busy: trace.busy.cpu,
          tasks: trace.tasks,
          plaudit: trace.plaudit,
        };
      },
      1,
    ),
  progress: (runs) =>
    `${Object.entries(runs)
      .map(
        ([name, list]) =>
          `${name} ${(list.at(-1)!.script + list.at(-1)!.compile).toFixed(2)} (attributed ${attributedCpu(list.at(-1)!).toFixed(2)})`,
      )
      .join(", ")} ms script + compile CPU`,
  async report(p, runs) {
    const plaudit = Object.keys(runs).filter((name) => name !== "without");
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    // Per run, the difference from the same run's page without Plaudit; median, and the range.
    const cell = (name: string, pick: (run: Run) => number) => {
      const deltas = runs[name]!.map((run, i) => pick(run) - pick(runs.without![i]!));
      return `${ms(median(deltas))} (${ms(Math.min(...deltas))} – ${ms(Math.max(...deltas))})`;
    };
    // Per run, the build's own figure (no subtraction); median, and the range.
    const own = (name: string, pick: (run: Run) => number) => {
      const values = runs[name]!.map(pick);
      return `${ms(median(values))} (${ms(Math.min(...values))} – ${ms(Math.max(...values))})`;
    };
    const rows = [
      [
        "Plaudit script attributed by URL, CPU (named + unnamed)",
        ...plaudit.map((n) => own(n, attributedCpu)),
      ],
      ["…wall", ...plaudit.map((n) => own(n, (r) => r.plaudit.named.wall + r.plaudit.unnamed.wall))],
      [
        "…of which unnamed (CPU; the page without Plaudit: see below)",
        ...plaudit.map((n) => own(n, (r) => r.plaudit.unnamed.cpu)),
      ],
      ["script + compile CPU, with − without", ...plaudit.map((n) => cell(n, (r) => r.script + r.compile))],
      ["…of which parse + compile", ...plaudit.map((n) => cell(n, (r) => r.compile))],
      ["main thread CPU, all of it, with − without", ...plaudit.map((n) => cell(n, (r) => r.busy))],
    ];
    // Where Plaudit's CPU goes, by the kind of task (with − without, median of the runs).
    const taskRows = TASK_KIND_NAMES.map((kind) => [
      kind,
      ...plaudit.map((n) =>
        ms(median(runs[n]!.map((run, i) => run.tasks[kind]! - runs.without!.at(i)!.tasks[kind]!))),
      ),
    ]).filter((cells) => cells.slice(1).some((cell) => Math.abs(Number.parseFloat(cell)) >= 0.1));
    const kindRows = ATTRIBUTED_KINDS.map((kind) => [
      kind,
      ...plaudit.map((n) => ms(median(runs[n]!.map((run) => run.plaudit.byKind[kind]!)))),
    ]);
    return [
      `### ${p.name} (median of ${RUNS} runs, and the smallest and largest)\n\n${table(["measure", ...plaudit], rows)}`,
      `Plaudit's script attributed by URL (bench/script-attribution.ts), CPU by the event it ran in (median). The page without Plaudit's unnamed script, the part of that row which may be the browser's own: ${own("without", (r) => r.plaudit.unnamed.cpu)}.\n\n${table(["ran in", ...plaudit], kindRows)}`,
      `Main-thread CPU by the kind of top-level task, with − without (median; a task goes under the first kind found in it, in this order: the "other" row is tasks with none, such as the network's):\n\n${table(["task", ...plaudit], taskRows)}`,
    ];
  },
});

const section = [
  `## ${today()} — npm run bench:cpu (${machine()})`,
  "",
  `No CPU throttling, empty cache, one fresh browser per load, until the network is idle + 3 s; the renderer main thread's own CPU time (trace tdur), differences from the page without Plaudit in the same run.${BEFORE_TAG ? ` before = ${BEFORE_TAG}.` : ""}${VARIANTS.length ? " loader alone = this build's plaudit.js with its import() never answering; floor = this build with no widget mounted or painted (bench/page-builds.ts)." : ""} See bench/page-cpu.ts.`,
  "",
  sections.join("\n\n"),
].join("\n");
if (process.env.BENCH_DRY) process.stdout.write(`${section}\n`);
else addSection(section);
