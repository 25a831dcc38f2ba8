import type { Context } from "hono";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { customerOfToken } from "../keys/store-tokens.ts";
import type { StoreRecord } from "../stores/store-repo.ts";

const TOKEN_MAX = 512;

/**
 * The customer a loyalty request speaks for: the X-Plaudit-Customer header, else `customerToken`
 * in the body. Tokens are signed with the store's customer-token secret, so another store's token fails the
 * signature check (401 invalid_customer_token); an old one is 401 expired_customer_token.
 */
export async function customerOf(
  ctx: AppContext,
  c: Context,
  store: StoreRecord,
  bodyToken?: unknown,
): Promise<string> {
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
  const customerId = await customerOfToken(ctx, store, token);
  if ([...customerId].length > 200) {
    throw new ApiError(401, "invalid_customer_token", "the customer id is longer than 200 characters");
  }
  return customerId;
}
