// npm run bench:api — requests/s and p99 of the public API with ≥ 100 000 reviews, beside an empty
// Hono handler measured in the same run, on SQLite and PostgreSQL. Load from Debian's wrk in its
// own process. BENCH_SECONDS (default 10) per route, BENCH_CONNECTIONS (default 8),
// BENCH_REVIEWS (default 100000), BENCH_ROUNDS (default 3), PLAUDIT_TEST_PG=off to leave PostgreSQL out.
//
// How a ratio is taken: the empty handler runs the whole time beside the server under test, and
// each route is measured right after the empty handler, in alternating rounds; a route's ratio is
// the median over the rounds of (route ÷ the empty handler just before it). On a shared two-core
// machine the speed available drifts by half within minutes; a ceiling measured once at the start
// compared one moment with another. Server and load generator are pinned to a core each.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createTestSchema } from "../packages/server/testing/pg-schema.ts";
import { DEMO_SECRET, freePort, pinning, runCli, startProcess, stopProcess } from "./processes.ts";
import { addSection, machine, table, today } from "./results-file.ts";
import { runWrk, type WrkResult, type WrkTarget } from "./wrk.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const WARMUP_SECONDS = 5;
const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Row {
  database: string;
  route: string;
  result: WrkResult;
  /** The empty handler, measured just before `result`. */
  ceiling: WrkResult;
  ratio: number;
}

/**
 * A route against the empty handler, in `rounds` alternating pairs: the round with the median
 * ratio, with the median p99 of the rounds (one round's tail is mostly what else the shared
 * machine was doing in those seconds).
 */
function measure(
  target: WrkTarget,
  ceiling: WrkTarget,
  rounds: number,
): { result: WrkResult; ceiling: WrkResult; ratio: number } {
  // Warmed first (JIT, caches, connections), so no target pays for being the first one run.
  runWrk(target, { seconds: WARMUP_SECONDS, connections: CONNECTIONS });
  const pairs = [];
  for (let i = 0; i < rounds; i++) {
    const base = runWrk(ceiling, { seconds: SECONDS, connections: CONNECTIONS });
    const result = runWrk(target, { seconds: SECONDS, connections: CONNECTIONS });
    pairs.push({ result, ceiling: base, ratio: result.rps / base.rps });
  }
  const middle = Math.floor((pairs.length - 1) / 2);
  const p99s = pairs.map((pair) => pair.result.p99ms).sort((a, b) => a - b);
  pairs.sort((a, b) => a.ratio - b.ratio);
  const median = pairs[middle] as (typeof pairs)[number];
  return { ...median, result: { ...median.result, p99ms: p99s[middle] as number } };
}

async function database(kind: "sqlite" | "postgres"): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "plaudit-bench-"));
    return {
      url: join(dir, "bench.sqlite"),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  return createTestSchema("bench");
}

async function benchDatabase(kind: "sqlite" | "postgres", ceiling: WrkTarget): Promise<Row[]> {
  const db = await database(kind);
  try {
    const seeded = runCli(["seed", "--reviews", String(REVIEWS)], db.url).trim();
    process.stdout.write(`${kind}: ${seeded}\n`);
    if (kind === "postgres") {
      // Settle the bulk load first: autovacuum analysing 100,000 fresh rows would otherwise take a
      // core from the server in the middle of a measurement (the machine has two).
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        await client.query("vacuum analyze");
        // …and write what the load and the vacuum dirtied now, not in a timed checkpoint mid-run.
        await client.query("checkpoint");
      } finally {
        await client.end();
      }
    }
    const port = await freePort();
    const server = await startProcess(
      [join(import.meta.dirname, "../packages/server/src/cli.ts"), "start", "--demo", "--port", String(port)],
      port,
      db.url,
      { pinned: true },
    );
    try {
      const base = `http://127.0.0.1:${port}/v1/stores/demo`;
      // A member with points for thousands of redemptions (loyalty is seeded with the demo store).
      const token = runCli(["token", "--customer", "bench-member"], db.url).trim();
      await fetch(`${base}/loyalty/join`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ customerToken: token }),
      });
      const adjust = await fetch(`http://127.0.0.1:${port}/v1/admin/loyalty/adjustments`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${DEMO_SECRET}`,
          "content-type": "application/json",
          "idempotency-key": "bench-points",
        },
        body: JSON.stringify({ customerId: "bench-member", delta: 10_000_000, reason: "benchmark" }),
      });
      // Asked as the widgets' requests arrive from a browser: every browser offers gzip.
      const browser = { "Accept-Encoding": "gzip, deflate, br, zstd", Accept: "application/json" };
      const reads: Array<[string, WrkTarget]> = [
        [
          `list (newest, 10 of ${REVIEWS.toLocaleString("en")})`,
          { url: `${base}/products/bench-product/reviews`, headers: browser },
        ],
        [
          "list (helpful, page 1)",
          { url: `${base}/products/bench-product/reviews?sort=helpful`, headers: browser },
        ],
        [
          "summaries (3 products)",
          { url: `${base}/summaries?products=bench-product,tee-classic,hoodie-zip`, headers: browser },
        ],
      ];
      // The same reads as a client asking for a fresh answer: past the read cache, to the database
      // every time (what a cold product page, or the first read after a write, costs).
      const freshReads = reads.map(([route, target]): [string, WrkTarget] => [
        `${route}, fresh (no-cache → database)`,
        { ...target, headers: { ...target.headers, "Cache-Control": "no-cache" } },
      ]);
      const targets: Array<[string, WrkTarget]> = [
        ...reads,
        ...freshReads,
        [
          "submit review",
          {
            url: `${base}/products/bench-product/reviews`,
            method: "POST",
            body: JSON.stringify({
              rating: 4,
              title: "Benchmark",
              body: "A review written by the load generator.",
              author: { name: "Bench", email: "bench@example.com" },
            }),
          },
        ],
      ];
      if (adjust.status === 201) {
        targets.push([
          "loyalty redemption",
          {
            url: `${base}/loyalty/redemptions`,
            method: "POST",
            headers: { "X-Plaudit-Customer": token },
            body: JSON.stringify({ rewardId: "free-shipping" }),
            uniqueIdempotencyKey: true,
          },
        ]);
      } else
        process.stdout.write(
          `${kind}: no loyalty member (adjustment answered ${adjust.status}: ${await adjust.text()}); redemption left out\n`,
        );
      const rows: Row[] = [];
      for (const [route, target] of targets) {
        // The target's reads get the rounds; the others (database-bound, far below it) one pair.
        const rounds = reads.some(([name]) => name === route) ? ROUNDS : 1;
        const measured = measure(target, ceiling, rounds);
        process.stdout.write(`${kind} ${route}: ${JSON.stringify(measured)}\n`);
        rows.push({ database: kind, route, ...measured });
      }
      return rows;
    } finally {
      await stopProcess(server);
    }
  } finally {
    await db.drop();
  }
}

export async function benchApi(): Promise<string> {
  const port = await freePort();
  const empty = await startProcess(
    [join(import.meta.dirname, "empty-server.ts"), String(port)],
    port,
    undefined,
    {
      pinned: true,
    },
  );
  const ceiling: WrkTarget = { url: `http://127.0.0.1:${port}/` };
  const rows: Row[] = [];
  try {
    runWrk(ceiling, { seconds: WARMUP_SECONDS, connections: CONNECTIONS });
    const kinds: Array<"sqlite" | "postgres"> =
      process.env.PLAUDIT_TEST_PG === "off" ? ["sqlite"] : ["sqlite", "postgres"];
    for (const kind of kinds) rows.push(...(await benchDatabase(kind, ceiling)));
  } finally {
    await stopProcess(empty);
  }

  const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "—");
  // The target is for the reads shoppers' pages repeat (answered by the read cache); the fresh rows
  // show what each costs at the database.
  const reads = rows.filter(
    (r) => (r.route.startsWith("list") || r.route.startsWith("summaries")) && !r.route.includes("fresh"),
  );
  const met = reads.every((r) => r.ratio >= 0.5 && r.result.p99ms <= 10);
  const pinned = pinning.server.length > 0 ? "; server and wrk pinned to a core each" : "";
  return [
    `### API throughput (${REVIEWS.toLocaleString("en")} reviews on one product; wrk -t1 -c${CONNECTIONS} -d${SECONDS}s after a ${WARMUP_SECONDS} s warm-up per target; each read the median of ${ROUNDS} rounds (ratio and p99) against the empty handler measured just before it${pinned}; rate limits off)`,
    "",
    table(
      [
        "database",
        "route",
        "req/s",
        "p50 ms",
        "p99 ms",
        "empty handler req/s (same round)",
        "vs empty handler",
        "non-2xx",
      ],
      rows.map((r) => [
        r.database,
        r.route,
        fmt(r.result.rps, 0),
        fmt(r.result.p50ms, 2),
        fmt(r.result.p99ms, 2),
        fmt(r.ceiling.rps, 0),
        `${fmt(r.ratio * 100, 0)} %`,
        r.result.non2xx + r.result.errors,
      ]),
    ),
    "",
    `Spine target for the list and summaries routes (≥ 50 % of the empty handler, p99 ≤ 10 ms): **${met ? "met" : "not met"}**` +
      (met
        ? "."
        : ` — ${reads
            .filter((r) => r.ratio < 0.5 || r.result.p99ms > 10)
            .map(
              (r) =>
                `${r.database} ${r.route} (${fmt(r.ratio * 100, 0)} %, p99 ${fmt(r.result.p99ms, 2)} ms)`,
            )
            .join("; ")}.`),
    "",
    `Server, load generator and (for PostgreSQL) the database share ${machine()}: wrk's thread and PostgreSQL take CPU from the single-threaded Node server, so absolute figures are lower than on a dedicated host; the ratios compare like with like (same machine, same minute, same wrk settings). Each server logs one JSON line per request (to /dev/null here), as in production, with the read cache at its default (PLAUDIT_READ_CACHE_MS=2000): the plain rows are repeated reads it answers, the "fresh" rows send Cache-Control: no-cache and reach the database every time. Reads send Accept-Encoding as a browser does (gzip answers for bodies over 1 KB).`,
  ].join("\n");
}

if (import.meta.filename === process.argv[1]) {
  const section = await benchApi();
  addSection(`## ${today()} — npm run bench:api (${machine()})\n\n${section}`);
}
