// Page cost in Chromium via the DevTools protocol at 4× CPU throttling: the demo product and
// collection pages with and without Plaudit. Fresh browser context (empty cache) per run.
import {
  BENCH_PAGES,
  markTime,
  observed,
  SETTLE_MS,
  scriptMs,
  settle,
  withThrottledPage,
} from "./chromium.ts";
import { median, table } from "./results-file.ts";

interface Run {
  jsBytes: number;
  scriptMs: number;
  longTasks: number;
  tbtMs: number;
  cls: number;
  contentMs: number | null;
}

function measure(
  url: string,
  mark: string | null,
  viewport: { width: number; height: number },
): Promise<Run> {
  return withThrottledPage(viewport, async ({ page, cdp }) => {
    await page.goto(url, { waitUntil: "load" });
    await settle(page);
    const script = await scriptMs(cdp);
    const contentMs = mark ? await markTime(page, mark) : null;
    const { longTasks, cls } = await observed(page);
    const jsBytes = (await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((e) => /\.m?js(\?|$)/.test(e.name))
        .reduce((n, e) => n + (e as PerformanceResourceTiming).transferSize, 0),
    )) as number;
    return {
      jsBytes,
      scriptMs: script,
      longTasks: longTasks.length,
      tbtMs: longTasks.reduce((n, [, d]) => n + Math.max(0, d - 50), 0),
      cls,
      contentMs,
    };
  });
}

export async function benchPageCost(
  servers: { withPlaudit: string; withoutPlaudit: string },
  runs: number,
): Promise<string> {
  const pages = BENCH_PAGES;
  const rows: Array<Array<string | number>> = [];
  for (const p of pages) {
    const withRuns: Run[] = [];
    const withoutRuns: Run[] = [];
    // Interleaved, so drift on the machine hits both sides alike.
    for (let i = 0; i < runs; i++) {
      withRuns.push(await measure(servers.withPlaudit + p.path, p.mark, p.viewport));
      withoutRuns.push(await measure(servers.withoutPlaudit + p.path, null, p.viewport));
      process.stdout.write(
        `${p.name} run ${i + 1}: with ${JSON.stringify(withRuns.at(-1))} without ${JSON.stringify(withoutRuns.at(-1))}\n`,
      );
    }
    const med = (list: Run[], key: keyof Run) => median(list.map((r) => Number(r[key] ?? 0)));
    const ratio = (key: keyof Run) => {
      const w = med(withRuns, key);
      const wo = med(withoutRuns, key);
      return wo > 0 ? `${(w / wo).toFixed(2)}×` : w === 0 ? "=" : `+${w.toFixed(1)}`;
    };
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    rows.push(
      [
        p.name,
        "JS transferred",
        kb(med(withoutRuns, "jsBytes")),
        kb(med(withRuns, "jsBytes")),
        ratio("jsBytes"),
      ],
      [
        p.name,
        "main-thread script time",
        `${med(withoutRuns, "scriptMs").toFixed(0)} ms`,
        `${med(withRuns, "scriptMs").toFixed(0)} ms`,
        ratio("scriptMs"),
      ],
      [
        p.name,
        "long tasks ≥ 50 ms",
        med(withoutRuns, "longTasks"),
        med(withRuns, "longTasks"),
        ratio("longTasks"),
      ],
      [
        p.name,
        "total blocking time",
        `${med(withoutRuns, "tbtMs").toFixed(0)} ms`,
        `${med(withRuns, "tbtMs").toFixed(0)} ms`,
        ratio("tbtMs"),
      ],
      [p.name, "CLS", med(withoutRuns, "cls").toFixed(3), med(withRuns, "cls").toFixed(3), ratio("cls")],
      [
        p.name,
        "navigation → widget content",
        "—",
        p.mark ? `${med(withRuns, "contentMs").toFixed(0)} ms` : "in the first HTML",
        "—",
      ],
    );
  }
  return [
    `### Page cost in Chromium (4× CPU throttling via CDP, local server, empty cache, median of ${runs} runs)`,
    "",
    table(["page", "measure", "without Plaudit", "with Plaudit", "with / without"], rows),
    "",
    `Without = the same demo page and server with the plaudit.js script tag removed. JS transferred is the resource-timing transferSize of .js files (headers included; the server sends the build's brotli files). Script time is CDP Performance.getMetrics ScriptDuration; long tasks and TBT (sum of the part over 50 ms) from a longtask PerformanceObserver over the whole load; content = the widget's performance mark (plaudit:reviews:content / plaudit:stars:content). Measured until the network is idle plus ${SETTLE_MS / 1000} s.`,
  ].join("\n");
}
