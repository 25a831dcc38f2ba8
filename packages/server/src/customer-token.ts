import { createHmac, timingSafeEqual } from "node:crypto";

// A customer token is made by the store's own server for its logged-in shopper (API.md):
//   customerId + "." + unixSeconds + "." + hex(HMAC-SHA256(storeSecret, customerId + "." + unixSeconds))
// customerId may itself contain dots, so the token is parsed from the right.

export type CustomerTokenResult =
  | { ok: true; customerId: string; issuedAt: number }
  | { ok: false; reason: "invalid" | "expired" };

/** How far in the future a token's timestamp may lie (clock skew between the servers). */
export const FUTURE_SKEW_SECONDS = 60;

function signature(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("hex");
}

export function signCustomerToken(secret: string, customerId: string, now: Date = new Date()): string {
  const payload = `${customerId}.${Math.floor(now.getTime() / 1000)}`;
  return `${payload}.${signature(secret, payload)}`;
}

export function verifyCustomerToken(
  secret: string,
  token: string,
  options: { now: Date; lifetimeSeconds: number },
): CustomerTokenResult {
  const lastDot = token.lastIndexOf(".");
  const secondDot = lastDot > 0 ? token.lastIndexOf(".", lastDot - 1) : -1;
  if (secondDot <= 0) return { ok: false, reason: "invalid" };
  const customerId = token.slice(0, secondDot);
  const secondsText = token.slice(secondDot + 1, lastDot);
  const given = token.slice(lastDot + 1);
  if (!/^\d{1,12}$/.test(secondsText) || !/^[0-9a-f]{64}$/i.test(given))
    return { ok: false, reason: "invalid" };

  const expected = Buffer.from(signature(secret, `${customerId}.${secondsText}`), "hex");
  if (!timingSafeEqual(expected, Buffer.from(given, "hex"))) return { ok: false, reason: "invalid" };

  const issuedAt = Number(secondsText);
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  if (issuedAt > nowSeconds + FUTURE_SKEW_SECONDS) return { ok: false, reason: "invalid" };
  if (nowSeconds - issuedAt > options.lifetimeSeconds) return { ok: false, reason: "expired" };
  return { ok: true, customerId, issuedAt };
}
