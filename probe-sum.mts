import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
const url = process.argv[2]!;
const vp = url.includes("collection") ? { width: 1280, height: 900 } : { width: 1280, height: 1600 };
for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  const context = await browser.newContext({ viewport: vp });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Performance.enable");
  await browser.startTracing(page, { path: "/tmp/trace2.json", categories: ["devtools.timeline"] });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(4000);
  const m = (await cdp.send("Performance.getMetrics")).metrics.find((x: any) => x.name === "ScriptDuration")!.value * 1000;
  await browser.stopTracing();
  await browser.close();
  const events = JSON.parse(readFileSync("/tmp/trace2.json", "utf8")).traceEvents as any[];
  const sums = new Map<string, number>();
  const add = (k: string, d: number) => sums.set(k, (sums.get(k) ?? 0) + d / 1000);
  for (const e of events) {
    if (e.ph !== "X" || !e.dur) continue;
    if (["EvaluateScript", "v8.compileModule", "v8.evaluateModule", "FunctionCall", "TimerFire", "FireAnimationFrame", "EventDispatch", "V8.Execute"].includes(e.name)) {
      const u = (e.args?.data?.url ?? e.args?.data?.scriptName ?? "").split("/").pop().replace(/-[\w]{8}\.js/, "");
      add(`${e.name} ${u}`, e.dur);
    }
    if (["ParseHTML", "UpdateLayoutTree", "Layout", "Paint"].includes(e.name)) add(e.name, e.dur);
  }
  console.log(`run ${i}: ScriptDuration ${m.toFixed(1)} ms`);
  for (const [k, v] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`   ${v.toFixed(1)}  ${k}`);
}
