// All star badges on a collection page ask for their own summary; this turns them into as few
// `/summaries?products=…` requests as the contract allows.
import type { Summary } from "./api-types.ts";
import { LIMITS } from "./api-types.ts";
import { invalidResponse } from "./errors.ts";

/** Keeps a batch URL well under the request-line limits of common servers and proxies. */
const MAX_IDS_CHARS = 4000;

/**
 * Splits ids into request-sized chunks: deduped, ≤ 100 ids, bounded URL length. An id holding a
 * comma cannot travel in the comma list, so it gets a chunk of its own (fetched by the single route).
 */
export function chunkProductIds(productIds: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let chars = 0;
  for (const id of new Set(productIds)) {
    if (id.includes(",")) {
      chunks.push([id]);
      continue;
    }
    const size = encodeURIComponent(id).length + 3; // + the encoded comma
    if (chunk.length === LIMITS.summariesMax || (chunk.length > 0 && chars + size > MAX_IDS_CHARS)) {
      chunks.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(id);
    chars += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export const summaryFor = (summaries: Map<string, Summary>, productId: string): Summary => {
  const summary = summaries.get(productId);
  if (!summary) throw invalidResponse(`no summary for product "${productId}"`);
  return summary;
};

type Waiter = { resolve(summary: Summary): void; reject(error: unknown): void };

/**
 * Collects `getSummary` calls until the current task ends, then fetches them together. We flush on
 * `setTimeout(0)` rather than a microtask: widgets reach `getSummary` after awaits of their own
 * (a lazily imported chunk, Preact's effect flush), and a macrotask boundary still catches every call
 * made before the browser yields, where a microtask can fire before those awaits settle. The cost
 * is under a millisecond, next to a network round trip.
 */
export function createSummaryBatcher(
  fetchChunk: (productIds: string[]) => Promise<Map<string, Summary>>,
): (productId: string) => Promise<Summary> {
  let pending = new Map<string, Waiter[]>();
  let scheduled = false;

  function flush(): void {
    const batch = pending;
    pending = new Map();
    scheduled = false;
    for (const chunk of chunkProductIds([...batch.keys()])) {
      fetchChunk(chunk).then(
        (summaries) => {
          for (const id of chunk) {
            for (const waiter of batch.get(id) ?? []) {
              try {
                waiter.resolve(summaryFor(summaries, id));
              } catch (error) {
                waiter.reject(error);
              }
            }
          }
        },
        (error: unknown) => {
          for (const id of chunk) for (const waiter of batch.get(id) ?? []) waiter.reject(error);
        },
      );
    }
  }

  return (productId) =>
    new Promise<Summary>((resolve, reject) => {
      const waiters = pending.get(productId);
      if (waiters) waiters.push({ resolve, reject });
      else pending.set(productId, [{ resolve, reject }]);
      if (!scheduled) {
        scheduled = true;
        setTimeout(flush, 0);
      }
    });
}
