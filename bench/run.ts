// npm run bench — page cost (CDP), Lighthouse, bundle table and API throughput; writes one dated
// section to bench/RESULTS.md. Not part of npm test (several minutes). BENCH_RUNS (default 5 page
// runs, 3 Lighthouse runs). Builds the widgets first.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { benchApi } from "./api.ts";
import { benchBundle } from "./bundle.ts";
import { startDemoServers } from "./demo-servers.ts";
import { benchLighthouse } from "./lighthouse.ts";
import { benchPageCost } from "./page-cost.ts";
import { addSection, machine, repoRoot, today } from "./results-file.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
execFileSync(process.execPath, [join(repoRoot, "scripts/build.mjs")], { stdio: "inherit" });

const servers = await startDemoServers();
let page: string;
let lighthouse: { section: string; delta: number };
try {
  page = await benchPageCost(servers, RUNS);
  lighthouse = benchLighthouse(servers, Math.max(1, Math.min(RUNS, 3)));
} finally {
  await servers.close();
}
const bundle = benchBundle();
const api = await benchApi();

addSection(
  [
    `## ${today()} — npm run bench (${machine()})`,
    "",
    `**Headline: Lighthouse performance ${lighthouse.delta >= 0 ? "+" : ""}${lighthouse.delta} points with Plaudit on the product page** (Shopify's rule of thumb: an app should cost < 10 points).`,
    "",
    page,
    "",
    lighthouse.section,
    "",
    bundle,
    "",
    api,
  ].join("\n"),
);
