// Lighthouse 12.2.3 performance score of the demo product page with and without Plaudit.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM, CHROMIUM_ARGS } from "../scripts/chromium.mjs";
import { benchDir, median, repoRoot, table } from "./results-file.ts";

const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_ARGS].join(" ");

interface Report {
  score: number;
  tbt: number;
  lcp: number;
  cls: number;
}

function lighthouse(url: string, name: string): Report {
  const out = join(benchDir, ".out");
  mkdirSync(out, { recursive: true });
  const file = join(out, `lighthouse-${name}.json`);
  execFileSync(
    join(repoRoot, "node_modules/.bin/lighthouse"),
    [
      url,
      "--quiet",
      "--only-categories=performance",
      "--output=json",
      `--output-path=${file}`,
      `--chrome-flags=${CHROME_FLAGS}`,
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ["ignore", "ignore", "inherit"] },
  );
  const lhr = JSON.parse(readFileSync(file, "utf8"));
  return {
    score: Math.round(lhr.categories.performance.score * 100),
    tbt: lhr.audits["total-blocking-time"].numericValue,
    lcp: lhr.audits["largest-contentful-paint"].numericValue,
    cls: lhr.audits["cumulative-layout-shift"].numericValue,
  };
}

export function benchLighthouse(
  servers: { withPlaudit: string; withoutPlaudit: string },
  runs: number,
): { section: string; delta: number } {
  const path = "/demo/tee-classic.html";
  const withR: Report[] = [];
  const withoutR: Report[] = [];
  for (let i = 0; i < runs; i++) {
    withR.push(lighthouse(servers.withPlaudit + path, `with-${i}`));
    withoutR.push(lighthouse(servers.withoutPlaudit + path, `without-${i}`));
    process.stdout.write(
      `lighthouse run ${i + 1}: with ${JSON.stringify(withR.at(-1))} without ${JSON.stringify(withoutR.at(-1))}\n`,
    );
  }
  const m = (list: Report[], key: keyof Report) => median(list.map((r) => r[key]));
  const delta = m(withR, "score") - m(withoutR, "score");
  const section = [
    `### Lighthouse 12.2.3 performance, demo product page (default mobile throttling, median of ${runs} runs)`,
    "",
    table(
      ["", "without Plaudit", "with Plaudit", "delta"],
      [
        [
          "performance score",
          m(withoutR, "score"),
          m(withR, "score"),
          `**${delta >= 0 ? "+" : ""}${delta}**`,
        ],
        [
          "total blocking time",
          `${m(withoutR, "tbt").toFixed(0)} ms`,
          `${m(withR, "tbt").toFixed(0)} ms`,
          `${(m(withR, "tbt") - m(withoutR, "tbt")).toFixed(0)} ms`,
        ],
        [
          "largest contentful paint",
          `${m(withoutR, "lcp").toFixed(0)} ms`,
          `${m(withR, "lcp").toFixed(0)} ms`,
          `${(m(withR, "lcp") - m(withoutR, "lcp")).toFixed(0)} ms`,
        ],
        [
          "CLS",
          m(withoutR, "cls").toFixed(3),
          m(withR, "cls").toFixed(3),
          (m(withR, "cls") - m(withoutR, "cls")).toFixed(3),
        ],
      ],
    ),
  ].join("\n");
  return { section, delta };
}
