// npm run bench:page — what Plaudit itself costs the main thread of the demo product and collection
// pages, from a V8 CPU profile (CDP Profiler, 100 µs sampling) at 4× CPU throttling: a sample is
// Plaudit's when a frame of plaudit.js or a chunk is on its stack (so style and layout our code
// forces, and its own compiling, count; work the browser does later on its own does not). Long
// tasks (PerformanceObserver) are Plaudit's when, without Plaudit's samples inside them, they
// would not be long (< 50 ms). Measured until the network is idle plus 3 s (work pushed later
// still counts).
//
// Two builds side by side in one run, interleaved with the page without Plaudit: BENCH_BEFORE_DIR
// is a copy of an earlier packages/embed/dist/browser; the current build is "after". The browser
// answers /plaudit.js and /chunks/* from the chosen directory (the same route for both builds).
//   cp -r packages/embed/dist/browser /tmp/plaudit-before   # at the old commit, after npm run build
//   BENCH_BEFORE_DIR=/tmp/plaudit-before BENCH_RUNS=5 npm run bench:page
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { BENCH_PAGES, observed, scriptMs, settle, waitForMark, withThrottledPage } from "./chromium.ts";
import { startDemoServers } from "./demo-servers.ts";
import { addSection, machine, median, repoRoot, table, today } from "./results-file.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const AFTER_DIR = join(repoRoot, "packages/embed/dist/browser");
const BEFORE_DIR = process.env.BENCH_BEFORE_DIR;
const SAMPLING_US = 250;
const PLAUDIT_URL = /\/plaudit\.js|\/chunks\//;
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
  plauditMs: number;
  scriptMs: number;
  longTasks: number;
  plauditLongTasks: number;
  cls: number;
  contentMs: number | null;
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

function attribute(profile: Profile, startWall: number, longTasks: [number, number][]) {
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
  const plauditAt: [number, number][] = []; // [wall ms, ms]
  let plauditMs = 0;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    // A sample stands for the time until the next, but never more than two intervals: the sampler
    // leaves gaps while the thread sleeps, which are nobody's work.
    const delta = Math.min(profile.timeDeltas[i + 1] ?? 0, 2 * SAMPLING_US) / 1000;
    t += profile.timeDeltas[i]!;
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
    plauditAt.push([startWall + (t - profile.startTime) / 1000, delta]);
  });
  const plauditLongTasks = longTasks.filter(([start, duration]) => {
    const inside = plauditAt
      .filter(([at]) => at >= start - 1 && at <= start + duration + 1)
      .reduce((sum, [, ms]) => sum + ms, 0);
    return duration - inside < 50;
  }).length;
  return { plauditMs, breakdown, plauditLongTasks };
}

async function serveBuild(page: Page, dir: string) {
  await page.route(
    (url) => PLAUDIT_URL.test(url.pathname),
    (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = path.endsWith("/plaudit.js") ? "plaudit.js" : path.slice(path.indexOf("/chunks/") + 1);
      route.fulfill({
        body: readFileSync(join(dir, file)),
        contentType: "text/javascript",
        headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" },
      });
    },
  );
}

function measure(
  url: string,
  build: string | null,
  mark: string | null,
  viewport: { width: number; height: number },
): Promise<Run> {
  return withThrottledPage(viewport, async ({ page, cdp }) => {
    if (build) await serveBuild(page, build);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: SAMPLING_US });
    await cdp.send("Profiler.start");
    const startWall = (await page.evaluate("performance.timeOrigin + performance.now()")) as number;
    await page.goto(url, { waitUntil: "load" });
    const contentMs = mark ? await waitForMark(page, mark) : null;
    await settle(page);
    const { profile } = (await cdp.send("Profiler.stop")) as { profile: Profile };
    const script = await scriptMs(cdp);
    const bench = await observed(page);
    const { plauditMs, breakdown, plauditLongTasks } = attribute(profile, startWall, bench.longTasks);
    return {
      plauditMs: build ? plauditMs : 0,
      scriptMs: script,
      longTasks: bench.longTasks.length,
      plauditLongTasks: build ? plauditLongTasks : 0,
      cls: bench.cls,
      contentMs,
      breakdown,
    };
  });
}

const PAGES = BENCH_PAGES;

const servers = await startDemoServers();
const sections: string[] = [];
try {
  for (const p of PAGES) {
    const builds = [...(BEFORE_DIR ? [["before", BEFORE_DIR] as const] : []), ["after", AFTER_DIR] as const];
    const runs: Record<string, Run[]> = { without: [] };
    for (const [name] of builds) runs[name] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so the load other work puts on the machine hits every variant alike.
      runs.without!.push(await measure(servers.withoutPlaudit + p.path, null, null, p.viewport));
      // The builds swap places every run: neither always follows the other.
      for (const [name, dir] of i % 2 ? [...builds].reverse() : builds)
        runs[name]!.push(await measure(servers.withPlaudit + p.path, dir, p.mark, p.viewport));
      process.stdout.write(
        `${p.name} run ${i + 1}: ${Object.entries(runs)
          .map(
            ([name, list]) =>
              `${name} ${list.at(-1)!.plauditMs.toFixed(1)} ms / ${list.at(-1)!.plauditLongTasks} long`,
          )
          .join(", ")}\n`,
      );
    }
    const med = (list: Run[], pick: (run: Run) => number) => median(list.map(pick));
    const names = Object.keys(runs);
    const row = (measure: string, pick: (run: Run) => number, format: (n: number) => string) => [
      measure,
      ...names.map((name) => format(med(runs[name]!, pick))),
    ];
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const rows = [
      row("Plaudit main-thread time (profile)", (r) => r.plauditMs, ms),
      row("long tasks attributable to Plaudit", (r) => r.plauditLongTasks, String),
      row("long tasks ≥ 50 ms (all)", (r) => r.longTasks, String),
      row("page script time (CDP ScriptDuration)", (r) => r.scriptMs, ms),
      row(
        "CLS",
        (r) => r.cls,
        (n) => n.toFixed(3),
      ),
      row(
        "navigation → widget content",
        (r) => r.contentMs ?? Number.NaN,
        (n) => (Number.isNaN(n) ? "—" : ms(n)),
      ),
    ];
    const buckets = [
      ...new Set(builds.flatMap(([name]) => runs[name]!.flatMap((r) => Object.keys(r.breakdown)))),
    ].sort();
    const breakdownRows = buckets
      .map((bucket) => [bucket, ...builds.map(([name]) => med(runs[name]!, (r) => r.breakdown[bucket] ?? 0))])
      .filter((cells) => cells.slice(1).some((n) => (n as number) >= 0.5))
      .map(([bucket, ...values]) => [bucket as string, ...values.map((n) => ms(n as number))]);
    sections.push(
      `### ${p.name}: Plaudit's main-thread cost (median of ${RUNS} runs)`,
      "",
      table(["measure", ...names], rows),
      "",
      `Where Plaudit's time went (median ms per bucket; "js: X" = Plaudit's own JavaScript, by the chunk of the deepest Plaudit frame):`,
      "",
      table(["bucket", ...builds.map(([name]) => name)], breakdownRows),
      "",
    );
  }
} finally {
  await servers.close();
}

const section = [
  `## ${today()} — npm run bench:page (${machine()})`,
  "",
  `4× CPU throttling via CDP, empty cache, one fresh browser per run; before = ${BEFORE_DIR ?? "(none)"}, after = this build. See bench/page-profile.ts for what is attributed to Plaudit.`,
  "",
  ...sections,
].join("\n");
// BENCH_DRY=1 prints the section instead of adding it to bench/RESULTS.md (profiling while working).
if (process.env.BENCH_DRY) {
  process.stdout.write(`${section}\n`);
  for (const [key, ms] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 40))
    process.stdout.write(`${ms.toFixed(1).padStart(8)} ms  ${key}\n`);
} else addSection(section);
