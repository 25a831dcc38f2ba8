// One throttled Chromium for the page benchmarks (bench/page-cost.ts for `npm run bench`,
// bench/page-profile.ts for `npm run bench:page`): the same launch flags, the same 4× CPU
// throttle, the same in-page observers and the same "until the network is idle plus 3 s" end, so
// the two report figures measured the same way.
import { type BrowserContext, type CDPSession, chromium, type Page } from "playwright-core";

export const CPU_THROTTLE = 4;
/** Work a page pushes past the network going idle still counts, for this long. */
export const SETTLE_MS = 3000;

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The demo pages both benchmarks load: a product page and a collection of 24 star badges. */
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
] as const;

// Long tasks as [wall-clock start ms, duration ms] (page-profile.ts matches them with its samples).
const OBSERVE = `
  window.__bench = { longTasks: [], cls: 0 };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) __bench.longTasks.push([performance.timeOrigin + e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) __bench.cls += e.value; }).observe({ type: "layout-shift", buffered: true });
`;

export interface ThrottledPage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
}

/**
 * A fresh browser (empty cache) with one page at 4× CPU throttling and the long-task and
 * layout-shift observers installed; closed when `use` settles.
 */
export async function withThrottledPage<T>(
  viewport: { width: number; height: number },
  use: (opened: ThrottledPage) => Promise<T>,
): Promise<T> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_THROTTLE });
    await cdp.send("Performance.enable");
    await page.addInitScript(OBSERVE);
    const result = await use({ context, page, cdp });
    await context.close();
    return result;
  } finally {
    await browser.close();
  }
}

/** Waits for a performance mark (a widget's content) and answers its time from navigation, ms. */
export async function waitForMark(page: Page, mark: string): Promise<number> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, {
    timeout: 30_000,
  });
  return (await page.evaluate(
    `performance.getEntriesByName(${JSON.stringify(mark)})[0].startTime`,
  )) as number;
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

/** What the observers saw: long tasks as [wall ms, duration ms], and the summed layout shift. */
export const observed = async (page: Page) =>
  (await page.evaluate("window.__bench")) as { longTasks: [number, number][]; cls: number };
