import type { AppContext } from "../context.ts";
import { type CustomerTokenResult, verifyCustomerToken } from "../customer-token.ts";
import { ApiError } from "../errors.ts";
import type { StoreRecord } from "../stores/store-repo.ts";
import { verifyingSecrets } from "./signing-secrets.ts";

/**
 * Checks a customer token against the store's customer-token secrets: the current one and any
 * retired less than one token lifetime ago (a rotation's overlap). Never against an admin key.
 */
export async function verifyStoreCustomerToken(
  ctx: Pick<AppContext, "db" | "secrets" | "clock">,
  store: StoreRecord,
  token: string,
): Promise<CustomerTokenResult> {
  const now = ctx.clock();
  const secrets = await verifyingSecrets(ctx.db.kysely, ctx.secrets, {
    storeId: store.id,
    purpose: "customer_token",
    now,
    overlapSeconds: store.tokenLifetimeSeconds,
  });
  let result: CustomerTokenResult = { ok: false, reason: "invalid" };
  for (const secret of secrets) {
    result = verifyCustomerToken(secret, token, { now, lifetimeSeconds: store.tokenLifetimeSeconds });
    // "expired" is only said once the signature checked out: this is the token's secret.
    if (result.ok || result.reason === "expired") return result;
  }
  return result;
}

/** The customer a token speaks for; 401 invalid_customer_token or expired_customer_token otherwise. */
export async function customerOfToken(
  ctx: Pick<AppContext, "db" | "secrets" | "clock">,
  store: StoreRecord,
  token: string,
): Promise<string> {
  const result = await verifyStoreCustomerToken(ctx, store, token);
  if (result.ok) return result.customerId;
  throw result.reason === "expired"
    ? new ApiError(401, "expired_customer_token", "the customer token has expired; reload the page")
    : new ApiError(401, "invalid_customer_token", "the customer token is not valid");
}
