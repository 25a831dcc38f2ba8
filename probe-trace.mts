import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
const url = process.argv[2]!;
for (let i = 0; i < 2; i++) {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  if (process.env.EXTRA) await page.addInitScript(`{const o=CSSStyleSheet.prototype.replaceSync;CSSStyleSheet.prototype.replaceSync=function(t){return o.call(this,t+${JSON.stringify(process.env.EXTRA)})}}`);
  if (process.env.FONT) await page.addInitScript(`document.addEventListener("DOMContentLoaded",()=>{const s=document.createElement("style");s.textContent=":root{--plaudit-font:${process.env.FONT}}";document.head.append(s)})`);
  await browser.startTracing(page, { path: "/tmp/trace.json", categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(4000);
  await browser.stopTracing();
  await browser.close();
  const events = JSON.parse(readFileSync("/tmp/trace.json", "utf8")).traceEvents as any[];
  const t0 = events.find((e) => e.name === "navigationStart" || e.name === "TracingStartedInBrowser")?.ts ?? events[0].ts;
  const rows = events.filter((e) => ["UpdateLayoutTree", "Layout", "Paint", "ParseHTML", "FunctionCall", "EvaluateScript", "RunTask", "PrePaint", "Layerize", "Commit"].includes(e.name) && e.ph === "X" && e.dur > 4000);
  console.log(`run ${i}`);
  for (const e of rows) console.log(Math.round((e.ts - t0) / 1000), e.name, Math.round(e.dur / 1000), e.args?.elementCount ?? e.args?.beginData?.dirtyObjects ?? "", e.args?.data?.url?.split("/").pop() ?? "");
}
