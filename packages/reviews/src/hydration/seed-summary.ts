// Seeding the page's store with a server-rendered summary (the star badge and the reviews widget).
import { type PlauditStore, summaryKey } from "@plaudit/core";
import type { ServerState } from "./server-state.ts";

/** Same data, whoever fetched it (e.g. the star badge seeded the summary from the same page). */
export const sameData = (a: unknown, b: unknown): boolean =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Puts the server's summary into the store unless it has one; answers whether the store now holds
 * the summary the server rendered.
 */
export function seedSummary(store: PlauditStore, state: ServerState): boolean {
  const key = summaryKey(state.store, state.productId);
  const existing = store.getState().summaries[key]?.data;
  if (existing !== undefined) return sameData(existing, state.summary);
  store.setState((current) => ({
    summaries: { ...current.summaries, [key]: { status: "ready", data: state.summary } },
  }));
  return true;
}
