// Throughput and tail latency of the snippet route (server-rendered reviews) beside the review
// list route it replaces a client fetch of, and an empty handler, in one run against one server
// process. A keep-alive load generator (node:http Agent) with a fixed number of connections.
//
//   npm run bench:snippet [-- --seconds 5 --connections 32]
//
// Appends a table to bench/RESULTS.md.
import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import http from "node:http";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { seconds: { type: "string", default: "5" }, connections: { type: "string", default: "32" } },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);

interface Target {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

interface Result {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  bytes: number;
}

async function startServer(): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "snippet-server.ts")], {
    cwd: join(here, ".."),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /port (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { port, stop: () => child.kill("SIGTERM") };
}

function get(agent: http.Agent, port: number, target: Target): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: "127.0.0.1", port, path: target.path, agent, headers: target.headers },
      (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
      },
    );
    req.on("error", reject);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function load(port: number, target: Target, seconds: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        try {
          const res = await get(agent, port, target);
          if (res.status >= 400) errors++;
          bytes += res.bytes;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - start);
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    name: target.name,
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
    bytes: latencies.length ? bytes / latencies.length : 0,
  };
}

const server = await startServer();
try {
  const product = "/v1/stores/demo/products/tee-classic";
  const probe = await fetch(`http://127.0.0.1:${server.port}${product}/snippet`);
  const etag = probe.headers.get("etag") ?? "";
  await probe.text();
  const targets: Target[] = [
    { name: "empty handler (204)", path: "/bench/empty" },
    { name: "review list (JSON, 10 reviews)", path: `${product}/reviews` },
    { name: "snippet (HTML, 10 reviews + JSON-LD)", path: `${product}/snippet` },
    { name: "snippet, styles=link (no inline CSS)", path: `${product}/snippet?styles=link` },
    { name: "snippet, If-None-Match (304)", path: `${product}/snippet`, headers: { "if-none-match": etag } },
  ];
  // Warm up every route (JIT, SQLite page cache) before measuring.
  for (const target of targets) await load(server.port, target, 1);
  const results: Result[] = [];
  for (const target of targets) {
    const result = await load(server.port, target, SECONDS);
    results.push(result);
    console.log(
      `${result.name.padEnd(38)} ${result.perSecond.toFixed(0).padStart(7)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  ${result.bytes.toFixed(0)} B  errors ${result.errors}`,
    );
  }
  const table = [
    `\n## Snippet route — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `\`npm run bench:snippet\`: one server process (SQLite, demo seed), keep-alive load generator with ${CONNECTIONS} connections, ${SECONDS} s per route after 1 s warm-up; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}.`,
    "",
    "| route | req/s | p50 ms | p99 ms | bytes/response | errors |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.bytes.toFixed(0)} | ${r.errors} |`,
    ),
    "",
  ].join("\n");
  appendFileSync(join(here, "RESULTS.md"), table);
} finally {
  server.stop();
}
