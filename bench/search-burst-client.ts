// The load side of bench/search-stall.ts, in its own process so it never shares the server's event
// loop: sends the given search terms to one URL with `concurrency` requests in flight, and prints
// `{ sent, statuses, seconds }` as JSON on stdout.
export {};

const [base, termsJson, concurrencyText] = process.argv.slice(2);
const terms = JSON.parse(termsJson ?? "[]") as string[];
const concurrency = Number(concurrencyText ?? 8);
const statuses: Record<string, number> = {};
let next = 0;
const started = performance.now();

async function worker(): Promise<void> {
  while (next < terms.length) {
    const term = terms[next++] as string;
    try {
      const response = await fetch(`${base}?q=${encodeURIComponent(term)}`);
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? "fetch failed";
      statuses[code] = (statuses[code] ?? 0) + 1;
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
process.stdout.write(
  JSON.stringify({ sent: terms.length, statuses, seconds: (performance.now() - started) / 1000 }),
);
