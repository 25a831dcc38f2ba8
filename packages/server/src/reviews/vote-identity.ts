import type { AppContext } from "../context.ts";
import { verifyStoreCustomerToken } from "../keys/store-tokens.ts";
import type { StoreRecord } from "../stores/store-repo.ts";
import { senderKey } from "./spam-rules.ts";

// Who a helpful vote counts for (issue 19). The body's `voter` string is made by the browser, so
// fresh ones cost nothing: it is still accepted (older widgets send it) but counts for nothing. A
// vote is one per review per signed-in customer (a valid customer token) or, without one, per
// client address — kept only as a keyed hash.

export const VOTE_VELOCITY = {
  /** Votes one address may have counted in a burst, refilled at 20 an hour; beyond, answered but not counted. */
  rule: { capacity: 20, refillPerSecond: 20 / 3600 },
} as const;

/** The votes table's `voter` for this request. An invalid or expired token falls back to the address. */
export async function voterKey(
  ctx: Pick<AppContext, "db" | "secrets" | "clock">,
  store: StoreRecord,
  args: { token: string | undefined; address: string },
): Promise<string> {
  if (args.token && args.token.length <= 512) {
    const result = await verifyStoreCustomerToken(ctx, store, args.token);
    if (result.ok) return `customer:${result.customerId}`;
  }
  return `address:${senderKey(store.id, args.address)}`;
}
