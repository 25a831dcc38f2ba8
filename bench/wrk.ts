import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pinning } from "./processes.ts";
import { benchDir } from "./results-file.ts";

export interface WrkResult {
  rps: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
  errors: number;
}

export interface WrkTarget {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Give each request its own Idempotency-Key (redemptions). */
  uniqueIdempotencyKey?: boolean;
}

const ms = (value: string, unit: string) =>
  Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? Number.NaN);

/** Runs Debian's wrk (C, one thread) against `target` and parses its --latency report. */
export function runWrk(target: WrkTarget, options: { seconds: number; connections: number }): WrkResult {
  const out = join(benchDir, ".out");
  mkdirSync(out, { recursive: true });
  const script = join(out, `wrk-${Math.random().toString(36).slice(2)}.lua`);
  const headers = Object.entries({
    ...(target.body ? { "Content-Type": "application/json" } : {}),
    ...target.headers,
  });
  const method = JSON.stringify(target.method ?? "GET");
  const body = JSON.stringify(target.body ?? "");
  // A fixed request is built once by wrk; a script function runs Lua per request (only where each
  // request must differ: a fresh Idempotency-Key), which costs the load generator time and jitter.
  const lua = target.uniqueIdempotencyKey
    ? [
        "local n = 0",
        `local headers = { ${headers.map(([k, v]) => `[${JSON.stringify(k)}]=${JSON.stringify(v)}`).join(", ")} }`,
        `local body = ${body}`,
        "request = function()",
        "  n = n + 1",
        '  headers["Idempotency-Key"] = "bench-" .. tostring(os.time()) .. "-" .. tostring(n) .. "-" .. tostring(math.random(1e9))',
        `  return wrk.format(${method}, nil, headers, ${target.body ? "body" : "nil"})`,
        "end",
      ]
    : [
        `wrk.method = ${method}`,
        ...(target.body ? [`wrk.body = ${body}`] : []),
        ...headers.map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`),
      ];
  writeFileSync(script, `${lua.join("\n")}\n`);
  const [command, ...prefix] = [...pinning.load, "wrk"];
  const text = execFileSync(
    command as string,
    [
      ...prefix,
      "-t1",
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      "--latency",
      "-s",
      script,
      target.url,
    ],
    { encoding: "utf8" },
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1]);
  const p50 = /\s50%\s+([\d.]+)(us|ms|s)/.exec(text);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(text);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(text)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  return {
    rps,
    p50ms: p50 ? ms(p50[1]!, p50[2]!) : Number.NaN,
    p99ms: p99 ? ms(p99[1]!, p99[2]!) : Number.NaN,
    non2xx,
    errors: errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
  };
}
