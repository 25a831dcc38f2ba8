// All star badges on a collection page ask for their own product; this turns them into as few
// batched requests (`/summaries?products=…`, the first paint's `/badges?products=…`) as the
// contract allows. Its own file with nothing of the store or client in it: the loader's first paint
// batches with it before any widget code loads.
import { SUMMARIES_MAX } from "./api-types.ts";

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
    if (chunk.length === SUMMARIES_MAX || (chunk.length > 0 && chars + size > MAX_IDS_CHARS)) {
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

type Waiter<T> = { resolve(answer: T): void; reject(error: unknown): void };

/** The answer for `productId` in a batch's answers; `missing` makes the error when it is not there. */
export function answerFor<T>(
  answers: Map<string, T>,
  productId: string,
  missing: (productId: string) => unknown,
): T {
  if (!answers.has(productId)) throw missing(productId);
  return answers.get(productId) as T;
}

/**
 * Collects calls until the current task ends, then fetches them together. We flush on
 * `setTimeout(0)` rather than a microtask: widgets reach `getSummary` after awaits of their own
 * (a lazily imported chunk, Preact's effect flush), and a macrotask boundary still catches every call
 * made before the browser yields, where a microtask can fire before those awaits settle. The cost
 * is under a millisecond, next to a network round trip.
 */
export function createIdBatcher<T>(
  fetchChunk: (productIds: string[]) => Promise<Map<string, T>>,
  missing: (productId: string) => unknown,
): (productId: string) => Promise<T> {
  let pending = new Map<string, Waiter<T>[]>();
  let scheduled = false;

  function flush(): void {
    const batch = pending;
    pending = new Map();
    scheduled = false;
    for (const chunk of chunkProductIds([...batch.keys()])) {
      fetchChunk(chunk).then(
        (answers) => {
          for (const id of chunk) {
            for (const waiter of batch.get(id) ?? []) {
              try {
                waiter.resolve(answerFor(answers, id, missing));
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
    new Promise<T>((resolve, reject) => {
      const waiters = pending.get(productId);
      if (waiters) waiters.push({ resolve, reject });
      else pending.set(productId, [{ resolve, reject }]);
      if (!scheduled) {
        scheduled = true;
        setTimeout(flush, 0);
      }
    });
}
