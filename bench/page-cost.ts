// Page cost in Chromium via the DevTools protocol at 4× CPU throttling: the demo product and
// collection pages with and without Plaudit. Fresh browser context (empty cache) per run.
import { chromium } from "playwright-core";
import { median, table } from "./results-file.ts";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface Run {
  jsBytes: number;
  scriptMs: number;
  longTasks: number;
  tbtMs: number;
  cls: number;
  contentMs: number | null;
}

const OBSERVE = `
  window.__bench = { longTasks: [], cls: 0 };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) __bench.longTasks.push(e.duration); }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) __bench.cls += e.value; }).observe({ type: "layout-shift", buffered: true });
`;

async function measure(
  url: string,
  contentMark: string | null,
  viewport: { width: number; height: number },
): Promise<Run> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await cdp.send("Performance.enable");
    await page.addInitScript(OBSERVE);
    await page.goto(url, { waitUntil: "load" });
    let contentMs: number | null = null;
    if (contentMark) {
      await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, contentMark, {
        timeout: 30_000,
      });
      contentMs = await page.evaluate(
        (name) => performance.getEntriesByName(name)[0]!.startTime,
        contentMark,
      );
    }
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    const { metrics } = (await cdp.send("Performance.getMetrics")) as {
      metrics: Array<{ name: string; value: number }>;
    };
    const scriptSeconds = metrics.find((m) => m.name === "ScriptDuration")?.value ?? 0;
    const inPage = await page.evaluate(() => {
      const bench = (window as unknown as { __bench: { longTasks: number[]; cls: number } }).__bench;
      const js = performance
        .getEntriesByType("resource")
        .filter((e) => /\.m?js(\?|$)/.test(e.name))
        .reduce((n, e) => n + (e as PerformanceResourceTiming).transferSize, 0);
      return { longTasks: bench.longTasks, cls: bench.cls, js };
    });
    await context.close();
    return {
      jsBytes: inPage.js,
      scriptMs: scriptSeconds * 1000,
      longTasks: inPage.longTasks.length,
      tbtMs: inPage.longTasks.reduce((n, d) => n + Math.max(0, d - 50), 0),
      cls: inPage.cls,
      contentMs,
    };
  } finally {
    await browser.close();
  }
}

export async function benchPageCost(
  servers: { withPlaudit: string; withoutPlaudit: string },
  runs: number,
): Promise<string> {
  const pages = [
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
  ];
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
      [p.name, "navigation → widget content", "—", `${med(withRuns, "contentMs").toFixed(0)} ms`, "—"],
    );
  }
  return [
    `### Page cost in Chromium (4× CPU throttling via CDP, local server, empty cache, median of ${runs} runs)`,
    "",
    table(["page", "measure", "without Plaudit", "with Plaudit", "with / without"], rows),
    "",
    "Without = the same demo page and server with the plaudit.js script tag removed. JS transferred is the resource-timing transferSize of .js files (headers included; the server sends the build's brotli files). Script time is CDP Performance.getMetrics ScriptDuration; long tasks and TBT (sum of the part over 50 ms) from a longtask PerformanceObserver over the whole load; content = the widget's performance mark (plaudit:reviews:content / plaudit:stars:content).",
  ].join("\n");
}
