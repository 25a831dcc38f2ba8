// One throttled Chromium for the page benchmarks (bench/page-cost.ts for `npm run bench`,
// bench/page-profile.ts for `npm run bench:page`): the same browser and flags (scripts/chromium.mjs, as the tests), the same 4× CPU
// throttle, the same in-page observers and the same "until the network is idle plus 3 s" end, so
// the two report figures measured the same way.
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from "playwright-core";
import { CHROMIUM_LAUNCH } from "../scripts/chromium.mjs";
import { type Attributed, attributeTask, noneAttributed, type Spent } from "./script-attribution.ts";

export const CPU_THROTTLE = 4;
/** Work a page pushes past the network going idle still counts, for this long. */
export const SETTLE_MS = 3000;

/** The demo pages both benchmarks load: a product page and a collection of 24 star badges, painted by plaudit.js or by the server. */
export const BENCH_PAGES = [
  {
    name: "product page",
    path: "/demo/tee-classic.html",
    mark: "plaudit:reviews:content",
    viewport: { width: 1280, height: 1600 },
  },
  {
    name: "collection page (24 badges)",
    path: "/demo/collection.html",
    mark: "plaudit:stars:content",
    viewport: { width: 1280, height: 900 },
  },
  {
    // The same page as a shop's server renders it, its badges in the first HTML (docs/ssr.md, "Star
    // badges with no script"; packages/demo/src/rendered-collection.ts): no content mark to wait for.
    name: "collection page, server-rendered (24 badges)",
    path: "/demo/collection-rendered.html",
    mark: null,
    viewport: { width: 1280, height: 900 },
  },
] as const;

/** BENCH_ONLY=product (or collection): some of the pages, while working (by the start of their name). */
export const chosenPages = () =>
  BENCH_PAGES.filter((p) => !process.env.BENCH_ONLY || p.name.startsWith(process.env.BENCH_ONLY));

// Long tasks as [wall-clock start ms, duration ms], summed layout shift, and how many Intl
// formatters the page made (the first one loads ICU's data).
const OBSERVE = `
  window.__bench = { longTasks: [], cls: 0 };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) __bench.longTasks.push([performance.timeOrigin + e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) __bench.cls += e.value; }).observe({ type: "layout-shift", buffered: true });
  __bench.intl = 0;
  for (const name of ["NumberFormat", "DateTimeFormat", "PluralRules"]) {
    Intl[name] = new Proxy(Intl[name], { construct(target, args, made) { __bench.intl++; return Reflect.construct(target, args, made); } });
  }
`;

export interface ThrottledPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
}

/**
 * A fresh browser (empty cache) with one page at 4× CPU throttling (or `rate`: 1 is none) and the
 * long-task and layout-shift observers installed; closed when `use` settles.
 */
export async function withThrottledPage<T>(
  viewport: { width: number; height: number },
  use: (opened: ThrottledPage) => Promise<T>,
  rate = CPU_THROTTLE,
): Promise<T> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    await cdp.send("Performance.enable");
    await page.addInitScript(OBSERVE);
    const result = await use({ browser, context, page, cdp });
    await context.close();
    return result;
  } finally {
    await browser.close();
  }
}

/**
 * When a performance mark (a widget's content) was first made, ms from navigation. Read once, after
 * the load has settled and its script time was taken: polling for it every frame while measuring
 * ran the benchmark's own script in the pages that have the mark (a few ms at 4× throttling,
 * counted as Plaudit's).
 */
export async function markTime(page: Page, mark: string): Promise<number> {
  const at = await page.evaluate((name) => performance.getEntriesByName(name)[0]?.startTime ?? null, mark);
  if (at === null) throw new Error(`no ${mark} mark by the end of the load: the widget showed nothing`);
  return at;
}

/** Until the network is idle, then SETTLE_MS more. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(SETTLE_MS);
}

/** CDP ScriptDuration of the whole page so far, ms. */
export async function scriptMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send("Performance.getMetrics")) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return (metrics.find((m) => m.name === "ScriptDuration")?.value ?? 0) * 1000;
}

/** What the observers saw: long tasks as [wall ms, duration ms], the summed layout shift, Intl formatters made. */
export const observed = async (page: Page) =>
  (await page.evaluate("window.__bench")) as { longTasks: [number, number][]; cls: number; intl: number };

// The renderer's main-thread work from a Chromium trace, by phase. Self time (an event's duration
// less its children's), so nothing counts twice. "wall" is the trace's duration: at 4× throttling
// and on a loaded machine it stretches with the load. "cpu" is the thread's own CPU time (the
// trace's tdur): time the OS gave to other processes is not in it. The throttle's pauses are, at
// 4×: on Linux CDP's throttle (Blink's ThreadCPUThrottler) signals the main thread every ~200 µs and
// its handler busy-waits 3× the time run since the last pause (at most 1 ms run, 3 ms waited), so
// the thread's CPU time at 4× is ~4× its work (bench:page's with − without main-thread CPU, 263 ms
// at 15:17, against bench:cpu's unthrottled 50.6 ms at 13:25). Only unthrottled (bench:cpu) is
// "cpu" the work alone.
// Not "v8" or the disabled-by-default timeline: their per-call events slow script down several-fold.
export const TRACE_CATEGORIES = ["toplevel", "devtools.timeline", "v8.execute"];

const PHASES: Array<[string, RegExp]> = [
  ["garbage collection", /GC/],
  ["parse + compile", /^(v8\.compile|v8\.compileModule|v8\.produce(Module)?Cache|V8\.Compile)/],
  [
    "script",
    /^(EvaluateScript|v8\.evaluateModule|FunctionCall|TimerFire|FireIdleCallback|FireAnimationFrame|EventDispatch|RunMicrotasks|v8\.callFunction|v8\.run|V8\.)/,
  ],
  ["style", /^(UpdateLayoutTree|ParseAuthorStyleSheet|RecalculateStyles)/],
  ["layout", /^(Layout|IntersectionObserverController|HitTest)/],
  ["paint + composite", /^(Paint|PrePaint|Layerize|Commit|PaintImage|UpdateLayer|CompositeLayers)/],
  ["HTML parse", /^(ParseHTML|HTMLDocumentParser)/],
];
export const PHASE_NAMES = [...PHASES.map(([name]) => name), "other"];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; beginData?: { url?: string }; data?: { url?: string } };
}

// What a top-level task of the main thread ran, by its first event that says (in this order of
// nesting: a task is put under the first of these found inside it). Plaudit's share of each is the
// difference from the page without it: where its CPU goes when nothing of it is on screen yet.
const TASK_KINDS: Array<[string, RegExp, ((event: TraceEvent) => boolean)?]> = [
  ["plaudit.js evaluated", /^EvaluateScript$/, (e) => /\/plaudit\.js/.test(e.args?.data?.url ?? "")],
  ["other scripts evaluated", /^EvaluateScript$/],
  ["modules compiled + evaluated (chunks)", /^(v8\.compileModule|v8\.evaluateModule)$/],
  ["timers", /^TimerFire$/],
  [
    "idle callbacks, animation frames (with their frame's rendering)",
    /^(FireIdleCallback|FireAnimationFrame)$/,
  ],
  ["events", /^EventDispatch$/],
  ["promise continuations (after fetch, import)", /^RunMicrotasks$/],
  ["observer + other callbacks", /^(v8\.callFunction|FunctionCall)$/],
  ["rendering (style, layout, paint)", /^(UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit)$/],
  ["HTML parse", /^(ParseHTML|HTMLDocumentParser)/],
];
export const TASK_KIND_NAMES = [...TASK_KINDS.map(([name]) => name), "other"];

const taskKind = (events: TraceEvent[]): string => {
  for (const [name, pattern, also] of TASK_KINDS) {
    if (events.some((e) => pattern.test(e.name) && (!also || also(e)))) return name;
  }
  return "other";
};

export interface MainThread {
  /** Top-level tasks' time. */
  busy: Spent;
  /** Self time by phase (PHASE_NAMES). */
  phases: Record<string, Spent>;
  /** Top-level tasks of 50 ms or more (wall), and the longest, ms. */
  longTasks: number;
  longestMs: number;
  /** Top-level tasks' CPU time by what they ran (TASK_KIND_NAMES). */
  tasks: Record<string, number>;
  /** How many times the thread laid out and recalculated style (does not depend on the CPU's speed). */
  layouts: number;
  styleRecalcs: number;
  /** Plaudit's script, attributed by URL (bench/script-attribution.ts). */
  plaudit: Attributed;
  /** Top-level tasks of 50 ms or more (wall) that ran script naming Plaudit's URL. */
  plauditLongTasks: number;
}

/** The main thread of the renderer that parsed `pagePath` (a trace holds every renderer's). */
export function mainThread(events: TraceEvent[], pagePath: string): MainThread {
  const renderers = new Set(
    events
      .filter((e) => e.name === "ParseHTML" && e.args?.beginData?.url?.includes(pagePath))
      .map((e) => e.pid),
  );
  const mains = new Set(
    events
      .filter(
        (e) =>
          e.ph === "M" &&
          e.name === "thread_name" &&
          e.args?.name === "CrRendererMain" &&
          renderers.has(e.pid),
      )
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const complete = events
    .filter((e) => e.ph === "X" && e.dur !== undefined && mains.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.pid - b.pid || a.tid - b.tid || a.ts - b.ts || b.dur! - a.dur!);
  const result: MainThread = {
    busy: { wall: 0, cpu: 0 },
    phases: {},
    longTasks: 0,
    longestMs: 0,
    layouts: 0,
    styleRecalcs: 0,
    tasks: Object.fromEntries(TASK_KIND_NAMES.map((name) => [name, 0])),
    plaudit: noneAttributed(),
    plauditLongTasks: 0,
  };
  for (const name of PHASE_NAMES) result.phases[name] = { wall: 0, cpu: 0 };
  // The current top-level task and the events inside it.
  let task: TraceEvent[] = [];
  const endTask = () => {
    if (task.length) {
      result.tasks[taskKind(task.slice(1))]! += (task[0]!.tdur ?? 0) / 1000;
      if (attributeTask(task, result.plaudit) && task[0]!.dur! >= 50_000) result.plauditLongTasks++;
    }
    task = [];
  };
  type Open = { event: TraceEvent; end: number; childWall: number; childCpu: number };
  const close = (open: Open) => {
    const phase = PHASES.find(([, pattern]) => pattern.test(open.event.name))?.[0] ?? "other";
    result.phases[phase]!.wall += (open.event.dur! - open.childWall) / 1000;
    result.phases[phase]!.cpu += ((open.event.tdur ?? 0) - open.childCpu) / 1000;
  };
  let stack: Open[] = [];
  let thread = "";
  for (const event of complete) {
    const at = `${event.pid}:${event.tid}`;
    if (at !== thread) {
      for (const open of stack) close(open);
      stack = [];
      thread = at;
    }
    while (stack.length && stack.at(-1)!.end <= event.ts) close(stack.pop()!);
    if (event.name === "Layout") result.layouts++;
    if (event.name === "UpdateLayoutTree") result.styleRecalcs++;
    const parent = stack.at(-1);
    if (parent) {
      parent.childWall += event.dur!;
      parent.childCpu += event.tdur ?? 0;
      task.push(event);
    } else {
      endTask();
      task = [event];
      result.busy.wall += event.dur! / 1000;
      result.busy.cpu += (event.tdur ?? 0) / 1000;
      if (event.dur! >= 50_000) result.longTasks++;
      result.longestMs = Math.max(result.longestMs, event.dur! / 1000);
    }
    stack.push({ event, end: event.ts + event.dur!, childWall: 0, childCpu: 0 });
  }
  for (const open of stack) close(open);
  endTask();
  return result;
}
