// Upload latency of a 4 MB phone-sized JPEG (12 MP) through the real HTTP server: sniffing,
// decoding, auto-rotation, three WebP + three JPEG sizes, placeholder, storage, database row.
// Run: npm run bench:media   (appends a line to bench/RESULTS.md)
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { makeStore } from "../packages/server/testing/fixtures.ts";
import { photoPixels } from "../packages/server/testing/test-files.ts";
import { startTestServer } from "../packages/server/testing/test-server.ts";
import { filePart, upload } from "../packages/server/testing/upload-client.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

async function fourMegabyteJpeg(): Promise<Buffer> {
  // Tune quality until the file is about 4 MB, like a phone photo.
  for (const quality of [90, 95, 98, 100]) {
    const jpeg = await photoPixels(4000, 3000).jpeg({ quality, chromaSubsampling: "4:4:4" }).toBuffer();
    if (jpeg.length >= 3.8 * 1024 * 1024) return jpeg;
  }
  return photoPixels(4000, 3000).jpeg({ quality: 100, chromaSubsampling: "4:4:4" }).toBuffer();
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

const server = await startTestServer({ db: "sqlite" });
try {
  const { storeId } = await makeStore(server.db);
  const photo = await fourMegabyteJpeg();
  const meta = await sharp(photo).metadata();
  const url = `${server.url}/v1/stores/${storeId}/media`;
  // Warm up sharp's thread pool and the code paths once.
  await upload(url, [filePart(photo)]);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const res = await upload(url, [filePart(photo)]);
    times.push(performance.now() - started);
    if (res.status !== 201)
      throw new Error(`upload ${i} answered ${res.status}: ${JSON.stringify(res.json)}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p50 = Math.round(percentile(sorted, 50));
  const p95 = Math.round(percentile(sorted, 95));
  const mb = (photo.length / 1024 / 1024).toFixed(1);
  const cpu = `${cpus()[0]?.model.trim() ?? "cpu"} × ${availableParallelism()}`;
  const line = `| ${new Date().toISOString().slice(0, 10)} | media upload | ${mb} MB JPEG ${meta.width}×${meta.height}, ${RUNS} sequential uploads, SQLite + local disk | p50 ${p50} ms, p95 ${p95} ms | ${cpu}, Node ${process.versions.node}, sharp ${sharp.versions.sharp} |\n`;
  process.stdout.write(
    `media upload of a ${mb} MB JPEG (${meta.width}×${meta.height}): p50 ${p50} ms, p95 ${p95} ms over ${RUNS} runs\n`,
  );
  const results = join(dirname(fileURLToPath(import.meta.url)), "RESULTS.md");
  if (!existsSync(results))
    writeFileSync(
      results,
      "# Benchmark results\n\n| date | bench | what | result | machine |\n|---|---|---|---|---|\n",
    );
  appendFileSync(results, line);
} finally {
  await server.close();
}
