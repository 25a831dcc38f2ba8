// Review requests end to end for 10,000 fulfilled orders: how fast they are scheduled (each order
// POSTed with fulfilledAt through the real HTTP server: the order, its request and its job in one
// transaction) and sent (the job runner composing each email and handing it to a local SMTP sink
// over a pooled connection), then what the hosted review page costs: bytes and render time.
//
//   npm run bench:requests [-- --orders 10000 --db sqlite|postgres --concurrency 16]
//
// Adds a section to bench/RESULTS.md.
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { serverJobRunner, smtpMailer } from "@plaudit/server";
import { makeStore } from "../packages/server/testing/fixtures.ts";
import { startSmtpSink } from "../packages/server/testing/smtp-sink.ts";
import { startTestServer } from "../packages/server/testing/test-server.ts";
import { addSection, machine, median, table, today } from "./results-file.ts";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "10000" },
    db: { type: "string", default: "sqlite" },
    concurrency: { type: "string", default: "16" },
    pages: { type: "string", default: "300" },
  },
});
const ORDERS = Number(values.orders);
const CONCURRENCY = Number(values.concurrency);
const PAGES = Number(values.pages);
const kind = values.db === "postgres" ? "postgres" : "sqlite";

const sink = await startSmtpSink({ parse: false });
const mailer = smtpMailer(sink.url);
const server = await startTestServer({ db: kind, mailer });
server.app.ctx.publicUrl = server.url;
const { secretKey } = await makeStore(server.db, { name: "Bench shop" });
const headers = { authorization: `Bearer ${secretKey}`, "content-type": "application/json" };
const call = async (method: string, path: string, body: unknown) => {
  const res = await fetch(`${server.url}${path}`, { method, headers, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
};

try {
  await call("PUT", "/v1/admin/review-requests/settings", {
    enabled: true,
    delayDays: 0,
    reminderDays: 0,
    maxPerAddressPer30Days: 5,
    from: { name: "Bench shop", email: "hello@bench.example" },
  });
  for (const id of ["lamp", "bulb", "shade"]) {
    await call("PUT", `/v1/admin/products/${id}`, {
      name: `The ${id}`,
      url: `https://bench.example/p/${id}`,
      imageUrl: `https://cdn.bench.example/${id}.jpg`,
    });
  }

  const fulfilledAt = new Date(Date.now() - 60_000).toISOString();
  let next = 0;
  const scheduleStarted = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < ORDERS; i = next++) {
        await call("POST", "/v1/admin/orders", {
          orderId: `o-${i}`,
          customerId: `c-${i}`,
          email: `buyer${i}@example.com`,
          customerName: "Sam",
          locale: ["en", "de", "he"][i % 3],
          total: 42,
          currency: "EUR",
          items: [
            { productId: "lamp", quantity: 1, price: 30 },
            { productId: "bulb", quantity: 2, price: 6 },
          ],
          fulfilledAt,
        });
      }
    }),
  );
  const scheduleSeconds = (performance.now() - scheduleStarted) / 1000;
  process.stdout.write(`scheduled ${ORDERS} in ${scheduleSeconds.toFixed(1)} s\n`);

  const runner = serverJobRunner(server.app.ctx, { batch: 100 });
  const sendStarted = performance.now();
  const sent = await runner.drain();
  await sink.waitFor(ORDERS);
  const sendSeconds = (performance.now() - sendStarted) / 1000;
  process.stdout.write(`sent ${sent} in ${sendSeconds.toFixed(1)} s\n`);
  if (sink.count() !== ORDERS || sent !== ORDERS)
    throw new Error(`sent ${sent}, the sink has ${sink.count()}`);

  // The hosted page as the first email's 4-star link opens it.
  const raw = (sink.firstRaw() ?? "").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const link = /https?:\/\/[^\s"<>]+\/r\/q\.[^\s"<>?]+\?product=lamp(?:&amp;|&)rating=4/
    .exec(raw)?.[0]
    ?.replace("&amp;", "&");
  if (!link) throw new Error("no star link in the first message");
  const times: number[] = [];
  let bytes = 0;
  let gzipBytes = 0;
  for (let i = 0; i < PAGES; i++) {
    const started = performance.now();
    const res = await fetch(link);
    const html = await res.text();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`page: ${res.status}`);
    bytes = Buffer.byteLength(html);
    gzipBytes = gzipSync(html).length;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.ceil(0.95 * sorted.length) - 1] ?? 0;

  const rows = [
    [
      "requests scheduled / s",
      (ORDERS / scheduleSeconds).toFixed(0),
      `${ORDERS} fulfilled orders POSTed, ${CONCURRENCY} at a time`,
    ],
    ["requests sent / s", (ORDERS / sendSeconds).toFixed(0), "one job runner, pooled SMTP to a local sink"],
    ["hosted page bytes", `${bytes} (${gzipBytes} gzipped)`, "2 products, no script, one response"],
    [
      "hosted page render, median / p95",
      `${median(times).toFixed(1)} / ${p95.toFixed(1)} ms`,
      `${PAGES} GETs, request to last byte`,
    ],
  ];
  const section = `## Review requests (${today()}, ${kind}, ${machine()})

\`npm run bench:requests -- --orders ${ORDERS} --db ${kind}\`

${table(["what", "figure", "how"], rows)}`;
  process.stdout.write(`${section}\n`);
  addSection(section);
} finally {
  mailer.close();
  await server.close();
  await sink.close();
}
