// npm run bench:page — what Plaudit costs the main thread of the demo product and collection pages
// at 4× CPU throttling (bench/chromium.ts), measured until the network is idle plus 3 s (work
// pushed later still counts), against the same page without the script tag in the same run.
//
// Every load is traced (Chromium trace, bench/chromium.ts mainThread): the main thread's busy time
// and its self time by phase (parse + compile, script, style, layout, paint, GC…), as wall time
// (stretches with the machine's load) and as the thread's CPU time (does not). Plaudit's share is
// the difference from the page without Plaudit in the same run. Also CDP ScriptDuration (the
// issue's "script" figure), long tasks (PerformanceObserver), CLS, the widget's content mark and
// the requests Plaudit made.
//
// "Plaudit script attributed by URL" is each build's own figure from its own trace, no subtraction
// (bench/script-attribution.ts): every script event naming plaudit.js or a chunk, counted once
// with what it ran nested (replaceSync's style sheet, innerHTML's parse, the microtasks after its
// callback), plus the script that names none — promise continuations after a fetch or an
// `await`, modules evaluated — which on the demo pages is Plaudit's but for the browser's own (the
// page without Plaudit has that much: shown under the table). It is larger than ScriptDuration's
// with − without, which is not all of Plaudit's script: CDP's ScriptDuration adds up Blink's
// CallFunction and ExecuteScript probes (the trace's FunctionCall and EvaluateScript), and the
// promise continuations a task runs after its callback returned (RunMicrotasks beside the
// FunctionCall, or alone after a fetch) are outside them — most of a paint written with `await`.
// The row "in calls and evaluations" is the attributed script inside those events: what
// ScriptDuration's difference estimates. At 4× the wall and the CPU rows both carry the throttle
// (bench/chromium.ts: its pauses are busy-waits on the thread); bench:cpu gives the same
// attribution unthrottled, where CPU is the work alone.
//
// Separate profiled loads (V8 CPU profile, 250 µs sampling, which slows
// the page down) attribute Plaudit's JavaScript to its chunks: preact + ui = rendering, core =
// store, client and i18n, json-ld-manager = structured data.
//
// Builds side by side in one run, interleaved with the page without Plaudit: BENCH_BEFORE_DIR is
// a copy of an earlier packages/embed/dist/browser; the current build is "after"; "floor" is the
// current build with every entry chunk's mount replaced by a no-op (plaudit.js and every module
// the page's widgets import, loaded and evaluated; nothing mounted, fetched or rendered). The
// browser answers /plaudit.js and /chunks/* from the chosen directory. A change to what the server
// renders (the snippet route's markup) needs the earlier server too: BENCH_BEFORE_ROOT is an
// earlier checkout, built; its server answers the "before" pages and its build is "before".
//   cp -r packages/embed/dist/browser /tmp/plaudit-before   # at the old commit, after npm run build
//   BENCH_BEFORE_DIR=/tmp/plaudit-before BENCH_RUNS=5 npm run bench:page
//   git archive OLD | tar -x -C /tmp/old   # + node_modules, npm run build there
//   BENCH_BEFORE_ROOT=/tmp/old BENCH_RUNS=5 npm run bench:page
import {
  type MainThread,
  mainThread,
  markTime,
  observed,
  PHASE_NAMES,
  scriptMs,
  settle,
  TRACE_CATEGORIES,
  withThrottledPage,
} from "./chromium.ts";
import { serverFor } from "./demo-servers.ts";
import { AFTER_DIR, BEFORE_TAG, comparedBuilds, floorBuild, PLAUDIT_URL, serveBuild } from "./page-builds.ts";
import { pageRounds } from "./page-rounds.ts";
import { addSection, machine, median, table, today } from "./results-file.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PROFILE_RUNS = Number(process.env.BENCH_PROFILE_RUNS ?? 2);

const SAMPLING_US = 250;
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface Run {
  scriptMs: number;
  trace: MainThread;
  longTasks: number;
  cls: number;
  contentMs: number | null;
  /** Requests for Plaudit's scripts and for its API. */
  scripts: number;
  api: number;
  /** Intl formatters made; elements in Plaudit's shadow roots at the end. */
  intl: number;
  elements: number;
}

interface Profiled {
  plauditMs: number;
  /** Plaudit's ms by where the time went (see `bucketOf`). */
  breakdown: Record<string, number>;
}

/** The chunk a URL names, without its hash: "plaudit.js", "preact", "core", "reviews", … */
const chunkName = (url: string) =>
  (url.split("/").pop() ?? url)
    .replace(/\.js$/, "")
    .replace(/-[\w-]{8}$/, "")
    .split("~")[0]!;

/**
 * Where a Plaudit sample's time went: the leaf when it is the browser's own work (style, layout,
 * compiling, GC, DOM calls), else the chunk of the deepest Plaudit frame.
 */
function bucketOf(stack: ProfileNode[]): string {
  const leaf = stack[stack.length - 1]!;
  const ours = [...stack].reverse().find((node) => PLAUDIT_URL.test(node.callFrame.url));
  const name = leaf.callFrame.functionName;
  if (!leaf.callFrame.url) {
    if (name === "(garbage collector)") return "GC";
    if (name === "(program)" || name === "(root)") return "browser (compile, parse)";
    if (/replaceSync|adoptedStyleSheets|getComputedStyle|getBoundingClientRect|offset|client/i.test(name))
      return "style + layout (forced)";
    return `native: ${name || "(anonymous)"}`;
  }
  return `js: ${chunkName(ours!.callFrame.url)}`;
}

/** BENCH_DRY: Plaudit's time by deepest Plaudit function (chunk:name:line:column < leaf), for profiling. */
const functions = new Map<string, number>();

function attribute(profile: Profile): Profiled {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackOf = (id: number) => {
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.unshift(byId.get(at)!);
    return stack;
  };
  const ours = new Map<number, string | null>();
  const breakdown: Record<string, number> = {};
  let plauditMs = 0;
  profile.samples.forEach((id, i) => {
    // A sample stands for the time until the next, but never more than two intervals: the sampler
    // leaves gaps while the thread sleeps, which are nobody's work.
    const delta = Math.min(profile.timeDeltas[i + 1] ?? 0, 2 * SAMPLING_US) / 1000;
    if (!ours.has(id)) {
      const stack = stackOf(id);
      ours.set(id, stack.some((node) => PLAUDIT_URL.test(node.callFrame.url)) ? bucketOf(stack) : null);
    }
    const bucket = ours.get(id);
    if (!bucket) return;
    plauditMs += delta;
    if (process.env.BENCH_DRY) {
      const stack = stackOf(id);
      const deepest = [...stack].reverse().find((node) => PLAUDIT_URL.test(node.callFrame.url))!;
      const key = `${chunkName(deepest.callFrame.url)}:${deepest.callFrame.functionName}:${(deepest.callFrame as { lineNumber?: number }).lineNumber}:${(deepest.callFrame as { columnNumber?: number }).columnNumber} < ${stack.at(-1)!.callFrame.functionName}`;
      functions.set(key, (functions.get(key) ?? 0) + delta);
    }
    breakdown[bucket] = (breakdown[bucket] ?? 0) + delta;
  });
  return { plauditMs, breakdown };
}

/** One load of `url`, traced; with `profile`, V8's CPU profiler runs too (slower: not for the figures). */
function measure(
  url: string,
  build: string | null,
  mark: string | null,
  viewport: { width: number; height: number },
  profile = false,
): Promise<Run & { profiled?: Profiled }> {
  return withThrottledPage(viewport, async ({ browser, page, cdp }) => {
    if (build) await serveBuild(page, build);
    const requests = { scripts: 0, api: 0 };
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (PLAUDIT_URL.test(path)) requests.scripts++;
      else if (path.startsWith("/v1/")) requests.api++;
    });
    if (profile) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: SAMPLING_US });
      await cdp.send("Profiler.start");
    }
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.goto(url, { waitUntil: "load" });
    await settle(page);
    const trace = mainThread(
      JSON.parse((await browser.stopTracing()).toString()).traceEvents,
      new URL(url).pathname,
    );
    const profiled = profile
      ? attribute(((await cdp.send("Profiler.stop")) as { profile: Profile }).profile)
      : undefined;
    const script = await scriptMs(cdp);
    const contentMs = mark ? await markTime(page, mark) : null;
    const bench = await observed(page);
    const elements = (await page.evaluate(
      `[...document.querySelectorAll("[data-plaudit]")].reduce((n, host) => n + (host.shadowRoot?.querySelectorAll("*").length ?? 0), 0)`,
    )) as number;
    return {
      intl: bench.intl,
      elements,
      scriptMs: script,
      trace,
      longTasks: bench.longTasks.length,
      cls: bench.cls,
      contentMs,
      ...requests,
      profiled,
    };
  });
}

const FLOOR_DIR = floorBuild(AFTER_DIR);
const BUILDS = comparedBuilds(["floor", FLOOR_DIR]);
const ms = (n: number) => `${n.toFixed(1)} ms`;

const attributedWall = (run: Run) => run.trace.plaudit.named.wall + run.trace.plaudit.unnamed.wall;

const sections = await pageRounds<Run>({
  builds: BUILDS,
  runs: RUNS,
  made: [FLOOR_DIR],
  load: (url, [name, dir], p) => measure(url, dir, name === "floor" || !dir ? null : p.mark, p.viewport),
  progress: (runs) =>
    Object.entries(runs)
      .map(
        ([name, list]) =>
          `${name} ${ms(list.at(-1)!.scriptMs)} script (attributed ${ms(attributedWall(list.at(-1)!))}, in calls ${ms(list.at(-1)!.trace.plaudit.calls.wall)} / cpu ${ms(list.at(-1)!.trace.plaudit.calls.cpu)}), ${ms(list.at(-1)!.trace.busy.wall)} busy / ${ms(list.at(-1)!.trace.busy.cpu)} cpu`,
      )
      .join(", "),
  async report(p, runs, servers) {
    const names = Object.keys(runs);
    const plaudit = names.filter((name) => name !== "without");
    // Per run, the difference from the same run's page without Plaudit; then the median.
    const delta = (name: string, pick: (run: Run) => number) =>
      median(runs[name]!.map((run, i) => pick(run) - pick(runs.without![i]!)));
    const med = (name: string, pick: (run: Run) => number) => median(runs[name]!.map(pick));
    const row = (measure: string, cell: (name: string) => string, all = false) => [
      measure,
      ...(all ? names : plaudit).map(cell),
    ];
    // Load on the machine only ever adds time: the smallest of the runs is shown beside the median.
    const least = (name: string, pick: (run: Run) => number) =>
      Math.min(...runs[name]!.map((run, i) => pick(run) - pick(runs.without![i]!)));
    // CDP's throttle pauses the main thread in slices of several ms wherever it is: a few ms of
    // script catch a whole slice in one run and none in the next, so the mean of the runs is shown too.
    const mean = (name: string, pick: (run: Run) => number) =>
      runs[name]!.reduce((sum, run, i) => sum + pick(run) - pick(runs.without![i]!), 0) / runs[name]!.length;
    const both = (name: string, pick: (run: Run) => number) =>
      `${ms(delta(name, pick))} (mean ${ms(mean(name, pick))}, min ${ms(least(name, pick))})`;
    // The build's own figure, no subtraction: Plaudit's script attributed by URL in its trace.
    const own = (name: string, pick: (run: Run) => number, unit = ms) => {
      const values = runs[name]!.map(pick);
      return `${unit(median(values))} (${unit(Math.min(...values))} – ${unit(Math.max(...values))})`;
    };
    const timeRows = [
      row("Plaudit script attributed by URL (trace), wall: median (min – max)", (n) =>
        own(n, attributedWall),
      ),
      row("…CPU", (n) => own(n, (r) => r.trace.plaudit.named.cpu + r.trace.plaudit.unnamed.cpu)),
      row("…of which in calls and evaluations (what ScriptDuration counts), wall", (n) =>
        own(n, (r) => r.trace.plaudit.calls.wall),
      ),
      row("…of which unnamed, wall (the page without Plaudit: see below)", (n) =>
        own(n, (r) => r.trace.plaudit.unnamed.wall),
      ),
      row("long tasks ≥ 50 ms running Plaudit script (trace)", (n) =>
        own(n, (r) => r.trace.plauditLongTasks, String),
      ),
      row("Plaudit script: CDP ScriptDuration, with − without", (n) => both(n, (r) => r.scriptMs)),
      row("main thread busy, wall (trace), with − without", (n) => both(n, (r) => r.trace.busy.wall)),
      row("main thread CPU (trace tdur), with − without", (n) => both(n, (r) => r.trace.busy.cpu)),
      row("long tasks ≥ 50 ms (PerformanceObserver), with − without", (n) =>
        String(delta(n, (r) => r.longTasks)),
      ),
      row("navigation → widget content", (n) =>
        n === "floor" ? "—" : p.mark ? ms(med(n, (r) => r.contentMs ?? Number.NaN)) : "in the first HTML",
      ),
    ];
    const pageRows = [
      row("long tasks ≥ 50 ms (PerformanceObserver)", (n) => String(med(n, (r) => r.longTasks)), true),
      row("longest task (trace, wall)", (n) => ms(med(n, (r) => r.trace.longestMs)), true),
      row("CLS", (n) => med(n, (r) => r.cls).toFixed(3), true),
    ];
    // Counts: the same on a fast or a loaded machine.
    const countRows = [
      row(
        "layouts / style recalculations (trace), with − without",
        (n) => `${delta(n, (r) => r.trace.layouts)} / ${delta(n, (r) => r.trace.styleRecalcs)}`,
      ),
      row("Intl formatters made", (n) => String(med(n, (r) => r.intl))),
      row("elements in Plaudit's shadow roots", (n) => String(med(n, (r) => r.elements))),
      row(
        "Plaudit script requests / API requests",
        (n) => `${med(n, (r) => r.scripts)} / ${med(n, (r) => r.api)}`,
      ),
    ];
    const phaseRows = PHASE_NAMES.map((phase) => [
      phase,
      ...plaudit.map(
        (n) =>
          `${ms(delta(n, (r) => r.trace.phases[phase]!.wall))} (cpu ${ms(delta(n, (r) => r.trace.phases[phase]!.cpu))})`,
      ),
    ]);
    // Profiled loads: where Plaudit's own JavaScript went, by chunk.
    const profiled: Record<string, Profiled[]> = {};
    for (const [name, dir] of BUILDS.filter(([n]) => n === "before" || n === "after")) {
      profiled[name] = [];
      for (let i = 0; i < PROFILE_RUNS; i++)
        profiled[name]!.push(
          (await measure(serverFor(servers, name) + p.path, dir, p.mark, p.viewport, true)).profiled!,
        );
    }
    const profiledNames = Object.keys(profiled);
    const buckets = [
      ...new Set(profiledNames.flatMap((n) => profiled[n]!.flatMap((r) => Object.keys(r.breakdown)))),
    ].sort();
    const bucketRows = [
      [
        "all of Plaudit's samples",
        ...profiledNames.map((n) => ms(median(profiled[n]!.map((r) => r.plauditMs)))),
      ],
      ...buckets
        .map((bucket) => [
          bucket,
          ...profiledNames.map((n) => median(profiled[n]!.map((r) => r.breakdown[bucket] ?? 0))),
        ])
        .filter((cells) => cells.slice(1).some((v) => (v as number) >= 0.5))
        .map(([bucket, ...values]) => [bucket as string, ...values.map((v) => ms(v as number))]),
    ];
    return [
      `### ${p.name} (median of ${RUNS} runs; Plaudit's figures are differences from the page without it in the same run)`,
      "",
      table(["measure", ...plaudit], timeRows),
      "",
      `The page without Plaudit's unnamed script (bench/script-attribution.ts: what of the unnamed rows may be the browser's own), wall: ${own("without", (r) => r.trace.plaudit.unnamed.wall)}.`,
      "",
      table(["measure", ...names], pageRows),
      "",
      "Counts (do not depend on the machine's speed or load):",
      "",
      table(["measure", ...plaudit], countRows),
      "",
      "Main-thread self time by phase, with − without (wall, and the thread's CPU time):",
      "",
      table(["phase", ...plaudit], phaseRows),
      "",
      `Plaudit's JavaScript by chunk (V8 CPU profile, ${PROFILE_RUNS} separate profiled loads per build, median; the profiler slows the page, so read the split, not the total):`,
      "",
      table(["bucket", ...profiledNames], bucketRows),
      "",
    ];
  },
});

const section = [
  `## ${today()} — npm run bench:page (${machine()})`,
  "",
  `4× CPU throttling via CDP, empty cache, one fresh browser per load, until the network is idle + 3 s; before = ${BEFORE_TAG ?? "(none)"}, after = this build, floor = this build with no widget mounted. See bench/page-profile.ts.`,
  "",
  ...sections,
].join("\n");
// BENCH_DRY=1 prints the section instead of adding it to bench/RESULTS.md (profiling while working).
if (process.env.BENCH_DRY) {
  process.stdout.write(`${section}\n`);
  for (const [key, spent] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 40))
    process.stdout.write(`${spent.toFixed(1).padStart(8)} ms  ${key}\n`);
} else addSection(section);
