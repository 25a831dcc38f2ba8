import type { Context } from "hono";
import type { AppContext } from "../context.ts";
import { verifyCustomerToken } from "../customer-token.ts";
import { ApiError } from "../errors.ts";
import type { StoreRecord } from "../stores/store-repo.ts";

const TOKEN_MAX = 512;

/**
 * The customer a loyalty request speaks for: the X-Plaudit-Customer header, else `customerToken`
 * in the body. Tokens are signed with the store's own secret, so another store's token fails the
 * signature check (401 invalid_customer_token); an old one is 401 expired_customer_token.
 */
export function customerOf(ctx: AppContext, c: Context, store: StoreRecord, bodyToken?: unknown): string {
  const header = c.req.header("x-plaudit-customer");
  const token = header !== undefined && header !== "" ? header : bodyToken;
  if (typeof token !== "string" || token === "") {
    throw new ApiError(
      401,
      "invalid_customer_token",
      "sign in first: this needs a customer token (X-Plaudit-Customer)",
    );
  }
  if (token.length > TOKEN_MAX)
    throw new ApiError(401, "invalid_customer_token", "the customer token is not valid");
  const result = verifyCustomerToken(store.secretKey, token, {
    now: ctx.clock(),
    lifetimeSeconds: store.tokenLifetimeSeconds,
  });
  if (result.ok) {
    if ([...result.customerId].length > 200) {
      throw new ApiError(401, "invalid_customer_token", "the customer id is longer than 200 characters");
    }
    return result.customerId;
  }
  throw result.reason === "expired"
    ? new ApiError(401, "expired_customer_token", "the customer token has expired; reload the page")
    : new ApiError(401, "invalid_customer_token", "the customer token is not valid");
}
