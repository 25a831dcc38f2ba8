// npm run bench:search — does a burst of searches stall the server? On SQLite (synchronous: a query
// holds the whole process) with BENCH_REVIEWS (default 100000) reviews of one product, a burst of
// 1-character, `%`/`_` and random searches is sent from another process while this one serves it,
// and the server's event-loop delay is measured (perf_hooks.monitorEventLoopDelay, 1 ms
// resolution): p50, p99 and max. Servers answer the same burst, one after the other, in the same
// run over the same database:
//   - "floor": a server in this process that does no work (answers `{}`), before and after the
//     others: the delay the loaded machine alone adds (other processes taking the cores);
//   - "before": the review list's SQL search as it was before issue 19 (listReviews + countReviews
//     with `search`: the FTS5 trigram index for 3+ characters, a LIKE scan otherwise);
//   - "busy floor": a server that works the way the search does (1 ms slices, yielding between)
//     with no database: the delay this machine gives any busy process at that moment;
//   - "after": the app as it is (createApp), whose search asks the trigram index first for a rare
//     3+-character term, else walks in index-range chunks of SEARCH_CHUNK rows, stops a term at
//     SEARCH_MATCH_CAP matches and caches per term.
// The shared machine's load moves the milliseconds between runs; the ratios within one run are
// the figure (after ÷ before, after ÷ floor).
// Rate limits are off for both (a 429 would be cheap and flatter the figure). BENCH_SEARCHES
// (default 80) requests, BENCH_CONNECTIONS (default 8) in flight. BENCH_DB: a database seeded
// before (`plaudit-server seed --reviews 100000`), copied and used instead of seeding again.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createApp, listen, migrate, openDatabase, unlimitedRateLimiter } from "@plaudit/server";
// biome-ignore lint/style/noRestrictedImports: the "before" server replays the review list's internal queries, which no public entry point offers
import { countReviews, listReviews } from "../packages/server/src/reviews/review-list.ts";
// biome-ignore lint/style/noRestrictedImports: the bench names the search's own bounds in its table
import * as search from "../packages/server/src/reviews/review-search.ts";
import { runCli } from "./processes.ts";
import { addSection, benchDir, machine, table, today } from "./results-file.ts";

const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 100_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 80);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PRODUCT = "bench-product";
/** The busy floor's work per request: this many 1 ms slices, yielding between them. */
const BUSY_SLICES = 50;

/** A fixed mix: single letters, wildcard characters, two-letter terms, and random strings. */
function burstTerms(count: number): string[] {
  let seed = 19;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const pick = () => letters[Math.floor(random() * letters.length)] as string;
  const terms: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    if (kind === 0) terms.push(pick());
    else if (kind === 1) terms.push(["%", "_", "%%", "a%", "%e", "\\"][i % 6] as string);
    else if (kind === 2) terms.push(pick() + pick());
    else terms.push(Array.from({ length: 3 + Math.floor(random() * 6) }, pick).join(""));
  }
  return terms;
}

interface Figures {
  p50: number;
  p99: number;
  max: number;
  seconds: number;
  statuses: Record<string, number>;
}

async function burst(url: string, terms: string[]): Promise<Figures> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const out = await new Promise<string>((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(benchDir, "search-burst-client.ts"),
        url,
        JSON.stringify(terms),
        String(CONNECTIONS),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let text = "";
    child.stdout.on("data", (chunk) => {
      text += chunk;
    });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done(text) : fail(new Error(`load client exited ${code}`))));
  });
  delay.disable();
  const result = JSON.parse(out) as { seconds: number; statuses: Record<string, number> };
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  return {
    p50: ms(delay.percentile(50)),
    p99: ms(delay.percentile(99)),
    max: ms(delay.max),
    seconds: Math.round(result.seconds * 10) / 10,
    statuses: result.statuses,
  };
}

const listening = (server: Server) =>
  new Promise<number>((done) =>
    server.listen(0, "127.0.0.1", () => done((server.address() as { port: number }).port)),
  );

const dir = mkdtempSync(join(tmpdir(), "plaudit-search-bench-"));
const path = join(dir, "bench.sqlite");
try {
  const seeded = process.env.BENCH_DB;
  if (seeded) {
    for (const suffix of ["", "-wal"])
      if (existsSync(seeded + suffix)) copyFileSync(seeded + suffix, path + suffix);
  } else {
    process.stdout.write(`${runCli(["seed", "--reviews", String(REVIEWS)], path).trim()}\n`);
  }
  const db = openDatabase(path);
  await migrate(db);
  const terms = burstTerms(SEARCHES);
  const floorServer = async () => {
    const idle = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    const port = await listening(idle);
    const figures = await burst(`http://127.0.0.1:${port}/`, terms);
    await new Promise((done) => idle.close(done));
    return figures;
  };
  const floorBefore = await floorServer();
  // A process that is busy the way the search is (1 ms of work, then yield), with no database: the
  // delay this machine gives any busy process right now.
  const busy = createServer(async (_req, res) => {
    for (let slice = 0; slice < BUSY_SLICES; slice++) {
      const until = performance.now() + 1;
      while (performance.now() < until);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
  const busyPort = await listening(busy);
  const busyFloor = await burst(`http://127.0.0.1:${busyPort}/`, terms);
  await new Promise((done) => busy.close(done));

  // Before: the route's SQL search as it was (page + total), nothing else in the way.
  const before = createServer(async (req, res) => {
    try {
      const q = new URL(req.url ?? "/", "http://x").searchParams.get("q") ?? "";
      const args = { storeId: "demo", productId: PRODUCT, filters: { search: q } };
      const page = await listReviews(db, { ...args, status: "published", sort: "newest", limit: 10 });
      const total = await countReviews(db, args);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ items: page.rows.length, nextCursor: page.nextCursor, total }));
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    }
  });
  const beforePort = await listening(before);
  const old = await burst(`http://127.0.0.1:${beforePort}/`, terms);
  await new Promise((done) => before.close(done));

  const app = createApp({
    db,
    rateLimiter: unlimitedRateLimiter,
    logger: { info() {}, warn() {}, error() {} },
  });
  let after: ReturnType<typeof listen> | undefined;
  const afterPort = await new Promise<number>((done) => {
    after = listen(app, { port: 0, hostname: "127.0.0.1" }, (info) => done(info.port));
  });
  const now = await burst(`http://127.0.0.1:${afterPort}/v1/stores/demo/products/${PRODUCT}/reviews`, terms);
  await new Promise((done) => after?.close(done));
  app.ctx.metrics.detach();
  await db.close();
  const floorAfter = await floorServer();
  const floor = floorBefore.p99 >= floorAfter.p99 ? floorBefore : floorAfter;
  const ratio = (a: number, b: number) => (b > 0 ? `${Math.round((a / b) * 100) / 100}×` : "–");

  const statuses = (f: Figures) =>
    Object.entries(f.statuses)
      .map(([status, n]) => `${n}× ${status}`)
      .join(", ");
  const section = [
    `Load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        " / ",
      )}. p99 after ÷ before: **${ratio(now.p99, old.p99)}**; max after ÷ before: ${ratio(now.max, old.max)}; p99 after ÷ the do-nothing floor: ${ratio(now.p99, floor.p99)} (floor p99 ${floorBefore.p99} ms before the runs, ${floorAfter.p99} ms after); p99 after ÷ the busy floor: **${ratio(now.p99, busyFloor.p99)}**.`,
    "",
    `${REVIEWS.toLocaleString("en")} reviews of one product on SQLite; ${SEARCHES} searches (¼ one letter, ¼ \`%\`/\`_\`/\`\\\\\`, ¼ two letters, ¼ random 3–8 letters), ${CONNECTIONS} in flight, from another process. Event-loop delay of the serving process, ms. The machine is shared (2 cores, other engineers' builds and tests running): figures move between runs, the before/after pair is from one run.`,
    "",
    table(
      ["search", "p50", "p99", "max", "burst took", "answers"],
      [
        [
          "floor, before (a server that does no work)",
          floorBefore.p50,
          floorBefore.p99,
          floorBefore.max,
          `${floorBefore.seconds} s`,
          statuses(floorBefore),
        ],
        [
          `busy floor (${BUSY_SLICES} × 1 ms of work a request, yielding between; no database)`,
          busyFloor.p50,
          busyFloor.p99,
          busyFloor.max,
          `${busyFloor.seconds} s`,
          statuses(busyFloor),
        ],
        [
          "before (SQL: trigram index ≥ 3 chars, LIKE scan otherwise)",
          old.p50,
          old.p99,
          old.max,
          `${old.seconds} s`,
          statuses(old),
        ],
        [
          `after (trigram probe ≤ ${search.SEARCH_PROBE}, else index-range chunks of ${search.SEARCH_CHUNK}; ≤ ${search.SEARCH_MATCH_CAP} matches a term; cached per term)`,
          now.p50,
          now.p99,
          now.max,
          `${now.seconds} s`,
          statuses(now),
        ],
        [
          "floor, after",
          floorAfter.p50,
          floorAfter.p99,
          floorAfter.max,
          `${floorAfter.seconds} s`,
          statuses(floorAfter),
        ],
      ],
    ),
  ].join("\n");
  process.stdout.write(`\n${section}\n`);
  if (process.env.BENCH_WRITE !== "0")
    addSection(`## ${today()} — npm run bench:search (${machine()})\n\n${section}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
