// npm run bench:json-ld — what the JSON-LD manager's MutationObserver costs a busy product page:
// once the rating is in the theme's node, the page changes its DOM every frame (a cart counter's
// text, a ticker's text node, a carousel moving a slide, a class toggled) for FRAMES frames, and
// the time spent inside the manager's observer callbacks is summed (a wrapper around the page's
// MutationObserver that times only the observers the json-ld-manager chunk made). Unthrottled CPU;
// the page is cross-origin isolated, so performance.now() is precise to 5 µs, not 100.
// Two builds side by side, interleaved, one fresh browser per load:
//   cp -r packages/embed/dist/browser /tmp/plaudit-before   # at the old commit, after npm run build
//   npm run build && BENCH_BEFORE_DIR=/tmp/plaudit-before flock /tmp/bench.lock npm run bench:json-ld
import { withThrottledPage } from "./chromium.ts";
import { startDemoServers } from "./demo-servers.ts";
import { AFTER_DIR, BEFORE_DIR, inTurn, serveBuild } from "./page-builds.ts";
import { addSection, machine, median, table, today } from "./results-file.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 600);
const builds = [...(BEFORE_DIR ? [["before", BEFORE_DIR] as const] : []), ["after", AFTER_DIR] as const];

const PRODUCT = {
  "@context": "https://schema.org",
  "@type": "Product",
  name: "Classic Cotton Tee",
  sku: "TEE-BLUE-M",
  image: "https://shop.example/tee.jpg",
  offers: { "@type": "Offer", price: "28.00", priceCurrency: "USD" },
};
const slides = Array.from(
  { length: 8 },
  (_, i) => `<li class="slide"><img alt="" width="80" height="80"><p>Slide <b>${i}</b></p></li>`,
).join("");
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Classic Cotton Tee</title>
<link rel="icon" href="data:,"><script type="application/ld+json">${JSON.stringify(PRODUCT)}</script></head><body>
<header>Cart (<span id="cart">0</span>) <span id="ticker">Sale ends in 0 s</span></header>
<ul id="carousel">${slides}</ul>
<div data-plaudit="reviews" data-product-id="tee-classic" data-product-name="Classic Cotton Tee" style="min-height:640px"></div>
<script src="/plaudit.js" data-store="demo" async></script></body></html>`;

// Before any script of the page: observers the JSON-LD chunk makes get a timed callback.
const TIME_OBSERVERS = `(() => {
  const Native = MutationObserver;
  window.__jsonLdObserver = { ms: 0, calls: 0, records: 0, each: [] };
  window.MutationObserver = class extends Native {
    constructor(callback) {
      if (!/json-ld-manager/.test(new Error().stack)) { super(callback); return; }
      super((records, observer) => {
        const start = performance.now();
        try { callback(records, observer); } finally {
          const spent = window.__jsonLdObserver;
          const took = performance.now() - start;
          spent.ms += took; spent.each.push(took); spent.calls++; spent.records += records.length;
        }
      });
    }
  };
})()`;

// The page's own life, every frame; answers what the manager's observers spent meanwhile.
const BUSY = `(frames) => new Promise((done) => {
  const spent = window.__jsonLdObserver;
  Object.assign(spent, { ms: 0, calls: 0, records: 0, each: [] });
  // The floor: an observer of the same changes whose callback does nothing, timed the same way.
  const floor = [];
  const empty = new MutationObserver(() => { const start = performance.now(); floor.push(performance.now() - start); });
  empty.observe(document, { childList: true, subtree: true });
  const cart = document.getElementById("cart"), ticker = document.getElementById("ticker").firstChild;
  const carousel = document.getElementById("carousel");
  let frame = 0;
  const tick = () => {
    cart.textContent = String(frame);
    ticker.data = "Sale ends in " + frame + " s";
    carousel.append(carousel.firstElementChild);
    document.body.classList.toggle("odd", frame % 2 === 1);
    if (++frame < frames) requestAnimationFrame(tick);
    else setTimeout(() => {
      empty.disconnect();
      const mid = (list) => list.sort((a, b) => a - b)[list.length >> 1] ?? 0;
      done({ ms: spent.ms, calls: spent.calls, records: spent.records, median: mid(spent.each), floor: mid(floor) });
    }, 50);
  };
  requestAnimationFrame(tick);
})`;

interface Run {
  ms: number;
  /** The median callback's time, ms: a callback the OS preempted (the sum's noise) does not move it. */
  median: number;
  /** The median time between two performance.now() calls in an empty callback: the timer's floor. */
  floor: number;
  calls: number;
  records: number;
}

const servers = await startDemoServers();
const runs: Record<string, Run[]> = Object.fromEntries(builds.map(([name]) => [name, []]));
try {
  const url = `${servers.withPlaudit}/demo/json-ld-busy.html`;
  for (let i = 0; i < RUNS; i++) {
    for (const [name, dir] of inTurn(builds, i)) {
      const run = await withThrottledPage(
        { width: 1280, height: 1200 },
        async ({ page }) => {
          await serveBuild(page, dir);
          await page.route(url, (route) =>
            route.fulfill({
              contentType: "text/html",
              body: PAGE,
              headers: {
                "Cross-Origin-Opener-Policy": "same-origin",
                "Cross-Origin-Embedder-Policy": "require-corp",
              },
            }),
          );
          await page.addInitScript(TIME_OBSERVERS);
          await page.goto(url);
          // The rating is in the theme's node: the manager is loaded and watching.
          await page.waitForFunction(() =>
            document
              .querySelector('script[type="application/ld+json"]')
              ?.textContent?.includes("aggregateRating"),
          );
          if (!(await page.evaluate("crossOriginIsolated")))
            throw new Error("page not cross-origin isolated");
          return (await page.evaluate(`(${BUSY})(${FRAMES})`)) as Run;
        },
        1,
      );
      runs[name]!.push(run);
    }
    process.stdout.write(
      `run ${i + 1}: ${builds.map(([name]) => `${name} ${runs[name]!.at(-1)!.ms.toFixed(3)} ms, median ${(runs[name]!.at(-1)!.median * 1000).toFixed(1)} µs`).join("; ")}\n`,
    );
  }
} finally {
  await servers.close();
}

const per = (name: string, pick: (run: Run) => number) => median(runs[name]!.map(pick));
const rows = [
  [
    `callback time over ${FRAMES} frames (median, min – max)`,
    ...builds.map(([name]) => {
      const ms = runs[name]!.map((run) => run.ms);
      return `${median(ms).toFixed(3)} ms (${Math.min(...ms).toFixed(3)} – ${Math.max(...ms).toFixed(3)})`;
    }),
  ],
  [
    "µs per frame (sum / frames)",
    ...builds.map(([name]) => ((per(name, (r) => r.ms) / FRAMES) * 1000).toFixed(2)),
  ],
  [
    "µs per callback (median callback, median of runs)",
    ...builds.map(([name]) => (per(name, (r) => r.median) * 1000).toFixed(2)),
  ],
  [
    "µs per callback of an empty observer (the timer's floor)",
    ...builds.map(([name]) => (per(name, (r) => r.floor) * 1000).toFixed(2)),
  ],
  ["callbacks", ...builds.map(([name]) => String(per(name, (r) => r.calls)))],
  ["records", ...builds.map(([name]) => String(per(name, (r) => r.records)))],
];
const ratio = (pick: (run: Run) => number) => per("before", pick) / per("after", pick);
const section = [
  `## ${today()} — npm run bench:json-ld (${machine()})`,
  "",
  `The JSON-LD manager's MutationObserver callbacks on a busy product page (a cart counter's text, a ticker's text node, a carousel's slide moved and a class toggled every frame), after the rating is in the theme's node; no CPU throttling, ${RUNS} fresh browsers per build, interleaved.${BEFORE_DIR ? ` before = ${BEFORE_DIR}.` : ""} See bench/json-ld-observer.ts.`,
  "",
  table(["measure", ...builds.map(([name]) => name)], rows),
  ...(BEFORE_DIR
    ? [
        "",
        `before / after: **${ratio((r) => r.median).toFixed(1)}×** the median callback, ${ratio((r) => r.ms).toFixed(1)}× the sum.`,
      ]
    : []),
].join("\n");
if (process.env.BENCH_DRY) process.stdout.write(`${section}\n`);
else addSection(section);
