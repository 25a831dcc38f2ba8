import type { AppContext } from "../context.ts";
import { signingSecretFor } from "./signing-secrets.ts";

/**
 * The store's secret for links Plaudit signs and checks itself (review-request pages, unsubscribe
 * links): its own purpose, never an admin key or the customer-token secret. Made on first use.
 * Sign with a purpose prefix in the HMAC input as well (review-requests/link-token.ts does).
 */
export function linkSecretFor(
  ctx: Pick<AppContext, "db" | "secrets" | "clock">,
  storeId: string,
): Promise<string> {
  return signingSecretFor(ctx.db.kysely, ctx.secrets, { storeId, purpose: "links", now: ctx.clock() });
}
